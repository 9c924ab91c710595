/**
 * Discord's faults, injected by the local server, through the real discord.js client: a 429
 * with retry_after, a 500, slow answers, the gateway dropped (1006) or closed (4000), and an
 * interaction whose token has expired (404, 10062). The bot logs each, recovers, answers the
 * next interaction, and never answers one twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/answers/engine";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { botConfig, linesLogger } from "../support/bot";
import { DiscordServer, type RecordedRequest, type SentInteraction } from "../support/discord-server";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDA2.GtEsT6.reliability-faults-fake-token_0606";

let server: DiscordServer;
let bot: BotHandle;
const logLines: string[] = [];
const sent: SentInteraction[] = [];

const engine = Engine.fromArticles([
  { id: "tiny", title: "Tiny", paragraphs: ["“Hello there,” Ann Smith said. “We will build the bridge,” the mayor said."] },
]);

beforeAll(async () => {
  server = await DiscordServer.start({ token: TOKEN, heartbeatInterval: 1_000 });
  const config = botConfig(server, TOKEN);
  const logger = linesLogger(logLines, TOKEN);
  bot = await startBot(config, engine, { logger });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** A slash command, remembered for the final check that none was answered twice. */
function ask(name: string, options: Record<string, string | boolean>): SentInteraction {
  const interaction = server.chatInput(name, options);
  sent.push(interaction);
  return interaction;
}

const isCallback = (request: RecordedRequest) => request.path.endsWith("/callback");
const ok = (request: RecordedRequest) => request.status !== undefined && request.status < 300;
/** The interaction callbacks the bot made for one interaction, accepted or not. */
const callbacks = (interaction: SentInteraction) => interaction.requests.filter(isCallback);
/** The next callback of an interaction not answered yet. */
const nextCallback = (request: RecordedRequest) => isCallback(request) && request.status === undefined;

/** The accepted callback of an interaction, once there is one. */
async function answered(interaction: SentInteraction, timeoutMs = 3_000): Promise<RecordedRequest> {
  await server.waitUntil(() => callbacks(interaction).some(ok), timeoutMs, `an accepted callback for ${interaction.id}`);
  return callbacks(interaction).find(ok)!;
}

/** The parsed log lines. */
const log = () => logLines.map((line) => JSON.parse(line) as Record<string, any>);

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("Discord faults", () => {
  it("a 429 with retry_after on the callback: waits as told, retries once, logs it, answers", async () => {
    server.inject({
      matches: nextCallback,
      response: {
        status: 429,
        body: { message: "You are being rate limited.", retry_after: 0.4, global: false },
        headers: { "retry-after": "0.4", "x-ratelimit-scope": "user" },
      },
    });
    const interaction = ask("source", { citation: "tiny:1.1" });
    const { body } = await answered(interaction);
    expect(body.data.embeds[0].description).toContain("`tiny:1.1`");
    const [limited, accepted] = callbacks(interaction);
    expect(callbacks(interaction).map((request) => request.status)).toEqual([429, 204]);
    // discord.js waits retry_after (400 ms) plus its 50 ms offset before trying again.
    expect(accepted!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(400);
    await until(() => log().some((line) => line.status === 429), "a log line for the 429");
    expect(log().find((line) => line.status === 429)).toMatchObject({ level: 40, route: "/interactions/:id/:token/callback" });
  });

  it("a 429 on the edit of a deferred reply: waits, retries, the answer arrives", async () => {
    server.inject({
      matches: (request) => request.method === "PATCH" && request.status === undefined,
      response: { status: 429, body: { message: "You are being rate limited.", retry_after: 0.2, global: false }, headers: { "retry-after": "0.2" } },
    });
    const interaction = ask("who-said", { quote: "hello there" });
    const { body } = await interaction.message();
    // The first edit was refused; message() returns the first edit sent, so look at the accepted one.
    expect(body.embeds[0].description).toContain("Ann Smith");
    await server.waitUntil(() => interaction.requests.some((request) => request.method === "PATCH" && ok(request)), 3_000, "the accepted edit");
    expect(interaction.requests.map((request) => `${request.method} ${request.status}`)).toEqual(["POST 204", "PATCH 429", "PATCH 200"]);
  });

  it("one 500 on the callback: retried once, logged, answered once", async () => {
    server.inject({ matches: nextCallback, response: { status: 500, body: { message: "500: Internal Server Error", code: 0 } } });
    const interaction = ask("source", { citation: "tiny:1.2" });
    await answered(interaction);
    expect(callbacks(interaction).map((request) => request.status)).toEqual([500, 204]);
    await until(() => log().some((line) => line.status === 500), "a log line for the 500");
  });

  it("a slow callback holds up nobody else, and is answered once", async () => {
    server.inject({ matches: nextCallback, delayMs: 1_500 });
    const slow = ask("source", { citation: "tiny:1.1" });
    await server.waitUntil(() => callbacks(slow).length > 0, 3_000, "the slow callback's arrival");
    const fast = ask("source", { citation: "tiny:1.2" });
    const fastAnswer = await answered(fast);
    const slowAnswer = await answered(slow);
    // The fast interaction was answered while the slow callback was still waiting for Discord.
    expect(fastAnswer.answeredAt!).toBeLessThan(slowAnswer.answeredAt!);
    expect(slowAnswer.answeredAt! - slow.sentAt).toBeGreaterThanOrEqual(1_500);
    expect(callbacks(slow)).toHaveLength(1);
  });

  it("a slow edit of a deferred reply still lands, once", async () => {
    server.inject({ matches: (request) => request.method === "PATCH" && request.status === undefined, delayMs: 1_000 });
    const interaction = ask("ask", { question: "What will the mayor build?" });
    await server.waitUntil(() => interaction.requests.some((request) => request.method === "PATCH" && ok(request)), 4_000, "the slow edit");
    expect(interaction.requests.map((request) => `${request.method} ${request.status}`)).toEqual(["POST 204", "PATCH 200"]);
  });

  it.each([
    [1006, "dropped without a closing handshake"],
    [4000, "closed with 4000 unknown error"],
  ])("the gateway %i (%s): the bot resumes, logs it, and answers the next interaction", async (code) => {
    const resumes = server.resumes.length;
    const logged = logLines.length;
    await server.disconnect(code);
    expect(server.resumes).toHaveLength(resumes + 1);
    expect(server.identifies).toHaveLength(1);
    const { body } = await ask("source", { citation: "tiny:1.1" }).message();
    expect(body.embeds[0].description).toContain("`tiny:1.1`");
    expect(log().slice(logged).some((line) => line.msg === "reconnecting to the gateway")).toBe(true);
  });

  it("Discord asks for a reconnect (opcode 7): the bot resumes and answers the next interaction", async () => {
    const resumes = server.resumes.length;
    await server.requestReconnect();
    expect(server.resumes).toHaveLength(resumes + 1);
    expect(server.identifies).toHaveLength(1);
    await answered(ask("source", { citation: "tiny:1.1" }));
  });

  it("Discord ends the session (opcode 9, not resumable): the bot identifies again and answers the next interaction", async () => {
    await server.invalidateSession();
    expect(server.identifies).toHaveLength(2);
    await answered(ask("source", { citation: "tiny:1.2" }));
  }, 20_000);

  it("an interaction sent while the gateway is down is replayed on resume and answered, once", async () => {
    const back = server.disconnect(1006);
    const meanwhile = ask("source", { citation: "tiny:1.2" });
    await back;
    const { body } = await answered(meanwhile);
    expect(body.data.embeds[0].description).toContain("`tiny:1.2`");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(callbacks(meanwhile)).toHaveLength(1);
  });

  it("an expired interaction (404 Unknown interaction, 10062): logged, not retried, nothing else breaks", async () => {
    const before = logLines.length;
    let expiredToken = "";
    server.inject({
      matches: (request) => isCallback(request) && request.status === undefined && (expiredToken === "" || request.path.includes(expiredToken)),
      times: 5,
      response: { status: 404, body: { message: "Unknown interaction", code: 10062 } },
    });
    const expired = ask("source", { citation: "tiny:1.1" });
    expiredToken = expired.token;
    await until(() => log().slice(before).some((line) => line.interaction === expired.id && line.level >= 40), "a log line for the expired interaction");
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.faults.length = 0;
    expect(callbacks(expired).some(ok)).toBe(false);
    // The token is dead: one attempt, no error reply sent after it to a token that cannot take one.
    expect(callbacks(expired)).toHaveLength(1);
    expect(expired.requests).toHaveLength(1);
    const line = log().slice(before).find((entry) => entry.interaction === expired.id && entry.level >= 40)!;
    expect(line.level).toBe(40);
    expect(JSON.stringify(line)).toContain("10062");
    const { body } = await ask("source", { citation: "tiny:1.2" }).message();
    expect(body.embeds[0].description).toContain("`tiny:1.2`");
  });

  it("an interaction acknowledged already (400, 40060): logged, no second answer attempted", async () => {
    const before = logLines.length;
    server.inject({ matches: nextCallback, response: { status: 400, body: { message: "Interaction has already been acknowledged.", code: 40060 } } });
    const twice = ask("source", { citation: "tiny:1.1" });
    await until(() => log().slice(before).some((line) => line.interaction === twice.id && line.level >= 40), "a log line for it");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(twice.requests).toHaveLength(1);
    expect(log().slice(before).find((line) => line.interaction === twice.id)).toMatchObject({ level: 40, code: 40060 });
  });

  it("answered every interaction exactly once, and logged no token", async () => {
    for (const interaction of sent) {
      if (callbacks(interaction).every((request) => request.status === 404 || request.status === 400)) continue;
      await server.waitUntil(() => callbacks(interaction).some(ok), 3_000, `an answer to ${interaction.id}`);
      expect(callbacks(interaction).filter(ok)).toHaveLength(1);
    }
    const text = logLines.join("");
    expect(text).not.toContain(TOKEN);
    for (const interaction of sent) expect(text).not.toContain(interaction.token);
  });
});
