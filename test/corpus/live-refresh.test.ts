/**
 * The live corpus keeps its snapshot current, and notices changes made to the folder by other
 * processes (`npm run corpus`, run for real here) and by hand, without /corpus reload.
 */
import { copyFile, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveCorpus, WATCH_WHO } from "../../src/corpus/live";
import { loadCorpus } from "../../src/corpus/load";
import { snapshotCorpusHash } from "../../src/corpus/snapshot-file";
import { corpusHash } from "../../src/index/snapshot";
import { linesLogger } from "../support/bot";
import { NORTH_KOREA_ARTICLE, scratchCorpus, SEED_ARTICLE } from "../support/corpus-folder";
import { ROOT, runScript } from "../support/process";
import { fixture } from "./news-site";

const annapolis = fixture("2007-11-28-annapolis-joint-understanding");
const NEW_QUOTE = "an investment of presidential prestige"; // Daniel Levy, in the Annapolis article only

let root: string;
let dir: string;
let snapshot: string;
let lines: string[];
let opened: LiveCorpus[];

beforeEach(async () => {
  ({ root, dir } = await scratchCorpus("refresh", [SEED_ARTICLE, NORTH_KOREA_ARTICLE]));
  snapshot = path.join(dir, ".citebot/engine.snapshot");
  lines = [];
  opened = [];
});

afterEach(async () => {
  await Promise.all(opened.map((live) => live.close()));
  await rm(root, { recursive: true, force: true });
});

async function open(options: { snapshot?: string; offThreadFrom?: number } = { snapshot: undefined }): Promise<LiveCorpus> {
  const live = await LiveCorpus.open(dir, { ...options, logger: linesLogger(lines, "unused-secret", "debug") });
  opened.push(live);
  return live;
}

const speakerOf = (live: LiveCorpus, words: string) => live.engine.whoSaid(words).matches[0]?.speaker?.name;
const diskHash = async () => corpusHash((await loadCorpus(dir)).articles);
const logged = (message: string) => lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === message);

/** Waits until `condition` holds; fails with `what` after a generous deadline (never a timing assertion). */
async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${lines.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `npm run corpus -- <args> --corpus dir`, as its own process. */
const corpusCli = (args: string[]) => runScript("scripts/corpus.ts", [...args, "--corpus", dir]);

describe("the live corpus's snapshot", () => {
  it("is written at the first open, read at the next, and rewritten after an add to match the new corpus", async () => {
    const first = await open({ snapshot });
    expect((await first.status()).fromSnapshot).toBe(false);
    await first.snapshotWritten();
    expect(await snapshotCorpusHash(snapshot)).toBe(await diskHash());

    const second = await open({ snapshot });
    expect((await second.status()).fromSnapshot).toBe(true);
    expect(second.engine.stats()).toEqual(first.engine.stats());

    const change = await second.add(annapolis, "alice");
    expect(change.diff).toEqual({ added: [change.article!.id], changed: [], removed: [] });
    await second.snapshotWritten();
    expect(await snapshotCorpusHash(snapshot)).toBe(await diskHash());
    expect(logged("snapshot written").at(-1)).toMatchObject({ snapshot, how: "saved", articles: 3 });

    const restarted = await open({ snapshot });
    expect((await restarted.status()).fromSnapshot).toBe(true);
    expect(speakerOf(restarted, NEW_QUOTE)).toBe("Daniel Levy");
  });

  it("built in a worker, is the worker's own file moved into place, with no temporary file left", async () => {
    const live = await open({ snapshot, offThreadFrom: 0 });
    await live.snapshotWritten();
    const change = await live.add(annapolis, "alice");
    expect(change.diff.added).toEqual([change.article!.id]);
    await live.snapshotWritten();
    expect(await snapshotCorpusHash(snapshot)).toBe(await diskHash());
    expect(logged("snapshot written").at(-1)).toMatchObject({ snapshot, how: "moved", articles: 3 });
    expect((await readdir(path.dirname(snapshot))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const restarted = await open({ snapshot });
    expect((await restarted.status()).fromSnapshot).toBe(true);
    expect(speakerOf(restarted, NEW_QUOTE)).toBe("Daniel Levy");
  }, 60_000);

  it("that cannot be written fails neither the open nor a change: it is logged, and the change is live", async () => {
    const blocker = path.join(root, "a-file");
    await writeFile(blocker, "in the way of a folder");
    const live = await open({ snapshot: path.join(blocker, "engine.snapshot") });
    const change = await live.add(annapolis, "alice");
    await live.snapshotWritten();
    expect(change.diff.added).toEqual([change.article!.id]);
    expect(speakerOf(live, NEW_QUOTE)).toBe("Daniel Levy");
    const failures = logged("the snapshot could not be written: the next start builds the engine from the articles again");
    expect(failures).toHaveLength(2); // the open's and the add's
    expect(failures[0].err.message).toMatch(/ENOTDIR|EEXIST/);
  });

  it("a reload of a folder that holds what is live rebuilds nothing, and still says so and is logged", async () => {
    const live = await open({ snapshot });
    const engine = live.engine;
    const change = await live.reload("alice");
    expect(change.diff).toEqual({ added: [], changed: [], removed: [] });
    expect(live.engine).toBe(engine);
    expect((await live.status()).recent.map((entry) => entry.action)).toEqual(["reload"]);
  });
});

describe("watching the folder", () => {
  it("an add by `npm run corpus` in another process is answered from without /corpus reload", async () => {
    const live = await open({ snapshot });
    live.watch({ debounceMs: 200 });
    expect(speakerOf(live, NEW_QUOTE)).toBeUndefined();

    const file = path.join(root, "annapolis.md");
    await copyFile(path.join(ROOT, "test/fixtures/wikinews/2007-11-28-annapolis-joint-understanding.md"), file);
    const added = await corpusCli(["add", file]);
    expect(added).toMatchObject({ code: 0, stderr: "" });

    await until(() => speakerOf(live, NEW_QUOTE) === "Daniel Levy", "the running engine answering from the new article");
    expect(live.list().map((article) => article.id)).toContain("statement-of-joint-understanding-released-after-annapolis");
    const reloaded = logged("corpus folder changed: reloaded");
    expect(reloaded.at(-1)).toMatchObject({ added: ["statement-of-joint-understanding-released-after-annapolis"], changed: [], removed: [] });
    // The audit log has the operator's add, then the reload that picked it up.
    expect((await live.status()).recent.map((entry) => [entry.action, entry.who.split(":")[0]])).toEqual([
      ["add", "cli"],
      ["reload", WATCH_WHO.split(":")[0]],
    ]);
    await live.snapshotWritten();
    expect(await snapshotCorpusHash(snapshot)).toBe(await diskHash());
  }, 90_000);

  it("several changes from other processes at once all arrive, one reload at a time", async () => {
    const live = await open();
    live.watch({ debounceMs: 100 });
    const stories = ["Harbour reopens", "Bridge closes", "Talks resume"].map((title, k) => ({
      title,
      file: path.join(root, `story-${k}.md`),
      quote: `we are ready number ${k + 1}`,
    }));
    for (const { title, file, quote } of stories) await writeFile(file, `---\ntitle: ${title}\n---\n\n“${quote},” said Anna Lindqvist, the mediator.\n`);
    const runs = await Promise.all(stories.map(({ file }) => corpusCli(["add", file])));
    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: "" });
    await until(() => stories.every(({ quote }) => speakerOf(live, quote) === "Anna Lindqvist"), "all three new articles answered");
    expect(live.list()).toHaveLength(5);
    expect(logged("corpus folder changed, and the reload was refused: still answering from the corpus as it was")).toEqual([]);
  }, 90_000);

  it("a hand edit that does not load is refused and logged, the live engine kept; once fixed, it is picked up", async () => {
    const live = await open();
    live.watch({ debounceMs: 100 });
    const engine = live.engine;
    const broken = path.join(dir, "by-hand.md");
    await writeFile(broken, "---\nsource: [unclosed\n---\n\n“Written by hand,” an operator said.\n");
    const refusal = "corpus folder changed, and the reload was refused: still answering from the corpus as it was";
    // Caught half-written, the file may first be refused as empty: wait for the refusal of the whole file.
    const yaml = () => logged(refusal).filter((entry) => /not valid YAML/.test(entry.problems?.[0]?.problem));
    await until(() => yaml().length > 0, "the refused reload logged");
    expect(yaml()[0].problems).toEqual([{ file: "by-hand.md", problem: expect.stringMatching(/front matter is not valid YAML/) }]);
    expect(live.engine).toBe(engine);
    expect(speakerOf(live, "two to tango")).toBe("Donald Trump");

    await writeFile(broken, "---\ntitle: Written by hand\n---\n\n“The bridge will reopen on Monday,” said Tomas Berg, a spokesman.\n");
    await until(() => speakerOf(live, "the bridge will reopen on Monday") === "Tomas Berg", "the fixed file answered from");
    await unlink(broken);
    await until(() => !live.list().some((article) => article.id === "by-hand"), "the deleted file gone from the live corpus");
    const audit = (await readFile(path.join(dir, ".citebot/audit.jsonl"), "utf8")).trim().split("\n").map((line) => JSON.parse(line));
    // Only reloads that changed something are logged: the fix and the deletion, never a refused one.
    expect(audit.map((entry) => `${entry.action} ${entry.who}`)).toEqual([`reload ${WATCH_WHO}`, `reload ${WATCH_WHO}`]);
  }, 90_000);

  it("the corpus's own changes are not reloaded again, and close stops watching", async () => {
    const live = await open();
    live.watch({ debounceMs: 50 });
    const change = await live.add({ title: "Own change", paragraphs: ["“Made by the bot itself,” said Jane Doe."] }, "alice");
    const engine = live.engine;
    await until(() => logged("corpus folder changed: it holds what is live already").length > 0, "the folder watch seeing the add");
    expect(live.engine).toBe(engine);
    expect(change.diff.added).toEqual(["own-change"]);
    await live.close();
    await writeFile(path.join(dir, "later.md"), "---\ntitle: Later\n---\n\nAfter close.\n");
    const before = live.engine;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.engine).toBe(before);
    expect((await live.status()).recent.map((entry) => entry.action)).toEqual(["add"]);
  });
});
