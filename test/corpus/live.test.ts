import { copyFile, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Engine } from "../../src/answers/engine";
import { previewFile, previewLink } from "../../src/corpus/import";
import { CorpusRebuildError, LiveCorpus } from "../../src/corpus/live";
import { NORTH_KOREA_ARTICLE, scratchCorpus, SEED_ARTICLE } from "../support/corpus-folder";
import { fixture, type NewsSite, startNewsSite } from "./news-site";

const SEED = "putin-us-peace-plan";
const FIXTURES = "test/fixtures/wikinews";
const annapolis = fixture("2007-11-28-annapolis-joint-understanding");
const NEW_QUOTE = "an investment of presidential prestige"; // Daniel Levy, in the Annapolis article only
const SEED_QUOTE = "two to tango"; // Donald Trump, in the seed article

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite(annapolis, 1024 * 1024);
});
afterAll(() => site.close());

let root: string;
let dir: string;
beforeEach(async () => {
  ({ root, dir } = await scratchCorpus("live", [SEED_ARTICLE, NORTH_KOREA_ARTICLE]));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const speakerOf = (live: LiveCorpus, words: string) => live.engine.whoSaid(words).matches[0]?.speaker?.name;

describe("LiveCorpus", () => {
  it("adds an article by link: preview, publish, and who-said finds its quote; it is still there after a restart", async () => {
    const live = await LiveCorpus.open(dir);
    expect(speakerOf(live, NEW_QUOTE)).toBeUndefined();

    const preview = await previewLink(`${site.base}/article`, { allowPrivate: true });
    expect(preview.quotes).toBeGreaterThan(5);
    expect(live.list().map((a) => a.id)).toEqual(["north-korea", SEED]); // a preview changes nothing

    const change = await live.add(preview.draft, "discord:42 (mod)");
    expect(change.article?.id).toBe("statement-of-joint-understanding-released-after-annapolis");
    expect(change.diff).toEqual({ added: [change.article!.id], changed: [], removed: [] });
    const match = live.engine.whoSaid(NEW_QUOTE).matches[0];
    expect(match?.speaker?.name).toBe("Daniel Levy");
    expect(match?.passage.citation).toMatch(new RegExp(`^${change.article!.id}:8\\.1$`));
    expect(match?.passage.article).toMatchObject({ title: annapolis.title, url: `${site.base}/article`, source: "Wikinews" });

    const restarted = await LiveCorpus.open(dir);
    expect(speakerOf(restarted, NEW_QUOTE)).toBe("Daniel Levy");
    expect(restarted.engine.stats()).toEqual(live.engine.stats());
  });

  it("removes an article: gone at once and after a restart; the last article cannot be removed", async () => {
    const live = await LiveCorpus.open(dir);
    const change = await live.remove("north-korea", "carol");
    expect(change.diff).toEqual({ added: [], changed: [], removed: ["north-korea"] });
    expect(live.list().map((a) => a.id)).toEqual([SEED]);
    expect((await LiveCorpus.open(dir)).list().map((a) => a.id)).toEqual([SEED]);

    await expect(live.remove(SEED, "carol")).rejects.toThrow(/no articles left/);
    expect(await readdir(dir)).toContain(`${SEED}.md`);
    expect(speakerOf(live, SEED_QUOTE)).toBe("Donald Trump");
  });

  it("replaces an article and reports it as changed", async () => {
    const live = await LiveCorpus.open(dir);
    const seed = live.list().find((a) => a.id === SEED)!;
    const { id: _, ...draft } = seed;
    const fixed = { ...draft, paragraphs: draft.paragraphs.map((p) => p.replace("two to tango", "two to tangle")) };
    const change = await live.replace(SEED, fixed, "bob");
    expect(change.diff).toEqual({ added: [], changed: [SEED], removed: [] });
    expect(live.engine.whoSaid("it does take two to tangle").matches[0]?.misquoted).toBe(false);
  });

  it("refuses a malformed upload, and the corpus answers as before", async () => {
    const live = await LiveCorpus.open(dir);
    const engine = live.engine;
    expect(() => previewFile(Buffer.from("---\nsource: [x\n---\nBody.\n"), "broken.md")).toThrow(/broken\.md: front matter is not valid YAML/);
    expect(live.engine).toBe(engine);
    expect(speakerOf(live, SEED_QUOTE)).toBe("Donald Trump");
  });

  it("a reload that fails names each bad file and its problem, and leaves the live engine as it was", async () => {
    const live = await LiveCorpus.open(dir);
    const engine = live.engine;
    await writeFile(path.join(dir, "no-title.md"), "---\nurl: https://example.org/x\n---\nBody.\n");
    await writeFile(path.join(dir, "bad-yaml.md"), "---\ntitle: T\nsource: [unclosed\n---\nBody.\n");
    await writeFile(path.join(dir, "extra.md"), "---\ntitle: Fine\n---\nA fine article.\n");
    const failure = await live.reload("alice").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CorpusRebuildError);
    const problems = Object.fromEntries((failure as CorpusRebuildError).problems.map((p) => [p.file, p.problem]));
    expect(problems["no-title.md"]).toBe("title: the front matter needs a title");
    expect(problems["bad-yaml.md"]).toMatch(/front matter is not valid YAML \(line \d\)/);
    expect(live.engine).toBe(engine);
    expect(live.list().map((a) => a.id)).toEqual(["north-korea", SEED]);

    await unlink(path.join(dir, "no-title.md"));
    await unlink(path.join(dir, "bad-yaml.md"));
    const reloaded = await live.reload("alice");
    expect(reloaded.diff).toEqual({ added: ["extra"], changed: [], removed: [] });
  });

  it("a reload reports what changed on disk: added, changed, removed", async () => {
    const live = await LiveCorpus.open(dir);
    await copyFile(path.join(FIXTURES, "2012-05-23-lockerbie-megrahi-buried.md"), path.join(dir, "lockerbie.md"));
    await unlink(path.join(dir, "north-korea.md"));
    const seed = path.join(dir, `${SEED}.md`);
    await writeFile(seed, (await readFile(seed, "utf8")).replace("two to tango", "two to tangle"));
    const change = await live.reload("alice");
    expect(change.diff).toEqual({ added: ["lockerbie"], changed: [SEED], removed: ["north-korea"] });
  });

  it("keeps answering, correctly, while a reload and an add run", async () => {
    for (const name of await readdir(FIXTURES)) await copyFile(path.join(FIXTURES, name), path.join(dir, `copy-${name}`));
    await unlink(path.join(dir, "copy-2017-01-13-putin-us-troops-poland-threat.md")); // that fixture's front matter does not parse
    await unlink(path.join(dir, "copy-2007-11-28-annapolis-joint-understanding.md"));
    const live = await LiveCorpus.open(dir);

    let answered = 0;
    const keepAsking = async (until: Promise<unknown>, check: () => void) => {
      let done = false;
      void until.finally(() => (done = true)).catch(() => undefined);
      while (!done) {
        check();
        answered++;
        await new Promise((resolve) => setImmediate(resolve));
      }
      await until;
    };

    await keepAsking(live.reload("alice"), () => expect(speakerOf(live, SEED_QUOTE)).toBe("Donald Trump"));
    const reloadAnswers = answered;
    expect(reloadAnswers).toBeGreaterThan(3);

    // During an add, each answer comes from the old engine or the new one, and once new, never old again.
    let swapped = false;
    await keepAsking(live.add(annapolis, "bob"), () => {
      expect(speakerOf(live, SEED_QUOTE)).toBe("Donald Trump");
      const levy = speakerOf(live, NEW_QUOTE);
      if (swapped) expect(levy).toBe("Daniel Levy");
      swapped ||= levy === "Daniel Levy";
    });
    expect(answered).toBeGreaterThan(reloadAnswers + 3);
    expect(speakerOf(live, NEW_QUOTE)).toBe("Daniel Levy");
  });

  it("builds in a worker thread from offThreadFrom articles on, so the main thread stays free to answer", async () => {
    const fixtures = (await readdir(FIXTURES)).filter((name) => !name.startsWith("2017-01-13") && !name.startsWith("2007-11-28"));
    for (let copy = 0; copy < 24; copy++) for (const name of fixtures) await copyFile(path.join(FIXTURES, name), path.join(dir, `copy-${copy}-${name}`));
    const live = await LiveCorpus.open(dir, { offThreadFrom: 0 });
    const articles = live.list();
    const started = performance.now();
    Engine.fromArticles(articles);
    const onMainThread = performance.now() - started;

    let longest = 0;
    let done = false;
    const adding = live.add(annapolis, "bob").finally(() => (done = true));
    for (let last = performance.now(); !done; ) {
      expect(speakerOf(live, SEED_QUOTE)).toBe("Donald Trump");
      await new Promise((resolve) => setImmediate(resolve));
      longest = Math.max(longest, performance.now() - last);
      last = performance.now();
    }
    await adding;
    expect(speakerOf(live, NEW_QUOTE)).toBe("Daniel Levy");
    expect(live.engine.stats().articles).toBe(articles.length + 1);
    // Reading the built engine back blocks a little; building it on the main thread would block all along.
    expect(longest, `longest pause ${Math.round(longest)} ms; built on the main thread: ${Math.round(onMainThread)} ms`).toBeLessThan(onMainThread / 2);
  }, 60_000);

  it("lands concurrent adds from two moderators, and the live engine has both", async () => {
    const live = await LiveCorpus.open(dir);
    const one = { title: "Follow-up one", paragraphs: ['"We will meet again in spring," said Anna Lindqvist, the mediator.'] };
    const two = { title: "Follow-up two", paragraphs: ['"Nothing was agreed," said Tomas Berg, a spokesman.'] };
    const [a, b] = await Promise.all([live.add(one, "alice"), live.add(two, "bob")]);
    expect([a.article?.id, b.article?.id]).toEqual(["follow-up-one", "follow-up-two"]);
    expect(live.list().map((x) => x.id)).toEqual(expect.arrayContaining(["follow-up-one", "follow-up-two"]));
    expect((await LiveCorpus.open(dir)).list()).toHaveLength(4);
  });

  it("reports status: counts, the last change and who made it, the last audit entries, skipped files", async () => {
    const live = await LiveCorpus.open(dir);
    await live.add(annapolis, "discord:1 (alice)");
    await live.remove("north-korea", "discord:2 (bob)");
    await live.reload("discord:1 (alice)");
    const status = await live.status();
    expect(status.stats).toEqual(live.engine.stats());
    expect(status.stats.articles).toBe(2);
    expect(status.lastChange).toMatchObject({ action: "remove", who: "discord:2 (bob)", id: "north-korea" });
    expect(status.recent.map((e) => e.action)).toEqual(["add", "remove", "reload"]);
    expect(status.skipped).toEqual([]);
  });

  it("starts with a bad file left out and listed, and keeps it listed after a change", async () => {
    await writeFile(path.join(dir, "Bad Name.md"), "---\ntitle: T\n---\nBody.\n");
    const live = await LiveCorpus.open(dir);
    expect((await live.status()).skipped.map((e) => e.file)).toEqual(["Bad Name.md"]);
    const change = await live.add({ title: "Another", paragraphs: ["Body."] }, "t");
    expect(change.skipped.map((e) => e.file)).toEqual(["Bad Name.md"]);
  });
});
