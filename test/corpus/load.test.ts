import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load";
import { parseArticle, parsePlainArticle } from "../../src/corpus/parse";

describe("loadCorpus", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "citebot-corpus-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const good = '---\ntitle: "A title"\nurl: https://example.org/a\nextra: ignored\n---\nFirst paragraph.\n\nSecond one.\n';

  it("loads the shipped corpus with the seed article", async () => {
    const corpus = await loadCorpus("corpus");
    expect(corpus.rejected).toEqual([]);
    expect(corpus.articles.map((a) => a.id)).toContain("putin-us-peace-plan");
    const seed = corpus.articles.find((a) => a.id === "putin-us-peace-plan")!;
    expect(seed.title).toBe("Putin says Russia disagrees with parts of US plan to end Ukraine war");
    expect(seed.paragraphs).toHaveLength(10);
  });

  it("rejects each bad file with its name and reason, and still loads the others", async () => {
    await writeFile(path.join(dir, "good.md"), good);
    await writeFile(path.join(dir, "no-title.md"), "---\nurl: https://example.org\n---\nBody.\n");
    await writeFile(path.join(dir, "empty-body.md"), '---\ntitle: "T"\n---\n\n  \n');
    await writeFile(path.join(dir, "latin1.md"), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    await writeFile(path.join(dir, "good.txt"), "Another title\n\nBody.\n");
    await writeFile(path.join(dir, "Bad Name.md"), good);
    const corpus = await loadCorpus(dir);
    expect(corpus.articles.map((a) => a.id)).toEqual(["good"]);
    const reasons = Object.fromEntries(corpus.rejected.map((error) => [error.file, error.problem]));
    expect(reasons["no-title.md"]).toMatch(/title/);
    expect(reasons["empty-body.md"]).toMatch(/empty body/);
    expect(reasons["latin1.md"]).toMatch(/UTF-8/);
    expect(reasons["good.txt"]).toMatch(/duplicate document id "good"/);
    expect(reasons["Bad Name.md"]).toMatch(/lowercase/);
  });

  it("reads plain text with the title on the first line", async () => {
    await writeFile(path.join(dir, "plain.txt"), "The title\n\nOne.\n\nTwo.\n");
    const [article] = (await loadCorpus(dir)).articles;
    expect(article).toMatchObject({ id: "plain", title: "The title", paragraphs: ["One.", "Two."] });
  });

  it("says so when the folder does not exist", async () => {
    await expect(loadCorpus(path.join(dir, "missing"))).rejects.toThrow(/does not exist/);
  });
});

describe("parseArticle", () => {
  it("keeps the metadata and folds whitespace inside paragraphs", () => {
    const article = parseArticle("x", '---\ntitle: T\ndate: 2017-01-13\nlicense: CC BY 2.5\n---\nOne\nline.\n\nTwo.', "x.md");
    expect(article).toEqual({ id: "x", title: "T", published: "2017-01-13", license: "CC BY 2.5", paragraphs: ["One line.", "Two."] });
  });

  it("reads hand-written front matter whose plain values hold a colon", () => {
    const text = '---\ntitle: "A \\"quoted\\" title"\ndate: 2017-01-13  # a comment\nnotes: caption omitted ("Image: Sgt. Dion").\n---\nBody.';
    expect(parseArticle("x", text, "x.md")).toMatchObject({ title: 'A "quoted" title', published: "2017-01-13" });
  });

  it("loads every Wikinews fixture", async () => {
    const corpus = await loadCorpus("test/fixtures/wikinews");
    expect(corpus.rejected).toEqual([]);
    expect(corpus.articles).toHaveLength(6);
  });

  it("cleans invisible controls out of titles and refuses titles longer than a headline", () => {
    expect(parseArticle("x", "---\ntitle: \"Right\u202Eto left\u0007\"\n---\nBody.", "x.md").title).toBe("Rightto left");
    expect(() => parseArticle("x", `---\ntitle: ${"long ".repeat(100)}\n---\nBody.`, "x.md")).toThrow(/title: the title has more than 300 characters/);
    expect(() => parsePlainArticle("x", `${"long ".repeat(100)}\n\nBody.`, "x.txt")).toThrow(/more than 300 characters/);
    expect(() => parsePlainArticle("x", "\u202E\n\nBody.", "x.txt")).toThrow(/has no title/);
  });

  it("names the field that is wrong", () => {
    expect(() => parseArticle("x", "---\ntitle: T\nurl: ftp://x\n---\nBody.", "x.md")).toThrow(/x\.md: url/);
    expect(() => parseArticle("x", "---\ntitle: [unclosed\n---\nBody.", "x.md")).toThrow(/not valid YAML/);
    expect(() => parseArticle("x", "No front matter.", "x.md")).toThrow(/no front matter/);
  });
});
