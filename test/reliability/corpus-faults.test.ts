/**
 * Corpus faults. A process killed (SIGKILL) in the middle of an add or a reload, at several
 * points, then restarted: the corpus is the old one or the new one, never broken, and the audit
 * log agrees with what is on disk. A write that fails (read-only folder, full disk) leaves the
 * live corpus untouched and tells the moderator, through the real client.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs, { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LiveCorpus } from "../../src/corpus/live";
import { loadCorpus } from "../../src/corpus/load";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { createModeration } from "../../src/transports/discord/moderation/handler";
import { botConfig, linesLogger } from "../support/bot";
import { DiscordServer, type DiscordUser, snowflake } from "../support/discord-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SEED = "putin-us-peace-plan";
const NEW_ID = "breaking-story";
const PARAGRAPHS = Array.from({ length: 300 }, (_, i) => `“We will keep going, paragraph ${i + 1},” said Jane Doe, the mayor, on Tuesday.`);
const HAND_EDIT = "---\ntitle: Added by hand\n---\n\n“Written straight into the folder,” an operator said.\n";

/**
 * The process to kill: opens the corpus as the bot does, then adds an article or reloads. At
 * `point` the file operation that comes next never returns, so a SIGKILL lands exactly there:
 * - "journal": the new engine is built, the change's journal entry is being written;
 * - "temp": the journal is written, the article's temporary file is being created;
 * - "link": the temporary file is written and flushed, not yet in place;
 * - "sync": the article is in place, the folder not yet flushed, the audit entry not yet written;
 * - "audit": the audit entry is being appended;
 * - "none": the change completes (prints "done"), then the process is killed.
 * Written to a scratch folder at run time; it imports the store from this checkout.
 */
const CHILD = `
import fs from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
const [root, dir, action, point] = process.argv.slice(2);
const say = (text) => process.stdout.write(text + "\\n");
function stallOn(name, matches) {
  const original = fs[name];
  fs[name] = (...args) => {
    if (!matches(...args)) return original(...args);
    say("at " + point);
    return new Promise(() => undefined);
  };
}
if (point === "journal") stallOn("open", (file, flags) => flags === "wx" && String(file).includes("journal"));
if (point === "temp") stallOn("open", (file, flags) => flags === "wx" && String(file).endsWith(".tmp"));
if (point === "link") stallOn("link", () => true);
if (point === "sync") stallOn("open", (file, flags) => flags === "r" && file === dir);
if (point === "audit") stallOn("open", (_, flags) => flags === "a");
syncBuiltinESMExports();
const { LiveCorpus } = await import(new URL("src/corpus/live.ts", root).href);
const live = await LiveCorpus.open(dir);
say("open");
const paragraphs = JSON.parse(process.env.PARAGRAPHS);
if (action === "add") await live.add({ title: "Breaking story", paragraphs }, "discord:140000000000000001 (mod)");
else await live.reload("discord:140000000000000001 (mod)");
say("done");
setInterval(() => undefined, 1000);
`;

let scratch: string;
let child: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "citebot-corpus-faults-"));
  child = path.join(scratch, "killable.mjs");
  await writeFile(child, CHILD);
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A corpus folder with the seed article. */
async function corpusFolder(name: string): Promise<string> {
  const dir = path.join(scratch, name);
  await mkdir(dir);
  await copyFile(path.join(ROOT, "corpus", `${SEED}.md`), path.join(dir, `${SEED}.md`));
  return dir;
}

/** Runs the killable process until it prints `until`, then SIGKILLs it. */
async function killAt(dir: string, action: "add" | "reload", point: string, until: string, delayMs = 0): Promise<string> {
  const tsx = import.meta.resolve("tsx");
  const proc = spawn(process.execPath, ["--import", tsx, child, pathToFileURL(`${ROOT}/`).href, dir, action, point], {
    env: { ...process.env, PARAGRAPHS: JSON.stringify(PARAGRAPHS) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  proc.stdout.on("data", (chunk) => (output += chunk));
  proc.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  const deadline = Date.now() + 60_000;
  while (!output.includes(until)) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      proc.kill("SIGKILL");
      throw new Error(`the process did not reach "${until}":\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  proc.kill("SIGKILL");
  await exited;
  return output;
}

const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

/**
 * Where the audit log and the folder disagree: an article on disk (other than those there
 * before) that no add or replace entry accounts for with its digest, or an entry whose article
 * is not on disk. Also any line of the log that is not a whole entry.
 */
async function disagreements(dir: string, before: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  const text = await readFile(path.join(dir, ".citebot/audit.jsonl"), "utf8").catch(() => "");
  const expected = new Map<string, string | null>();
  for (const line of text.split("\n").filter(Boolean)) {
    let entry: { action: string; id?: string; sha256?: string };
    try {
      entry = JSON.parse(line);
    } catch {
      problems.push(`a torn audit line: ${line.slice(0, 80)}`);
      continue;
    }
    if ((entry.action === "add" || entry.action === "replace") && entry.id) expected.set(entry.id, entry.sha256 ?? "");
    if (entry.action === "remove" && entry.id) expected.set(entry.id, null);
  }
  const files = (await readdir(dir)).filter((name) => /^[^.].*\.(md|txt)$/.test(name));
  for (const file of files) {
    const id = file.replace(/\.(md|txt)$/, "");
    if (before.includes(file) && !expected.has(id)) continue;
    const digest = sha256(await readFile(path.join(dir, file)));
    if (!expected.has(id)) problems.push(`${file} is on disk, and no audit entry adds it`);
    else if (expected.get(id) !== digest) problems.push(`${file} on disk differs from its last audit entry`);
  }
  for (const [id, digest] of expected) if (digest && !files.includes(`${id}.md`)) problems.push(`${id} is in the audit log, and not on disk`);
  return problems;
}

/** Restarts as the bot would: the corpus opens, every file loads, the new article is whole or absent. */
async function expectOldOrNew(dir: string, ids: { old: string[]; new: string[] }): Promise<"old" | "new"> {
  const live = await LiveCorpus.open(dir);
  const { articles, rejected } = await loadCorpus(dir);
  expect(rejected).toEqual([]);
  const found = articles.map((article) => article.id).sort();
  const state = JSON.stringify(found) === JSON.stringify([...ids.new].sort()) ? "new" : "old";
  expect(found).toEqual((state === "new" ? ids.new : ids.old).slice().sort());
  const added = articles.find((article) => article.id === NEW_ID);
  if (added) expect(added.paragraphs).toEqual(PARAGRAPHS);
  expect(live.list().map((article) => article.id).sort()).toEqual(found);
  // Open cleans what a dead writer left: no temporary file stays behind.
  expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  return state;
}

describe("killed in the middle of an add", () => {
  const cases: [string, "old" | "new"][] = [
    ["journal", "old"],
    ["temp", "old"],
    ["link", "old"],
    ["sync", "new"],
    ["audit", "new"],
    ["none", "new"],
  ];
  const results = new Map<string, { state: "old" | "new"; problems: string[] }>();

  beforeAll(async () => {
    // In parallel: each in its own folder, each a process start.
    await Promise.all(
      cases.map(async ([point]) => {
        const dir = await corpusFolder(`add-${point}`);
        await killAt(dir, "add", point, point === "none" ? "done" : `at ${point}`);
        const state = await expectOldOrNew(dir, { old: [SEED], new: [SEED, NEW_ID] });
        results.set(point, { state, problems: await disagreements(dir, [`${SEED}.md`]) });
      }),
    );
  }, 120_000);

  it.each(cases)("at %s: the corpus is the %s one, whole", (point, state) => {
    expect(results.get(point)?.state).toBe(state);
  });

  // At "sync" and "audit" the article is in place and its audit entry is not written yet: the
  // store's journal of the change lets the restart log it.
  it.each(cases)("at %s: after the restart, the audit log agrees with the folder", (point) => {
    expect(results.get(point)?.problems).toEqual([]);
  });
});

describe("killed in the middle of a reload", () => {
  it.each([["audit"], ["none"]])("at %s: the restarted corpus is the folder as edited by hand, whole, and the log agrees", async (point) => {
    const dir = await corpusFolder(`reload-${point}`);
    await writeFile(path.join(dir, "added-by-hand.md"), HAND_EDIT);
    await killAt(dir, "reload", point, point === "none" ? "done" : `at ${point}`);
    const live = await LiveCorpus.open(dir);
    expect(live.list().map((article) => article.id).sort()).toEqual(["added-by-hand", SEED]);
    expect(await disagreements(dir, [`${SEED}.md`, "added-by-hand.md"])).toEqual([]);
    const audit = await readFile(path.join(dir, ".citebot/audit.jsonl"), "utf8").catch(() => "");
    expect(audit.split("\n").filter(Boolean)).toHaveLength(point === "none" ? 1 : 0);
  }, 60_000);

  it("killed at random moments of adds, three times: old or new, never broken", async () => {
    const dir = await corpusFolder("random");
    for (const delayMs of [5, 25, 60]) {
      await killAt(dir, "add", "none", "open", delayMs);
      const ids = (await loadCorpus(dir)).articles.map((article) => article.id);
      // Each round adds "breaking-story", then "breaking-story-2", … when it gets that far.
      expect((await loadCorpus(dir)).rejected).toEqual([]);
      expect(ids).toContain(SEED);
      for (const article of (await loadCorpus(dir)).articles) if (article.id.startsWith(NEW_ID)) expect(article.paragraphs).toEqual(PARAGRAPHS);
    }
    await LiveCorpus.open(dir);
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  }, 90_000);
});

// ------------------------------------------------------------------------------------------------
// A write that fails, through /corpus on the real client

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDEx.GtEsTB.corpus-faults-fake-token-for-tests_11";
const UPLOAD = "---\ntitle: A story the disk refuses\n---\n\n“We will not stop,” said Jane Doe.\n";

/** Makes a file operation fail with `code` until the returned function is called. */
function failing(faults: Partial<Record<"open" | "link" | "rename" | "unlink" | "mkdir", (...args: any[]) => boolean>>, code: string): () => void {
  const originals = new Map<string, unknown>();
  for (const [name, when] of Object.entries(faults)) {
    const original = (fs as any)[name];
    originals.set(name, original);
    (fs as any)[name] = (...args: any[]) =>
      when(...args) ? Promise.reject(Object.assign(new Error(`${code}: simulated, ${name} '${String(args[0])}'`), { code, syscall: name })) : original(...args);
  }
  syncBuiltinESMExports();
  return () => {
    for (const [name, original] of originals) (fs as any)[name] = original;
    syncBuiltinESMExports();
  };
}

/** A full disk: the temporary file is created, and writing into it fails with ENOSPC. */
async function fullDisk(probe: string): Promise<() => void> {
  const handle = await fs.open(probe, "w");
  const proto = Object.getPrototypeOf(handle) as { writeFile: (...args: unknown[]) => Promise<void> };
  await handle.close();
  const original = proto.writeFile;
  proto.writeFile = () => Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", syscall: "write" }));
  return () => {
    proto.writeFile = original;
  };
}

describe("a write that fails", () => {
  let server: DiscordServer;
  let bot: BotHandle;
  let live: LiveCorpus;
  let dir: string;
  let moderator: DiscordUser;
  const logLines: string[] = [];
  const writes = (_: unknown, flags?: unknown) => typeof flags === "string" && /[wax+]/.test(flags);

  beforeAll(async () => {
    dir = await corpusFolder("write-fails");
    server = await DiscordServer.start({ token: TOKEN });
    moderator = server.user();
    const config = botConfig(server, TOKEN, dir);
    live = await LiveCorpus.open(dir);
    const settings = { guildIds: [server.guildId], moderatorRoleIds: [], fetch: { allowPrivate: true, timeoutMs: 2_000 } };
    const moderation = createModeration({ live, settings, download: async () => new TextEncoder().encode(UPLOAD) });
    const logger = linesLogger(logLines, TOKEN);
    bot = await startBot(config, live, { logger, moderation, preconditions: [] });
  });

  afterAll(async () => {
    await bot?.stop();
    await server?.close();
  });

  /** `/corpus add file:…`, then Publish while `fault` is in force; the moderator's final message. */
  async function publishWith(fault: () => Promise<() => void> | (() => void)): Promise<{ content: string; ephemeral: boolean }> {
    const member = { user: moderator, member: { permissions: "32" } };
    const id = snowflake();
    const preview = await server
      .interact({
        type: 2,
        data: {
          id: snowflake(),
          name: "corpus",
          type: 1,
          options: [{ type: 1, name: "add", options: [{ name: "file", type: 11, value: id }] }],
          resolved: { attachments: { [id]: { id, filename: "story.md", size: UPLOAD.length, url: "http://127.0.0.1:9/story.md", proxy_url: "http://127.0.0.1:9/story.md" } } },
        },
        ...member,
      })
      .message();
    const publish = preview.body.components[0].components.find((b: { label: string }) => b.label === "Publish").custom_id;
    expect(preview.ephemeral).toBe(true);
    const restore = await fault();
    try {
      const click = server.interact({ type: 3, data: { custom_id: publish, component_type: 2 }, message: server.message(preview.body), ...member });
      const { body, via } = await click.message();
      // An edit or update of the preview stays as private as the preview; a follow-up says so itself.
      const flagged = (flags: number | undefined) => ((flags ?? 0) & 64) !== 0;
      const ephemeral = via.path.endsWith("/callback") ? via.body.type === 7 || flagged(via.body.data?.flags) : via.method === "POST" ? flagged(via.body.flags) : true;
      return { content: String(body.content ?? ""), ephemeral };
    } finally {
      restore();
    }
  }

  async function files(): Promise<Record<string, string>> {
    const names = (await readdir(dir)).filter((name) => !name.startsWith("."));
    return Object.fromEntries(await Promise.all(names.map(async (name) => [name, sha256(await readFile(path.join(dir, name)))])));
  }

  const answersAsBefore = async () => {
    expect(live.list().map((article) => article.id)).toEqual([SEED]);
    const { body } = await server.chatInput("who-said", { quote: "two to tango" }).message();
    expect(body.embeds[0].description).toContain("Donald Trump");
  };

  it("a read-only folder, before the store's first write: refused with the reason, nothing changed", async () => {
    const before = await files();
    const reply = await publishWith(() => failing({ mkdir: () => true, open: writes, link: () => true, rename: () => true }, "EROFS"));
    expect(reply.content).toMatch(/^Nothing changed\. the corpus folder .* cannot be written to \(EROFS\)/);
    expect(await files()).toEqual(before);
    await answersAsBefore();
  });

  const lateFaults: [string, () => Promise<() => void> | (() => void), RegExp][] = [
    ["a read-only folder once the store has written before (its own folder exists)", () => failing({ open: writes, link: () => true, rename: () => true }, "EROFS"), /EROFS/],
    ["a full disk (ENOSPC while the article is written)", () => fullDisk(path.join(scratch, "probe")), /ENOSPC|space/],
  ];

  it.each(lateFaults)("%s: the live corpus and the files are untouched, and the moderator gets an answer", async (_, fault) => {
    await mkdir(path.join(dir, ".citebot", "history"), { recursive: true });
    const before = await files();
    const reply = await publishWith(fault);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Nothing changed/);
    expect(await files()).toEqual(before);
    await answersAsBefore();
  });

  it.each(lateFaults)("%s: the moderator is told why", async (_, fault, reason) => {
    const reply = await publishWith(fault);
    expect(reply.content).toMatch(/^Nothing changed/);
    expect(reply.content).toMatch(reason);
  });

  it("a full disk leaves no partial temporary file behind", async () => {
    await publishWith(() => fullDisk(path.join(scratch, "probe")));
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
