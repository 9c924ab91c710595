/**
 * Moderator commands from people who may not use them, through the real client: a member
 * without Manage Server, a member whose permissions field is missing or malformed, a DM, a
 * server the bot does not moderate (even with Administrator), a role that is not the moderator
 * role, another member clicking a moderator's Publish button, and guessed button ids. Each is
 * refused with a sentence, and nothing changes: not the files, not the audit log, not the live
 * corpus, not the moderator's pending change.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCorpus } from "../../src/corpus/live";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { createModeration } from "../../src/transports/discord/moderation/handler";
import { botConfig, linesLogger } from "../support/bot";
import { DiscordServer, type DiscordUser, type SentInteraction, snowflake, subcommandData } from "../support/discord-server";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDEw.GtEsTA.permissions-fake-token-for-tests_10";
const MANAGE_GUILD = "32";
const ADMINISTRATOR = "8";
const EVERYONE = "2248473465835073"; // the test server's default: no Manage Server, no Administrator
const MODERATOR_ROLE = "323456789012345678";
const OTHER_ROLE = "423456789012345678";
const UPLOAD = "---\ntitle: A story nobody may add\n---\n\n“We will not allow it,” said Jane Doe.\n";
const HOSTILE_UPLOAD = `---\ntitle: "@everyone <@&123456789012345678> **BREAKING** ${"x".repeat(200)}"\n---\n\n“@here come quickly,” said <@123456789012345678>.\n`;
let upload = UPLOAD;

let server: DiscordServer;
let bot: BotHandle;
let live: LiveCorpus;
let root: string;
let dir: string;
let moderator: DiscordUser;
const logLines: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "citebot-permissions-"));
  dir = path.join(root, "corpus");
  await mkdir(dir);
  await copyFile("corpus/putin-us-peace-plan.md", path.join(dir, "putin-us-peace-plan.md"));
  server = await DiscordServer.start({ token: TOKEN });
  moderator = server.user();
  const config = botConfig(server, TOKEN, dir);
  live = await LiveCorpus.open(dir);
  const settings = { guildIds: [server.guildId], moderatorRoleIds: [MODERATOR_ROLE], fetch: { allowPrivate: true, timeoutMs: 2_000 } };
  // Attachments come from this stand-in for Discord's CDN, so that nothing is fetched.
  const moderation = createModeration({ live, settings, download: async () => new TextEncoder().encode(upload) });
  const logger = linesLogger(logLines, TOKEN);
  bot = await startBot(config, live, { logger, moderation, preconditions: [] });
  const role = (id: string, name: string) => ({ id, name, permissions: "0", position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 });
  server.dispatch("GUILD_ROLE_CREATE", { guild_id: server.guildId, role: role(MODERATOR_ROLE, "Moderators") });
  server.dispatch("GUILD_ROLE_CREATE", { guild_id: server.guildId, role: role(OTHER_ROLE, "Regulars") });
  while (!bot.client.guilds.cache.get(server.guildId)?.roles.cache.has(OTHER_ROLE)) await new Promise((resolve) => setTimeout(resolve, 10));
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

/** Who sends an interaction: the member fields, or a DM (`guildId: null`), or another server. */
interface As {
  user?: DiscordUser;
  member?: Record<string, unknown>;
  guildId?: string | null;
}
const MODERATOR: As = {};
const as = (who: As) => ({ user: who.user ?? moderator, member: who.member ?? { permissions: MANAGE_GUILD }, ...(who.guildId !== undefined ? { guildId: who.guildId } : {}) });

function corpus(subcommand: string, options: Record<string, string> = {}, who: As = MODERATOR): SentInteraction {
  const file = (filename: string) => ({ size: UPLOAD.length, url: `http://127.0.0.1:9/${filename}`, content_type: "text/markdown" });
  return server.interact({
    type: 2,
    data: subcommandData("corpus", subcommand, options, file),
    ...as(who),
  });
}

function clickId(customId: string, body: any, who: As = MODERATOR): SentInteraction {
  return server.interact({ type: 3, data: { custom_id: customId, component_type: 2 }, message: server.message(body), ...as(who) });
}

function buttonId(body: any, label: string): string {
  return body.components[0].components.find((b: { label: string }) => b.label.startsWith(label)).custom_id;
}

/** Every file of the corpus folder, its store folder included, with its digest. */
async function snapshot(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(folder: string): Promise<void> {
    for (const name of await readdir(folder)) {
      const file = path.join(folder, name);
      if ((await stat(file)).isDirectory()) await walk(file);
      else files[path.relative(dir, file)] = createHash("sha256").update(await readFile(file)).digest("hex");
    }
  }
  await walk(dir);
  return files;
}

const SUBCOMMANDS: [string, Record<string, string>][] = [
  ["status", {}],
  ["list", {}],
  ["add", { file: "story.md" }],
  ["add", { url: "https://example.com/story" }],
  ["replace", { id: "putin-us-peace-plan", file: "story.md" }],
  ["remove", { id: "putin-us-peace-plan" }],
  ["reload", {}],
];

const OUTSIDERS: [string, As, RegExp][] = [
  ["a member without Manage Server", { user: undefined, member: { permissions: EVERYONE } }, /Only moderators/],
  ["a member whose permissions field is missing", { member: { permissions: undefined } }, /Only moderators/],
  ["a member with no permission at all", { member: { permissions: "0" } }, /Only moderators/],
  ["a member with another role", { member: { permissions: EVERYONE, roles: [OTHER_ROLE] } }, /Only moderators/],
  ["someone in a DM, even a moderator of the server", { guildId: null }, /only in a server/],
  ["a Manage Server member of a server the bot does not moderate", { guildId: snowflake() }, /cannot be changed from this server/],
  ["an Administrator of a server the bot does not moderate", { guildId: snowflake(), member: { permissions: ADMINISTRATOR } }, /cannot be changed from this server/],
];

describe("moderator commands from those who may not use them", () => {
  it.each(OUTSIDERS)("%s: every /corpus subcommand refused, ephemerally, and nothing changes", async (_, who, reason) => {
    const before = await snapshot();
    const ids = live.list().map((article) => article.id);
    for (const [subcommand, options] of SUBCOMMANDS) {
      const outsider = { ...who, user: who.user ?? server.user() };
      const interaction = corpus(subcommand, options, outsider);
      const { body, ephemeral, via } = await interaction.message();
      expect(via.body.type, subcommand).toBe(4); // refused at once, before any defer
      expect(ephemeral).toBe(true);
      expect(body.content, subcommand).toMatch(reason);
      expect(body.components ?? []).toEqual([]);
      expect(interaction.requests).toHaveLength(1);
    }
    expect(await snapshot()).toEqual(before);
    expect(live.list().map((article) => article.id)).toEqual(ids);
  });

  it("an empty permissions field counts as none, and a forged member field in a DM counts for nothing", async () => {
    const before = await snapshot();
    const empty = await corpus("remove", { id: "putin-us-peace-plan" }, { user: server.user(), member: { permissions: "" } }).message();
    expect(empty.body.content).toMatch(/Only moderators/);
    // A DM carries a user, not a member: Manage Server claimed beside it changes nothing.
    const dm = server.interact({
      type: 2,
      data: { id: snowflake(), name: "corpus", type: 1, options: [{ type: 1, name: "reload", options: [] }] },
      user: moderator,
      guildId: null,
      extra: { member: { user: moderator, roles: [MODERATOR_ROLE], permissions: ADMINISTRATOR } },
    });
    expect((await dm.message()).body.content).toMatch(/only in a server/);
    expect(await snapshot()).toEqual(before);
  });

  it("a moderator's Publish and Remove buttons, clicked by others or guessed, change nothing; the moderator's change still stands", async () => {
    const before = await snapshot();
    const preview = await corpus("add", { file: "story.md" }).message();
    expect(preview.body.content).toMatch(/^Add this article\?/);
    const publish = buttonId(preview.body, "Publish");
    const confirm = await corpus("remove", { id: "putin-us-peace-plan" }).message();
    const remove = buttonId(confirm.body, "Remove");

    const clicks: [string, string, As, RegExp][] = [
      ["Publish", publish, { user: server.user(), member: { permissions: EVERYONE } }, /Only moderators/],
      ["Publish", publish, { user: server.user(), member: { permissions: MANAGE_GUILD } }, /Only the moderator who asked/],
      ["Publish", publish, { user: moderator, guildId: null }, /only in a server/],
      ["Publish", publish, { user: moderator, guildId: snowflake() }, /cannot be changed from this server/],
      ["Remove", remove, { user: server.user(), member: { permissions: undefined } }, /Only moderators/],
      ["Remove", remove, { user: server.user(), member: { permissions: EVERYONE, roles: [MODERATOR_ROLE] } }, /Only the moderator who asked/],
      ["guessed", "corpus:publish:0", { user: server.user(), member: { permissions: EVERYONE } }, /Only moderators/],
      ["guessed", "corpus:remove:aaaaaaaa", { user: moderator }, /expired or was already used/],
    ];
    for (const [label, customId, who, reason] of clicks) {
      const { body } = await clickId(customId, preview.body, who).message();
      expect(body.content, label).toMatch(reason);
    }
    expect(await snapshot()).toEqual(before);

    // Refused clicks used up nothing: the moderator cancels the removal and publishes the article.
    expect((await clickId(buttonId(confirm.body, "Cancel"), confirm.body).message()).body.content).toMatch(/Cancelled: nothing changed/);
    const published = await clickId(publish, preview.body).message();
    expect(published.body.content).toMatch(/a-story-nobody-may-add/);
    const after = await snapshot();
    expect(Object.keys(after).filter((file) => !(file in before) && !file.startsWith(".citebot")).sort()).toEqual(["a-story-nobody-may-add.md"]);
    for (const [file, digest] of Object.entries(before)) expect(after[file], file).toBe(digest);
    expect(live.list().map((article) => article.id)).toContain("putin-us-peace-plan");
    const audit = (await readFile(path.join(dir, ".citebot/audit.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    expect(audit).toEqual([expect.objectContaining({ action: "add", id: "a-story-nobody-may-add", who: expect.stringContaining(`discord:${moderator.id}`) })]);
  });

  it("suggests article ids to nobody but moderators", async () => {
    const ask = (who: As) =>
      server.interact({
        type: 4,
        data: { id: snowflake(), name: "corpus", type: 1, options: [{ type: 1, name: "remove", options: [{ name: "id", type: 3, value: "", focused: true }] }] },
        ...as(who),
      });
    for (const who of OUTSIDERS.map(([, outsider]) => outsider)) {
      const callback = await ask({ ...who, user: who.user ?? server.user() }).callback();
      expect(callback.body).toEqual({ type: 8, data: { choices: [] } });
    }
    expect((await ask(MODERATOR).callback()).body.data.choices.length).toBeGreaterThan(0);
  });

  it("an article whose title and quotes mention everyone: previews, results, lists and status ping nobody", async () => {
    upload = HOSTILE_UPLOAD;
    try {
      const preview = await corpus("add", { file: "hostile.md" }).message();
      const published = await clickId(buttonId(preview.body, "Publish"), preview.body).message();
      const listed = await corpus("list").message();
      const status = await corpus("status").message();
      const asked = await server.chatInput("who-said", { quote: "come quickly" }).message();
      for (const { body } of [preview, published, listed, status, asked]) {
        expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
        expect((body.content ?? "").length).toBeLessThanOrEqual(2_000);
      }
      expect(listed.body.content).toMatch(/everyone/);
      expect(JSON.stringify(asked.body.embeds)).not.toMatch(/@everyone|@here|<@&?\d+>/);
    } finally {
      upload = UPLOAD;
    }
  });

  it("logged every refusal, and nothing at error level", () => {
    const entries = logLines.map((line) => JSON.parse(line));
    expect(entries.filter((entry) => entry.outcome === "refused").length).toBeGreaterThanOrEqual(OUTSIDERS.length * SUBCOMMANDS.length);
    expect(entries.filter((entry) => entry.level >= 50)).toEqual([]);
  });
});
