/**
 * A local stand-in for Discord, enough for the real discord.js Client to log in, receive
 * interactions and answer them: REST under `/api/v10`, `GET /gateway/bot`, and a gateway
 * WebSocket (HELLO, IDENTIFY, heartbeats, READY, GUILD_CREATE, INTERACTION_CREATE, RESUME).
 *
 * It records every REST call, lets a test send interactions the way Discord does and await the
 * bot's answers, and lets a test intercept any REST call (`onRequest`) to inject faults, or
 * declare faults (`inject`: a status such as 429 or 500, a delay) for the calls that match.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocket, WebSocketServer } from "ws";

/** One REST call the bot made. */
export interface RecordedRequest {
  method: string;
  /** The path without the query, percent-decoded (`%40original` is `@original`): `/api/v10/interactions/…/callback`. */
  path: string;
  query: Record<string, string>;
  /** The JSON body, or undefined when there was none. */
  body: any;
  headers: IncomingMessage["headers"];
  /** When the call arrived, `performance.now()`. */
  receivedAt: number;
  /** The status the server answered with, once it has. */
  status?: number;
  /** When the server answered, `performance.now()`. */
  answeredAt?: number;
}

/** A reply a test hands back instead of the default one, to inject a fault. */
export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A fault for the REST calls that match: the first `times` of them (1 unless given) are delayed
 * by `delayMs`, then answered with `response`, or handled as usual when there is none.
 */
export interface Fault {
  matches: (request: RecordedRequest) => boolean;
  times?: number;
  delayMs?: number;
  response?: InjectedResponse | ((request: RecordedRequest) => InjectedResponse);
}

export interface DiscordServerOptions {
  token: string;
  applicationId?: string;
  guildId?: string;
  /** Milliseconds between the heartbeats the gateway asks for. */
  heartbeatInterval?: number;
}

/** Discord's user object. */
export interface DiscordUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
}

/** An interaction the server sent, with what the bot did about it. */
export interface SentInteraction {
  id: string;
  token: string;
  payload: any;
  /** When it was dispatched, `performance.now()`. */
  sentAt: number;
  /** The REST calls that answer this interaction so far, in order. */
  readonly requests: RecordedRequest[];
  /** The first interaction callback (reply, defer, update or autocomplete result). */
  callback(): Promise<RecordedRequest>;
  /**
   * The message the user ends up seeing: the callback's message for a reply or an update;
   * after a defer, the first edit of the original or follow-up with a body. Resolves with the
   * message body and where it came from.
   */
  message(): Promise<{ via: RecordedRequest; body: any; ephemeral: boolean }>;
}

export const API_VERSION = 10;
const DISCORD_EPOCH = 1_420_070_400_000n;
const EPHEMERAL = 64;
const EVERYONE_PERMISSIONS = "2248473465835073";

/** Interaction callback types (https://discord.com/developers/docs/interactions/receiving-and-responding). */
export const CallbackType = { Reply: 4, DeferReply: 5, DeferUpdate: 6, Update: 7, Autocomplete: 8 } as const;

let counter = 0n;
/** A snowflake for now, unique within the process. */
export function snowflake(): string {
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (counter++ & 0xfffn)).toString();
}

/** How a test describes a file a user attached to a command. */
export interface AttachedFile {
  size: number;
  url: string;
  content_type: string;
}

/**
 * The `data` of a slash command run with one subcommand, as Discord sends it: text options, and
 * the option named `file` as an attachment with its `resolved` entry, described by `describeFile`.
 */
export function subcommandData(
  command: string,
  subcommand: string,
  options: Record<string, string>,
  describeFile: (filename: string) => AttachedFile,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const attachments: Record<string, unknown> = {};
  const values = Object.entries(options).map(([name, value]) => {
    if (name !== "file") return { name, type: 3, value };
    const id = snowflake();
    const file = describeFile(value);
    attachments[id] = { id, filename: value, size: file.size, url: file.url, proxy_url: file.url, content_type: file.content_type };
    return { name, type: 11, value: id };
  });
  return {
    id: snowflake(),
    name: command,
    type: 1,
    ...extra,
    options: [{ type: 1, name: subcommand, options: values }],
    ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
  };
}

export class DiscordServer {
  /** Every REST call, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** The IDENTIFY payloads the gateway received. */
  readonly identifies: any[] = [];
  /** The RESUME payloads the gateway received. */
  readonly resumes: any[] = [];
  /** How many heartbeats the gateway acknowledged. */
  heartbeats = 0;
  /** Registered application commands: key "global" or the guild id. */
  readonly commands = new Map<string, any[]>();
  /** The declared faults not used up yet; see {@link DiscordServer.inject}. */
  readonly faults: Fault[] = [];
  /** Called for every REST call before the default handling; return a response to replace it. */
  onRequest: ((request: RecordedRequest) => InjectedResponse | undefined | Promise<InjectedResponse | undefined>) | undefined;

  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  readonly channelId = snowflake();
  readonly botUser: DiscordUser;

  private readonly http: Server;
  private readonly gateway: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters = new Set<() => void>();
  /** The REST calls that carry each interaction token, in order: found without a scan. */
  private readonly byToken = new Map<string, RecordedRequest[]>();
  /** Emits "session" whenever a bot becomes ready or resumes. */
  private readonly sessions = new EventEmitter();
  private readonly heartbeatInterval: number;
  private sequence = 0;
  /** The session's recent dispatches to every bot, replayed on RESUME as Discord does. */
  private readonly replay: { s: number; payload: unknown }[] = [];
  private sessionId = randomBytes(16).toString("hex");
  private port = 0;

  private constructor(options: DiscordServerOptions) {
    this.token = options.token;
    this.applicationId = options.applicationId ?? snowflake();
    this.guildId = options.guildId ?? snowflake();
    this.heartbeatInterval = options.heartbeatInterval ?? 41_250;
    this.botUser = { id: this.applicationId, username: "Citebot", global_name: null, discriminator: "0", avatar: null, bot: true };
    this.http = createServer((req, res) => void this.handle(req, res));
    this.gateway = new WebSocketServer({ server: this.http, path: "/gateway" });
    this.gateway.on("connection", (socket) => this.connect(socket));
  }

  /** Starts a server on 127.0.0.1 on a free port. */
  static async start(options: DiscordServerOptions): Promise<DiscordServer> {
    const server = new DiscordServer(options);
    server.http.listen(0, "127.0.0.1");
    await once(server.http, "listening");
    server.port = (server.http.address() as AddressInfo).port;
    return server;
  }

  /** The REST base to give discord.js (`rest.api`) or DISCORD_API_BASE: no version. */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The gateway URL `GET /gateway/bot` hands out. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** Whether a bot is connected and identified. */
  get connected(): boolean {
    return [...this.sockets].some((socket) => socket.readyState === WebSocket.OPEN);
  }

  /** Stops the server, closing the gateway connections as Discord would on shutdown. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.gateway.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  // ------------------------------------------------------------------------------------------
  // REST

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://localhost");
    const text = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    const request: RecordedRequest = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      body,
      headers: req.headers,
      receivedAt: performance.now(),
    };
    this.requests.push(request);
    const token = /\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(request.path)?.[1];
    if (token) {
      const list = this.byToken.get(token);
      if (list) list.push(request);
      else this.byToken.set(token, [request]);
    }
    for (const wake of [...this.waiters]) wake();
    const fault = this.takeFault(request);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const injected = typeof fault?.response === "function" ? fault.response(request) : fault?.response;
    const response = injected ?? (await this.onRequest?.(request)) ?? this.route(request);
    request.status = response.status;
    request.answeredAt = performance.now();
    if (res.destroyed) {
      for (const wake of [...this.waiters]) wake();
      return;
    }
    res.writeHead(response.status, { ...(response.body === undefined ? {} : { "content-type": "application/json" }), ...response.headers });
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Declares a fault for the REST calls that match, such as a 429 with retry_after on the next
   * interaction callback, or a slow answer. Faults apply in the order declared, before `onRequest`.
   */
  inject(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  private takeFault(request: RecordedRequest): Fault | undefined {
    const index = this.faults.findIndex((fault) => fault.matches(request));
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.faults.splice(index, 1);
    return fault;
  }

  /** The REST calls made with an interaction's token, in order. */
  requestsFor(token: string): readonly RecordedRequest[] {
    return this.byToken.get(token) ?? [];
  }

  /** Waits until `condition` holds, checking now and after every REST call. */
  async waitUntil(condition: () => boolean, timeoutMs = 5_000, describe = "the condition"): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`${describe} did not hold within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  private route(request: RecordedRequest): InjectedResponse {
    const prefix = `/api/v${API_VERSION}`;
    if (!request.path.startsWith(prefix)) return notFound();
    const path = request.path.slice(prefix.length);
    const { method } = request;
    const authorized = request.headers.authorization === `Bot ${this.token}`;
    let match: RegExpExecArray | null;

    if (method === "GET" && path === "/gateway/bot") {
      if (!authorized) return unauthorized();
      return {
        status: 200,
        body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
      };
    }
    if (method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      if (request.query.with_response !== "true") return { status: 204 };
      const message = request.body?.data ? this.message(request.body.data) : null;
      return { status: 200, body: { interaction: { id: path.split("/")[2], type: 2 }, resource: { type: request.body?.type, message } } };
    }
    if ((match = /^\/webhooks\/(\d+)\/[^/]+(?:\/messages\/([^/]+))?$/.exec(path))) {
      if (method === "DELETE") return { status: 204 };
      if (method === "PATCH" || method === "GET") return { status: 200, body: this.message(request.body ?? {}, match[2]) };
      if (method === "POST") return { status: 200, body: this.message(request.body ?? {}) };
    }
    if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (!authorized) return unauthorized();
      if (match[1] !== this.applicationId) return { status: 403, body: { message: "Missing Access", code: 50001 } };
      const scope = match[2] ?? "global";
      if (method === "GET") return { status: 200, body: this.commands.get(scope) ?? [] };
      if (method === "PUT" && Array.isArray(request.body)) {
        const registered = request.body.map((command: any) => ({
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          default_member_permissions: null,
          type: 1,
          ...command,
          ...(match![2] ? { guild_id: match![2] } : {}),
        }));
        this.commands.set(scope, registered);
        return { status: 200, body: registered };
      }
    }
    return notFound();
  }

  /** A message object as Discord returns it for a webhook or callback body. */
  message(body: any, id?: string): any {
    return {
      id: id && id !== "@original" ? id : snowflake(),
      channel_id: this.channelId,
      author: this.botUser,
      content: body.content ?? "",
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      type: 20,
      flags: body.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      application_id: this.applicationId,
      webhook_id: this.applicationId,
    };
  }

  /** Waits until a REST call matches, checking the ones already made first. */
  async waitForRequest(matches: (request: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    const found = this.requests.find(matches);
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no matching REST call within ${timeoutMs} ms; calls so far:\n${this.describeRequests().join("\n")}`));
      }, timeoutMs);
      const check = () => {
        const request = this.requests.find(matches);
        if (!request) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(request);
      };
      this.waiters.add(check);
    });
  }

  /** `METHOD /path` of every REST call so far, tokens left out. */
  describeRequests(requests: readonly RecordedRequest[] = this.requests): string[] {
    return requests.map((request) => `${request.method} ${request.path.replace(/(interactions\/\d+|webhooks\/\d+)\/[^/]+/, "$1/:token")}`);
  }

  // ------------------------------------------------------------------------------------------
  // Gateway

  private connect(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("message", (data) => this.onGatewayMessage(socket, JSON.parse(String(data))));
    send(socket, { op: 10, d: { heartbeat_interval: this.heartbeatInterval } });
  }

  private onGatewayMessage(socket: WebSocket, payload: { op: number; d: any }): void {
    switch (payload.op) {
      case 1: // heartbeat
        this.heartbeats++;
        send(socket, { op: 11 });
        break;
      case 2: // identify
        if (payload.d?.token !== this.token) {
          socket.close(4004, "Authentication failed.");
          return;
        }
        this.identifies.push(payload.d);
        this.dispatch("READY", this.readyPayload(), socket);
        this.dispatch("GUILD_CREATE", this.guildPayload(), socket);
        this.sessions.emit("session", "ready");
        break;
      case 6: // resume
        this.resumes.push(payload.d);
        if (payload.d?.token !== this.token || payload.d?.session_id !== this.sessionId) {
          send(socket, { op: 9, d: false });
          return;
        }
        // What was dispatched while the bot was away comes first, then RESUMED.
        for (const missed of this.replay) if (missed.s > (payload.d?.seq ?? 0)) send(socket, missed.payload);
        this.dispatch("RESUMED", {}, socket);
        this.sessions.emit("session", "resumed");
        break;
    }
  }

  /**
   * Closes every gateway connection with `code`, as Discord does when it restarts a node
   * (4000, unknown error: the bot may resume). 1006 drops the connection without a closing
   * handshake, as a network failure does. Resolves once the bot is connected again; what is
   * dispatched meanwhile is replayed when it resumes.
   */
  async disconnect(code = 4000): Promise<void> {
    const session = once(this.sessions, "session");
    for (const socket of this.sockets) {
      if (code === 1006) socket.terminate();
      else socket.close(code, "reconnect");
    }
    await session;
  }

  /** Asks every bot to reconnect (opcode 7), as Discord does before moving a session. Resolves once one is back. */
  async requestReconnect(): Promise<void> {
    const session = once(this.sessions, "session");
    for (const socket of this.sockets) send(socket, { op: 7, d: null });
    await session;
  }

  /**
   * Ends the session (opcode 9, not resumable), as Discord does when it lost it: the bot must
   * identify again. Resolves once it has a new session.
   */
  async invalidateSession(): Promise<void> {
    const session = once(this.sessions, "session");
    this.sessionId = randomBytes(16).toString("hex");
    this.replay.length = 0;
    for (const socket of this.sockets) send(socket, { op: 9, d: false });
    await session;
  }

  /** Sends a dispatch event to one connection or to every connected bot. */
  dispatch(event: string, data: unknown, socket?: WebSocket): void {
    const payload = { op: 0, t: event, s: ++this.sequence, d: data };
    if (!socket) {
      this.replay.push({ s: payload.s, payload });
      if (this.replay.length > 2_000) this.replay.shift();
    }
    for (const target of socket ? [socket] : this.sockets) send(target, payload);
  }

  private readyPayload() {
    return {
      v: API_VERSION,
      user: this.botUser,
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: this.sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    };
  }

  private guildPayload() {
    return {
      id: this.guildId,
      name: "Citebot test server",
      icon: null,
      owner_id: snowflake(),
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      features: [],
      preferred_locale: "en-US",
      roles: [
        { id: this.guildId, name: "@everyone", permissions: EVERYONE_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
      members: [{ user: this.botUser, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
      channels: [{ id: this.channelId, type: 0, name: "general", position: 0, permission_overwrites: [], guild_id: this.guildId }],
      threads: [],
      emojis: [],
      stickers: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ------------------------------------------------------------------------------------------
  // Interactions, as Discord sends them

  /** A member of the test server; every call makes a new one unless given an id. */
  user(id: string = snowflake()): DiscordUser {
    return { id, username: `user${id.slice(-4)}`, global_name: null, discriminator: "0", avatar: null };
  }

  /**
   * Sends an INTERACTION_CREATE with the fields every interaction carries. `guildId: null` sends
   * it from a DM (a `user`, no `member`); `member` overrides fields of the member, such as
   * `permissions` (a string of bits, or undefined to leave it out); `extra` adds or replaces
   * top-level fields, to send what Discord would not.
   */
  interact(fields: {
    type: number;
    data?: unknown;
    message?: unknown;
    user?: DiscordUser;
    guildId?: string | null;
    member?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  }): SentInteraction {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${randomBytes(24).toString("hex")}`;
    const user = fields.user ?? this.user();
    // What every interaction carries, in a server or in a DM.
    const common = {
      id,
      application_id: this.applicationId,
      type: fields.type,
      token,
      version: 1,
      ...(fields.data === undefined ? {} : { data: fields.data }),
      ...(fields.message === undefined ? {} : { message: fields.message }),
      channel_id: this.channelId,
      app_permissions: EVERYONE_PERMISSIONS,
      locale: "en-US",
      entitlements: [],
      attachment_size_limit: 10_485_760,
    };
    let payload: Record<string, unknown>;
    if (fields.guildId === null) {
      payload = {
        ...common,
        channel: { id: this.channelId, type: 1, recipients: [user], flags: 0 },
        user,
        authorizing_integration_owners: { "1": user.id },
        context: 1,
        ...fields.extra,
      };
    } else {
      const guildId = fields.guildId ?? this.guildId;
      const member: Record<string, unknown> = {
        user,
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        permissions: EVERYONE_PERMISSIONS,
        ...fields.member,
      };
      for (const key of Object.keys(member)) if (member[key] === undefined) delete member[key];
      payload = {
        ...common,
        guild_id: guildId,
        guild: { id: guildId, locale: "en-US", features: [] },
        channel: { id: this.channelId, type: 0, guild_id: guildId, name: "general", position: 0, permissions: EVERYONE_PERMISSIONS, flags: 0 },
        member,
        guild_locale: "en-US",
        authorizing_integration_owners: { "0": guildId },
        context: 0,
        ...fields.extra,
      };
    }
    const sentAt = performance.now();
    this.dispatch("INTERACTION_CREATE", payload);
    return this.track(id, token, payload, sentAt);
  }

  /** A slash command: `/name option:value …`. */
  chatInput(name: string, options: Record<string, string | boolean> = {}, user?: DiscordUser): SentInteraction {
    return this.interact({
      type: 2,
      data: {
        id: this.commandId(name),
        name,
        type: 1,
        guild_id: this.guildId,
        options: Object.entries(options).map(([option, value]) => ({ name: option, type: typeof value === "boolean" ? 5 : 3, value })),
      },
      ...(user ? { user } : {}),
    });
  }

  /** Autocomplete while typing `option` of `/name`. */
  autocomplete(name: string, option: string, typed: string, others: Record<string, string> = {}): SentInteraction {
    return this.interact({
      type: 4,
      data: {
        id: this.commandId(name),
        name,
        type: 1,
        guild_id: this.guildId,
        options: [
          ...Object.entries(others).map(([other, value]) => ({ name: other, type: 3, value })),
          { name: option, type: 3, value: typed, focused: true },
        ],
      },
    });
  }

  /** A message context-menu command on a message someone wrote. */
  messageCommand(name: string, content: string, user?: DiscordUser): SentInteraction {
    const author = this.user();
    const message = { ...this.message({ content }), author, type: 0, webhook_id: undefined, application_id: undefined };
    return this.interact({
      type: 2,
      data: { id: this.commandId(name), name, type: 3, guild_id: this.guildId, target_id: message.id, resolved: { messages: { [message.id]: message } } },
      ...(user ? { user } : {}),
    });
  }

  /** A click on a button of a message the bot sent (`body` as the bot sent it). */
  button(customId: string, body: any, user?: DiscordUser): SentInteraction {
    return this.interact({ type: 3, data: { custom_id: customId, component_type: 2 }, message: this.message(body), ...(user ? { user } : {}) });
  }

  private commandId(name: string): string {
    const registered = [...this.commands.values()].flat().find((command) => command.name === name);
    return registered?.id ?? snowflake();
  }

  private track(id: string, token: string, payload: unknown, sentAt: number): SentInteraction {
    const mine = (request: RecordedRequest) => request.path.includes(`/${token}`);
    const server = this;
    const isCallback = (request: RecordedRequest) => mine(request) && request.path.endsWith("/callback");
    return {
      id,
      token,
      payload,
      sentAt,
      get requests() {
        return [...server.requestsFor(token)];
      },
      callback: () => this.waitForRequest(isCallback),
      async message() {
        const callback = await server.waitForRequest(isCallback);
        const { type, data } = callback.body;
        if (type === CallbackType.Reply || type === CallbackType.Update) {
          return { via: callback, body: data, ephemeral: ((data?.flags ?? 0) & EPHEMERAL) !== 0 };
        }
        const deferredEphemeral = ((data?.flags ?? 0) & EPHEMERAL) !== 0;
        const via = await server.waitForRequest((r) => mine(r) && !r.path.endsWith("/callback") && r.body !== undefined && r.method !== "GET");
        const followUp = via.method === "POST";
        return { via, body: via.body, ephemeral: followUp ? ((via.body.flags ?? 0) & EPHEMERAL) !== 0 : deferredEphemeral };
      },
    };
  }
}

function send(socket: WebSocket, payload: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
}

function notFound(): InjectedResponse {
  return { status: 404, body: { message: "404: Not Found", code: 0 } };
}

function unauthorized(): InjectedResponse {
  return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
}
