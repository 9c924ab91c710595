/**
 * Hostile input to /corpus, from a moderator, through the real client: links that point at this
 * machine, other schemes or nothing at all; uploads that are binary, huge, untitled, YAML alias
 * bombs, walls of text, mentions and bidi controls; ids that are paths, mentions and code
 * fences. Each interaction gets exactly one answer, private, within Discord's limits, pinging
 * nobody; nothing is fetched from this machine; what a moderator publishes goes live whole, and
 * the corpus still opens cleanly afterwards.
 */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCorpus } from "../../src/corpus/live";
import { loadCorpus } from "../../src/corpus/load";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { createModeration } from "../../src/transports/discord/moderation/handler";
import { botConfig, linesLogger } from "../support/bot";
import { DiscordServer, type DiscordUser, type RecordedRequest, type SentInteraction, snowflake } from "../support/discord-server";
import { HOSTILE_PASTES_WITHOUT_LINKS } from "../support/hostile";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDEy.GtEsTC.input-moderation-fake-token_1212";
const SEED = "putin-us-peace-plan";
const NO_PINGS = { parse: [], replied_user: false };
const RAW_MENTION = /@(?:everyone|here)|<@[!&]?\d+>/;

let server: DiscordServer;
let bot: BotHandle;
let live: LiveCorpus;
let root: string;
let dir: string;
let moderator: DiscordUser;
/** A web server on this machine: a link must never reach it. */
let local: http.Server;
let localUrl: string;
let localHits = 0;
/** What the next attachment download returns. */
let upload: Uint8Array = new Uint8Array();
const logLines: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "citebot-input-moderation-"));
  dir = path.join(root, "corpus");
  await mkdir(dir);
  await copyFile(path.join("corpus", `${SEED}.md`), path.join(dir, `${SEED}.md`));
  local = http.createServer((_, response) => {
    localHits++;
    response.writeHead(200, { "content-type": "text/html" }).end(`<html><head><title>Secret</title></head><body><article><p>${"internal ".repeat(100)}</p></article></body></html>`);
  });
  await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
  localUrl = `http://127.0.0.1:${(local.address() as AddressInfo).port}/admin`;
  server = await DiscordServer.start({ token: TOKEN });
  moderator = server.user();
  const config = botConfig(server, TOKEN, dir);
  live = await LiveCorpus.open(dir);
  // Private addresses refused, as in production; a short timeout, should anything be slow.
  const settings = { guildIds: [server.guildId], moderatorRoleIds: [], fetch: { allowPrivate: false, timeoutMs: 1_000 } };
  const moderation = createModeration({ live, settings, download: async () => upload });
  const logger = linesLogger(logLines, TOKEN);
  bot = await startBot(config, live, { logger, moderation, preconditions: [] });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  local?.closeAllConnections();
  await new Promise((resolve) => local?.close(resolve));
  if (root) await rm(root, { recursive: true, force: true });
});

// ------------------------------------------------------------------------------------------------
// What a careless or hostile moderator pastes. No link here names a public host: nothing may
// leave this machine during the tests.

const hostileWords = fc.constantFrom(...HOSTILE_PASTES_WITHOUT_LINKS);
const words = fc.array(fc.oneof(hostileWords, fc.string({ unit: "grapheme", maxLength: 10 })), { maxLength: 12 }).map((parts) => parts.join(" "));
const wall = (length: number) => fc.constantFrom("@everyone ", "x", "“quote” ", "\u202e").map((piece) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));

const LINKS = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ftp://127.0.0.1/x",
    "http://localhost/",
    "http://[::1]/",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "https://user:pass@127.0.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "data:text/html,<p>hi</p>",
    "",
    " ",
    "LOCAL",
];
const link = fc.oneof(
  fc.constantFrom(...LINKS),
  words,
  wall(6_000).map((text) => `http://127.0.0.1/${text}`),
);

const utf8 = (text: string) => new TextEncoder().encode(text);
const FILES: { name: string; bytes: Uint8Array }[] = [
  { name: "bomb.md", bytes: utf8(`---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: Bomb\n---\n\nBody.\n`) },
  { name: "untitled.md", bytes: utf8("---\nauthor: Nobody\n---\n\nBody.\n") },
  { name: "empty.txt", bytes: utf8("") },
  { name: "nul.md", bytes: utf8("---\ntitle: A\u0000B\n---\n\nBody.\n") },
  { name: "latin1.txt", bytes: new Uint8Array([0x54, 0x69, 0x74, 0x6c, 0xe9, 0x0a, 0x0a, 0xe9, 0xe9]) },
  { name: "huge.txt", bytes: utf8(`Title\n\n${"word ".repeat(220_000)}`) },
  { name: "../../../etc/passwd.md", bytes: utf8("---\ntitle: Traversal\n---\n\nBody.\n") },
  { name: "payload.exe", bytes: new Uint8Array([0x4d, 0x5a, 0x90, 0x00]) },
  { name: "front-matter-only.md", bytes: utf8("---\ntitle: Only a title\n---\n") },
  { name: "wall.md", bytes: utf8(`---\ntitle: ${JSON.stringify("@everyone ".repeat(600))}\n---\n\n${"“quote” ".repeat(750)}\n`) },
  { name: "bidi.txt", bytes: utf8("\u202eTitle reversed\u202c <@&123456789012345678>\n\n“\u202eevil\u202c,” said @everyone.\n") },
];
const file = fc.oneof(
  fc.constantFrom(...FILES),
  words.map((title) => ({ name: "story.md", bytes: utf8(`---\ntitle: ${JSON.stringify(`${title} @everyone`)}\n---\n\n“${title},” said <@123456789012345678> Doe.\n\nA second paragraph.\n`) })),
  words.map((body) => ({ name: "story.txt", bytes: utf8(`@here ${body}\n\n“${body} again,” the <@&123456789012345678> spokesman said.\n`) })),
  wall(6_000).map((title) => ({ name: "wall.md", bytes: utf8(`---\ntitle: ${JSON.stringify(title)}\n---\n\n${title}\n`) })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ name: "random.md", bytes })),
);
const id = fc.oneof(fc.constantFrom(SEED, "../etc/passwd", "a/b", "UPPER", "x".repeat(81), "", " ", "@everyone", "```"), words);

type Case = { kind: "add-link"; url: string } | { kind: "add-file"; name: string; bytes: Uint8Array; publish: boolean } | { kind: "replace"; id: string; name: string; bytes: Uint8Array } | { kind: "remove"; id: string };

const anyCase: fc.Arbitrary<Case> = fc.oneof(
  { weight: 3, arbitrary: link.map((url) => ({ kind: "add-link" as const, url })) },
  { weight: 4, arbitrary: fc.tuple(file, fc.boolean()).map(([{ name, bytes }, publish]) => ({ kind: "add-file" as const, name, bytes, publish })) },
  { weight: 2, arbitrary: fc.tuple(id, file).map(([target, { name, bytes }]) => ({ kind: "replace" as const, id: target, name, bytes })) },
  { weight: 1, arbitrary: id.map((target) => ({ kind: "remove" as const, id: target })) },
);

function corpus(subcommand: string, options: { name: string; type: number; value: string }[], attachment?: { name: string; size: number }): SentInteraction {
  const attachmentId = snowflake();
  return server.interact({
    type: 2,
    data: {
      id: snowflake(),
      name: "corpus",
      type: 1,
      options: [{ type: 1, name: subcommand, options: [...options, ...(attachment ? [{ name: "file", type: 11, value: attachmentId }] : [])] }],
      ...(attachment
        ? { resolved: { attachments: { [attachmentId]: { id: attachmentId, filename: attachment.name, size: attachment.size, url: "http://127.0.0.1:9/upload", proxy_url: "http://127.0.0.1:9/upload" } } } }
        : {}),
    },
    user: moderator,
    member: { permissions: "32" },
  });
}

const isCallback = (request: RecordedRequest) => request.path.endsWith("/callback");

/** The message the moderator ends up seeing, and whether only they see it. */
async function finalMessage(interaction: SentInteraction): Promise<{ body: any; ephemeral: boolean }> {
  await server.waitUntil(() => interaction.requests.some((r) => isCallback(r) && r.status !== undefined), 10_000, `a callback for ${interaction.id}`);
  const callback = interaction.requests.find(isCallback)!;
  const flagged = (flags: number | undefined) => ((flags ?? 0) & 64) !== 0;
  if (callback.body.type === 4) return { body: callback.body.data, ephemeral: flagged(callback.body.data.flags) };
  if (callback.body.type === 7) return { body: callback.body.data, ephemeral: true };
  await server.waitUntil(() => interaction.requests.some((r) => !isCallback(r) && r.body !== undefined && r.status !== undefined), 10_000, `the answer to ${interaction.id}`);
  const edit = interaction.requests.find((r) => !isCallback(r) && r.body !== undefined)!;
  // An edit of a private "thinking…" or of a private preview stays private; a follow-up says so itself.
  const ephemeral = edit.method === "POST" ? flagged(edit.body.flags) : callback.body.type === 6 || flagged(callback.body.data?.flags);
  return { body: edit.body, ephemeral };
}

function expectSafe(body: any): void {
  expect(body.allowed_mentions).toEqual(NO_PINGS);
  expect((body.content ?? "").length).toBeLessThanOrEqual(2_000);
  expect((body.content ?? "").length).toBeGreaterThan(0);
  for (const row of body.components ?? []) for (const component of row.components) expect(component.custom_id.length).toBeLessThanOrEqual(100);
}

describe("hostile input to /corpus from a moderator", () => {
  const sent: SentInteraction[] = [];
  let published = 0;

  it("every listed link and file, once: one private answer each, refusals in words; Publish for each preview", async () => {
    const inputs: Case[] = [...LINKS.map((url) => ({ kind: "add-link" as const, url })), ...FILES.map(({ name, bytes }) => ({ kind: "add-file" as const, name, bytes, publish: true }))];
    for (const input of inputs) await run(input);
  }, 60_000);

  it("40 random requests: one private answer each, within the limits, pinging nobody, refusals in words", async () => {
    await fc.assert(
      fc.asyncProperty(anyCase, run),
      { numRuns: 40, seed: 6_040, endOnFailure: true },
    );
  }, 120_000);

  /** Sends one request; for a preview asked to be published, clicks Publish too. */
  async function run(input: Case): Promise<void> {
    let interaction: SentInteraction;
    if (input.kind === "add-link") interaction = corpus("add", [{ name: "url", type: 3, value: input.url === "LOCAL" ? localUrl : input.url }]);
    else if (input.kind === "remove") interaction = corpus("remove", [{ name: "id", type: 3, value: input.id }]);
    else {
      upload = input.bytes;
      interaction =
        input.kind === "add-file"
          ? corpus("add", [], { name: input.name, size: input.bytes.length })
          : corpus("replace", [{ name: "id", type: 3, value: input.id }], { name: input.name, size: input.bytes.length });
    }
    sent.push(interaction);
    const { body, ephemeral } = await finalMessage(interaction);
    expect(ephemeral).toBe(true);
    expectSafe(body);
    expect(body.content).not.toMatch(/something went wrong/);
    const publish = body.components?.[0]?.components.find((button: { label: string }) => button.label.startsWith("Publish"));
    if (input.kind === "add-file" && input.publish && publish) {
      const click = server.interact({ type: 3, data: { custom_id: publish.custom_id, component_type: 2 }, message: server.message(body), user: moderator, member: { permissions: "32" } });
      sent.push(click);
      const result = await finalMessage(click);
      expectSafe(result.body);
      expect(result.body.content).not.toMatch(/something went wrong/);
      if (!/^Nothing changed/.test(result.body.content)) published++;
    }
  }

  it("answered each exactly once, fetched nothing from this machine, logged no error", async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sent.length).toBeGreaterThanOrEqual(40);
    for (const interaction of sent) expect(interaction.requests.filter(isCallback)).toHaveLength(1);
    expect(localHits).toBe(0);
    expect(logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level >= 50)).toEqual([]);
  });

  it("what was published is live and whole, the corpus opens cleanly, and the bot answers from it", async () => {
    const { articles, rejected } = await loadCorpus(dir);
    expect(rejected).toEqual([]);
    expect(live.list().map((article) => article.id).sort()).toEqual(articles.map((article) => article.id).sort());
    expect(articles.length).toBeGreaterThanOrEqual(1);
    const reopened = await LiveCorpus.open(dir);
    expect((await reopened.status()).skipped).toEqual([]);
    const { body } = await server.chatInput("quotes", {}).message();
    expect(body.allowed_mentions).toEqual(NO_PINGS);
    for (const text of [body.embeds?.[0]?.description ?? "", body.embeds?.[0]?.title ?? ""]) expect(text).not.toMatch(RAW_MENTION);
    expect(published).toBeGreaterThan(0);
  });
});
