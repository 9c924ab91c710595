/**
 * `npm start` (the console, as its own process) on a copy of the corpus: the first start builds
 * the engine and saves the snapshot, the next reads it back; a torn snapshot is ignored and
 * rewritten, and the answers are the same every time.
 */
import { readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load";
import { snapshotCorpusHash } from "../../src/corpus/snapshot-file";
import { corpusHash } from "../../src/index/snapshot";
import { NORTH_KOREA_ARTICLE, scratchCorpus, SEED_ARTICLE } from "../support/corpus-folder";
import { ROOT, runScript, type ScriptRun } from "../support/process";

const QUESTIONS = "who-said two to tango\nask How much of Ukraine does Moscow control?\nposition Russia --topic Donbas\nwho-said quasi-state of war\n";

let scratch: string;
let dir: string;
let snapshot: string;

beforeAll(async () => {
  ({ root: scratch, dir } = await scratchCorpus("start", [SEED_ARTICLE, NORTH_KOREA_ARTICLE]));
  snapshot = path.join(dir, ".citebot/engine.snapshot");
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The environment without any Discord, corpus or log setting of the machine running the tests. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^(DISCORD_|CORPUS_|LOG_LEVEL)/.test(key)) env[key] = value;
  return env;
}

/** `npm start` without a token (what it runs, without npm in between), answering QUESTIONS from stdin. */
function start(env: Record<string, string> = {}): Promise<ScriptRun> {
  return runScript("src/main.ts", [], { stdin: QUESTIONS, env: { ...cleanEnv(), CORPUS_DIR: dir, ...env } });
}

const currentHash = async () => corpusHash((await loadCorpus(dir)).articles);

describe("npm start with a snapshot", () => {
  let first: Awaited<ReturnType<typeof start>>;

  beforeAll(async () => {
    first = await start();
  }, 60_000);

  it("the first start builds the engine and saves the snapshot of exactly these articles", async () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/2 articles, analysed in [\d.]+ s \(snapshot missing or unreadable\); saved to .*engine\.snapshot for the next start/);
    expect(first.stdout).toContain("Donald Trump (President) said: “it does take two to tango.”");
    expect(await snapshotCorpusHash(snapshot)).toBe(await currentHash());
  });

  it("the next start reads it, leaves it as it was, and answers the same", async () => {
    const before = await stat(snapshot);
    const second = await start();
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/2 articles, read from the snapshot .*engine\.snapshot/);
    expect(second.stderr).not.toMatch(/analysed/);
    expect(second.stdout).toBe(first.stdout);
    const after = await stat(snapshot);
    expect([after.mtimeMs, after.ino, after.size]).toEqual([before.mtimeMs, before.ino, before.size]);
  }, 60_000);

  it("a torn snapshot (its header whole, its body cut) and a garbage one are ignored and rewritten; the answers are the same", async () => {
    const { size } = await stat(snapshot);
    await truncate(snapshot, Math.floor(size / 2));
    const torn = await start();
    expect(torn.code).toBe(0);
    expect(torn.stderr).toMatch(/analysed in [\d.]+ s \(snapshot unusable: is \d+ bytes, its header describes \d+\); saved to/);
    expect(torn.stdout).toBe(first.stdout);
    expect((await stat(snapshot)).size).toBe(size);

    await writeFile(snapshot, "not a snapshot\u0000\u0001");
    const garbage = await start();
    expect(garbage.stderr).toMatch(/\(snapshot missing or unreadable\); saved to/);
    expect(garbage.stdout).toBe(first.stdout);
    expect(await snapshotCorpusHash(snapshot)).toBe(await currentHash());
  }, 90_000);

  it("a snapshot made from other articles is not used: a quote an edit took out is no longer found", async () => {
    const edited = path.join(dir, "putin-us-peace-plan.md");
    const original = await readFile(edited, "utf8");
    await writeFile(edited, original.replace("two to tango", "two to tangle"));
    try {
      const run = await start();
      expect(run.stderr).toMatch(/\(snapshot built from other articles\); saved to/);
      expect(run.stdout).toContain("“two to tango” is not in the corpus");
      expect(await snapshotCorpusHash(snapshot)).toBe(await currentHash());
    } finally {
      await writeFile(edited, original);
    }
  }, 60_000);

  it("a snapshot that cannot be written is reported, and the console answers all the same; CORPUS_SNAPSHOT=off uses none", async () => {
    const blocker = path.join(scratch, "a-file");
    await writeFile(blocker, "in the way of a folder");
    const [unwritable, off] = await Promise.all([start({ CORPUS_SNAPSHOT: path.join(blocker, "engine.snapshot") }), start({ CORPUS_SNAPSHOT: "off" })]);
    expect(unwritable.code).toBe(0);
    expect(unwritable.stderr).toMatch(/the snapshot .*a-file\/engine\.snapshot could not be saved \(.*(ENOTDIR|EEXIST).*\): the next start analyses them again/);
    expect(unwritable.stdout).toBe(first.stdout);
    expect(off.code).toBe(0);
    expect(off.stderr).toBe("");
    expect(off.stdout).toBe(first.stdout);
  }, 60_000);
});
