import { rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BotConfig, loadConfig } from "../../src/config";
import { LiveCorpus } from "../../src/corpus/live";
import { createLogger } from "../../src/log";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { corpusCommand } from "../../src/transports/discord/moderation/command";
import { createModeration } from "../../src/transports/discord/moderation/handler";
import { NORTH_KOREA_ARTICLE, scratchCorpus, SEED_ARTICLE } from "../support/corpus-folder";
import { DiscordServer, type DiscordUser, snowflake, subcommandData } from "../support/discord-server";
import { fixture, type NewsSite, startNewsSite } from "./news-site";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDA5.GtEsT9.moderation-fake-token-for-tests_42";
const MANAGE_GUILD = "32";
const EVERYONE = "2248473465835073"; // what the test server gives a member: no Manage Server
const MODERATOR_ROLE = "323456789012345678";
const NEW_QUOTE = "an investment of presidential prestige"; // Daniel Levy, Annapolis article
const SEED_QUOTE = "two to tango"; // Donald Trump, seed article

let server: DiscordServer;
let bot: BotHandle;
let site: NewsSite;
let files: http.Server;
let filesBase: string;
const uploads = new Map<string, Buffer>();
let root: string;
let dir: string;
let moderator: DiscordUser;

beforeAll(async () => {
  ({ root, dir } = await scratchCorpus("moderation", [SEED_ARTICLE, NORTH_KOREA_ARTICLE]));

  site = await startNewsSite(fixture("2007-11-28-annapolis-joint-understanding"), 1024 * 1024);
  // Stands in for Discord's CDN, where attachments are downloaded from.
  files = http.createServer((request, response) => {
    const body = uploads.get(decodeURIComponent(request.url ?? "").slice(1));
    if (body) response.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesBase = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

  server = await DiscordServer.start({ token: TOKEN });
  moderator = server.user();
  const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: server.applicationId, DISCORD_API_BASE: server.apiBase }) as BotConfig;
  const live = await LiveCorpus.open(dir);
  const settings = { guildIds: [server.guildId], moderatorRoleIds: [MODERATOR_ROLE], fetch: { allowPrivate: true, timeoutMs: 3_000 } };
  // No cooldown: these tests send many commands as one moderator.
  bot = await startBot(config, live, { logger: createLogger({ level: "silent" }), moderation: createModeration({ live, settings }), preconditions: [] });
  // The server creates the moderator role, as Discord tells a bot when an admin does.
  const role = { id: MODERATOR_ROLE, name: "Moderators", permissions: "0", position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 };
  server.dispatch("GUILD_ROLE_CREATE", { guild_id: server.guildId, role });
  while (!bot.client.guilds.cache.get(server.guildId)?.roles.cache.has(MODERATOR_ROLE)) await new Promise((resolve) => setTimeout(resolve, 10));
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
  await site?.close();
  files?.closeAllConnections();
  await new Promise((resolve) => files?.close(resolve));
  await rm(root, { recursive: true, force: true });
});

interface As {
  user?: DiscordUser;
  member?: Record<string, unknown>;
  guildId?: string | null;
}
const asModerator: As = {};
const who = (as: As) => ({ user: as.user ?? moderator, member: as.member ?? { permissions: MANAGE_GUILD }, ...(as.guildId !== undefined ? { guildId: as.guildId } : {}) });

/** `/corpus <subcommand> option:value …`; a `file` option is an attachment served from `uploads`. */
function corpus(subcommand: string, options: Record<string, string> = {}, as: As = asModerator) {
  const file = (filename: string) => ({ size: uploads.get(filename)?.length ?? 0, url: `${filesBase}/${filename}`, content_type: "text/plain" });
  return server.interact({
    type: 2,
    data: subcommandData("corpus", subcommand, options, file, { guild_id: server.guildId }),
    ...who(as),
  });
}

/** Clicks a button of a message the bot sent, by the start of its label. */
function click(body: any, label: string, as: As = asModerator) {
  const button = body.components[0].components.find((b: { label: string }) => b.label.startsWith(label));
  return server.interact({ type: 3, data: { custom_id: button.custom_id, component_type: 2 }, message: server.message(body), ...who(as) });
}

async function text(interaction: ReturnType<DiscordServer["interact"]>) {
  const message = await interaction.message();
  return { ...message, content: String(message.body.content ?? "") };
}

async function whoSaid(quote: string): Promise<string> {
  return JSON.stringify((await server.chatInput("who-said", { quote }).message()).body.embeds ?? []);
}

describe("/corpus on a Discord-compatible server", () => {
  it("is registered for Manage Server, in servers only", () => {
    expect(corpusCommand).toMatchObject({ name: "corpus", default_member_permissions: MANAGE_GUILD, dm_permission: false, contexts: [0] });
    expect(corpusCommand.options?.map((option) => option.name)).toEqual(["status", "list", "add", "replace", "remove", "reload"]);
  });

  it("refuses members without Manage Server or a moderator role, direct messages, and other servers; every time", async () => {
    const member = await text(corpus("status", {}, { member: { permissions: EVERYONE } }));
    expect(member).toMatchObject({ ephemeral: true });
    expect(member.content).toMatch(/Only moderators/);
    expect((await text(corpus("status", {}, { guildId: null }))).content).toMatch(/only in a server/);
    expect((await text(corpus("status", {}, { guildId: snowflake() }))).content).toMatch(/cannot be changed from this server/);
    const role = await text(corpus("status", {}, { member: { permissions: EVERYONE, roles: [MODERATOR_ROLE] } }));
    expect(role.content).toMatch(/^Corpus: /);
  });

  it("adds by link: a preview with counts and Publish/Cancel; Publish puts it live, and /who-said finds its quote", async () => {
    expect(await whoSaid(NEW_QUOTE)).not.toContain("Daniel Levy");
    const preview = await text(corpus("add", { url: `${site.base}/article` }));
    expect(preview.ephemeral).toBe(true);
    expect(preview.content).toMatch(/^Add this article\?/);
    expect(preview.content).toContain("Source: Wikinews");
    expect(preview.content).toMatch(/Found: 20 passages · 11 quotes · 8 speakers/);
    expect(preview.body.components[0].components.map((b: { label: string }) => b.label)).toEqual(["Publish", "Cancel"]);
    expect(await whoSaid(NEW_QUOTE)).not.toContain("Daniel Levy"); // a preview changes nothing

    // Another moderator cannot publish someone else's preview.
    const other = await text(click(preview.body, "Publish", { user: server.user() }));
    expect(other.content).toMatch(/Only the moderator who asked/);

    const published = await text(click(preview.body, "Publish"));
    expect(published.content).toMatch(/^Added statement-of-joint-understanding-released-after-annapolis/);
    expect(published.body.components).toEqual([]);
    expect(await whoSaid(NEW_QUOTE)).toContain("Daniel Levy");

    // A second click cannot publish twice.
    expect((await text(click(preview.body, "Publish"))).content).toMatch(/expired or was already used/);
    const status = await text(corpus("status"));
    expect(status.content).toContain(`add statement-of-joint-understanding-released-after-annapolis by discord:${moderator.id} (${moderator.username})`);
  });

  it("adds a file attachment; Cancel changes nothing; a malformed file is refused and the corpus still answers", async () => {
    uploads.set("talks.txt", Buffer.from('Ceasefire talks resume\n\n"We are ready to talk," said Anna Lindqvist, the mediator.\n'));
    const preview = await text(corpus("add", { file: "talks.txt" }));
    expect(preview.content).toContain("Title: Ceasefire talks resume");
    expect((await text(click(preview.body, "Cancel"))).content).toBe("Cancelled: nothing changed.");
    expect((await text(corpus("list"))).content).not.toContain("ceasefire-talks-resume");

    uploads.set("broken.md", Buffer.from("---\nurl: https://example.org/x\n---\nBody.\n"));
    const refused = await text(corpus("add", { file: "broken.md" }));
    expect(refused.content).toBe("Nothing changed. broken.md: title: the front matter needs a title");
    expect((await text(corpus("add", {}))).content).toMatch(/either a `url` or a `file`/);
    expect(await whoSaid(SEED_QUOTE)).toContain("Donald Trump");
  });

  it("removes after confirmation, and the article is gone from the answers", async () => {
    const unknown = await text(corpus("remove", { id: "../putin-us-peace-plan" }));
    expect(unknown.content).toMatch(/No article has the id/);
    const confirm = await text(corpus("remove", { id: "north-korea" }));
    expect(confirm.content).toMatch(/^Remove this article\?/);
    const removed = await text(click(confirm.body, "Remove"));
    expect(removed.content).toMatch(/^Removed north-korea/);
    expect((await text(corpus("list"))).content).not.toMatch(/^north-korea/m);
  });

  it("reloads: a bad file is named and the live corpus stays; then the change is reported", async () => {
    await writeFile(path.join(dir, "hand-edit.md"), "---\ntitle: Hand edit\nsource: [oops\n---\nBody.\n");
    const failed = await text(corpus("reload"));
    expect(failed.content).toMatch(/Nothing changed\. the corpus was not changed:\n- hand-edit\.md: front matter is not valid YAML \(line \d\)/);
    expect(await whoSaid(SEED_QUOTE)).toContain("Donald Trump");
    await writeFile(path.join(dir, "hand-edit.md"), "---\ntitle: Hand edit\n---\nA paragraph written by hand.\n");
    const reloaded = await text(corpus("reload"));
    expect(reloaded.content).toContain("Added: hand-edit · Changed: none · Removed: none");
  });

  it("suggests article ids to moderators only", async () => {
    const ask = (as: As) =>
      server.interact({
        type: 4,
        data: { id: snowflake(), name: "corpus", type: 1, guild_id: server.guildId, options: [{ type: 1, name: "remove", options: [{ name: "id", type: 3, value: "putin", focused: true }] }] },
        ...who(as),
      });
    const suggested = await ask(asModerator).callback();
    expect(suggested.body.data.choices).toEqual([{ name: expect.stringMatching(/^putin-us-peace-plan — /), value: "putin-us-peace-plan" }]);
    expect((await ask({ member: { permissions: EVERYONE } }).callback()).body.data.choices).toEqual([]);
  });
});
