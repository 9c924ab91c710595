import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/load";
import { AUDIT_FILE, CorpusStore, CorpusStoreError, HISTORY_DIR } from "../../src/corpus/store";
import { scratchCorpus } from "../support/corpus-folder";

const accept = () => undefined;
const draft = (title: string, body = "First paragraph.") => ({ title, source: "The Daily", paragraphs: [body, "Second paragraph."] });

let root: string;
let dir: string;
beforeEach(async () => {
  ({ root, dir } = await scratchCorpus("store", []));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const auditLines = async () => (await readFile(path.join(dir, AUDIT_FILE), "utf8").catch(() => "")).split("\n").filter(Boolean).map((line) => JSON.parse(line));
const mdFiles = async () => (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();

describe("CorpusStore.add", () => {
  it("writes <slug>.md that loads back as the article, and logs who, what, id and sha256", async () => {
    const store = await CorpusStore.open(dir);
    const change = await store.add(draft("Putin's 'threat': US troops in Żagań"), "discord:1 (alice)", accept);
    expect(change.article).toMatchObject({ id: "putins-threat-us-troops-in-zagan", title: "Putin's 'threat': US troops in Żagań", source: "The Daily" });
    const { articles, rejected } = await loadCorpus(dir);
    expect(rejected).toEqual([]);
    expect(articles).toEqual([change.article]);
    const bytes = await readFile(path.join(dir, "putins-threat-us-troops-in-zagan.md"));
    const [entry] = await auditLines();
    expect(entry).toMatchObject({ who: "discord:1 (alice)", action: "add", id: change.article.id, sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(Date.parse(entry.at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("makes ids unique, and a title cannot name a path", async () => {
    const store = await CorpusStore.open(dir);
    const ids = [];
    for (const title of ["Same title", "Same title", "../../etc/passwd", "/absolute/path", "\0«»", "…"]) ids.push((await store.add(draft(title), "t", accept)).article.id);
    expect(ids).toEqual(["same-title", "same-title-2", "etc-passwd", "absolute-path", "article", "article-2"]);
    expect(await readdir(root)).toEqual(["corpus"]);
  });

  it("lands every one of many concurrent adds, also from two stores on one folder (two processes)", async () => {
    const [one, two] = [await CorpusStore.open(dir), await CorpusStore.open(dir)];
    const adds = Array.from({ length: 12 }, (_, n) => (n % 2 ? one : two).add(draft("Breaking news", `Paragraph of add ${n}.`), `mod-${n}`, accept));
    const ids = (await Promise.all(adds)).map((change) => change.article.id);
    expect(new Set(ids).size).toBe(12);
    const { articles } = await loadCorpus(dir);
    expect(articles.map((a) => a.paragraphs[0]).sort()).toEqual(Array.from({ length: 12 }, (_, n) => `Paragraph of add ${n}.`).sort());
    expect(await auditLines()).toHaveLength(12);
  });

  it("writes nothing and logs nothing when the check refuses", async () => {
    const store = await CorpusStore.open(dir);
    await expect(store.add(draft("Refused"), "t", () => { throw new Error("no"); })).rejects.toThrow("no");
    expect(await mdFiles()).toEqual([]);
    expect(await auditLines()).toEqual([]);
    // The queue goes on after a refusal.
    await store.add(draft("Accepted"), "t", accept);
    expect(await mdFiles()).toEqual(["accepted.md"]);
  });

  it("refuses an article that would not load back, naming the field, and one without a who", async () => {
    const store = await CorpusStore.open(dir);
    await expect(store.add({ title: "T", url: "javascript:alert(1)", paragraphs: ["P."] }, "t", accept)).rejects.toThrow(/url: url must be an http\(s\) link/);
    await expect(store.add({ title: "T", paragraphs: [] }, "t", accept)).rejects.toThrow(/empty body/);
    await expect(store.add(draft("T"), " ", accept)).rejects.toThrow(/needs a who/);
  });
});

describe("CorpusStore.replace and remove", () => {
  it("replaces under the same id and keeps the earlier version in the history", async () => {
    const store = await CorpusStore.open(dir);
    const { article } = await store.add(draft("A story", "Typo in teh text."), "t", accept);
    await store.replace(article.id, draft("A story", "Typo fixed in the text."), "bob", accept);
    const { articles } = await loadCorpus(dir);
    expect(articles).toMatchObject([{ id: "a-story", paragraphs: ["Typo fixed in the text.", "Second paragraph."] }]);
    const history = await readdir(path.join(dir, HISTORY_DIR));
    expect(history).toHaveLength(1);
    expect(await readFile(path.join(dir, HISTORY_DIR, history[0]!), "utf8")).toContain("Typo in teh text.");
    expect((await auditLines()).map((e) => [e.action, e.who, e.id])).toEqual([["add", "t", "a-story"], ["replace", "bob", "a-story"]]);
  });

  it("turns a .txt article into .md on replace, so the id is not duplicated", async () => {
    await CorpusStore.open(dir);
    await writeFile(path.join(dir, "plain.txt"), "Plain\n\nBody.\n");
    const store = await CorpusStore.open(dir);
    await store.replace("plain", draft("Plain"), "t", accept);
    expect((await readdir(dir)).filter((n) => !n.startsWith("."))).toEqual(["plain.md"]);
    expect((await loadCorpus(dir)).rejected).toEqual([]);
  });

  it("removes into the history, so nothing is lost", async () => {
    const store = await CorpusStore.open(dir);
    const { article } = await store.add(draft("Retracted piece"), "t", accept);
    const before = await readFile(path.join(dir, `${article.id}.md`));
    const change = await store.remove(article.id, "carol", accept);
    expect(change.article.title).toBe("Retracted piece");
    expect(await mdFiles()).toEqual([]);
    const [kept] = await readdir(path.join(dir, HISTORY_DIR));
    expect(await readFile(path.join(dir, HISTORY_DIR, kept!))).toEqual(before);
    expect((await auditLines()).at(-1)).toMatchObject({ action: "remove", who: "carol", id: article.id, sha256: createHash("sha256").update(before).digest("hex") });
  });

  it("refuses ids that are paths, hidden names, NUL or anything not a slug, and ids that do not exist", async () => {
    const store = await CorpusStore.open(dir);
    await writeFile(path.join(root, "outside.md"), "---\ntitle: Outside\n---\nBody.\n");
    for (const id of ["../outside", "/etc/passwd", path.join(root, "outside"), "a\0b", "A-Story", "a.md", "", ".citebot/audit", "a/../b", "a--b"]) {
      await expect(store.remove(id, "t", accept), JSON.stringify(id)).rejects.toThrow(/is not a document id/);
      await expect(store.replace(id, draft("x"), "t", accept), JSON.stringify(id)).rejects.toThrow(CorpusStoreError);
    }
    await expect(store.remove("no-such-article", "t", accept)).rejects.toThrow(/no article has the id "no-such-article"/);
    expect(existsSync(path.join(root, "outside.md"))).toBe(true);
    expect(await auditLines()).toEqual([]);
  });

  it("shows a NUL in a refused id as ?, never as is", async () => {
    const store = await CorpusStore.open(dir);
    await expect(store.remove("x\0y", "t", accept)).rejects.toThrow('"x?y" is not a document id');
  });
});

describe("CorpusStore.open", () => {
  it("refuses a folder that does not exist rather than start an empty corpus", async () => {
    await expect(CorpusStore.open(path.join(root, "typo"))).rejects.toThrow(/corpus folder .*typo: does not exist/);
  });

  it("writes nothing on open, so a read-only corpus still opens; a change that cannot be written is refused with the reason", async () => {
    await writeFile(path.join(dir, "kept.md"), "---\ntitle: Kept\n---\nBody.\n");
    const store = await CorpusStore.open(dir);
    expect(await readdir(dir)).toEqual(["kept.md"]);
    await writeFile(path.join(dir, ".citebot"), "a file where the store's folder should be");
    await expect(store.add(draft("New"), "t", accept)).rejects.toThrow(/the corpus folder .* cannot be written to \((EEXIST|ENOTDIR)\)/);
    expect((await store.list()).articles.map((a) => a.id)).toEqual(["kept"]);
  });
});

describe("crash safety", () => {
  it("a temporary file left by a dead writer is ignored by the loader and cleaned on open", async () => {
    const store = await CorpusStore.open(dir);
    await store.add(draft("Kept"), "t", accept);
    const leftover = path.join(dir, ".kept.md.999999999.abcdef.tmp");
    await writeFile(leftover, "---\ntitle: Half writ");
    expect((await loadCorpus(dir)).articles.map((a) => a.id)).toEqual(["kept"]);
    await CorpusStore.open(dir);
    expect(existsSync(leftover)).toBe(false);
  });

  /** Starts the crash writer and kills it with SIGKILL once it prints `signal`, after `delayMs`. */
  async function killWriter(mode: "loop" | "before-rename" | "before-audit", signal: string, delayMs: number): Promise<void> {
    const child = spawn(process.execPath, ["--import", "tsx", "test/corpus/crash-writer.ts", dir, mode], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (data: Buffer) => data.toString().includes(signal) && resolve()));
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
  }

  it("a writer killed between the write and the rename leaves the old article; the loader ignores the temporary file and open cleans it", async () => {
    const store = await CorpusStore.open(dir);
    await store.add(draft("Story", "The old version."), "t", accept);
    await killWriter("before-rename", "stalled", 0);
    const leftovers = (await readdir(dir)).filter((name) => name.endsWith(".tmp"));
    expect(leftovers).toHaveLength(1);
    expect(await readFile(path.join(dir, leftovers[0]!), "utf8")).toContain("Story version 1"); // the new version, whole, not in place
    const { articles, rejected } = await loadCorpus(dir);
    expect(rejected).toEqual([]);
    expect(articles).toMatchObject([{ id: "story", title: "Story", paragraphs: ["The old version.", "Second paragraph."] }]);
    await CorpusStore.open(dir);
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // The journal of a change that never got in place is dropped: the log has the add alone.
    expect((await auditLines()).map((entry) => entry.action)).toEqual(["add"]);
    expect(await readdir(path.join(dir, ".citebot", "journal"))).toEqual([]);
  });

  it("a writer killed after the article is in place and before it is logged: the next open logs it from the journal", async () => {
    const store = await CorpusStore.open(dir);
    await store.add(draft("Story", "The old version."), "t", accept);
    await killWriter("before-audit", "stalled", 0);
    const bytes = await readFile(path.join(dir, "story.md"));
    expect(bytes.toString()).toContain("Story version 1");
    expect(await auditLines()).toHaveLength(1);
    await CorpusStore.open(dir);
    const entries = await auditLines();
    expect(entries.at(-1)).toMatchObject({ action: "replace", who: "crash-writer", id: "story", sha256: createHash("sha256").update(bytes).digest("hex") });
    // Once logged, the journal is gone: another open adds nothing.
    await CorpusStore.open(dir);
    expect(await auditLines()).toHaveLength(2);
  });

  it("a change that cannot be written is refused with the file system's reason, and leaves nothing behind", async () => {
    const store = await CorpusStore.open(dir);
    await mkdir(path.join(dir, ".citebot"));
    await writeFile(path.join(dir, ".citebot", "journal"), "a file where the journal folder should be");
    await expect(store.add(draft("New"), "t", accept)).rejects.toThrow(/the change could not be saved in .* \((EEXIST|ENOTDIR), mkdir\): the corpus is as it was/);
    expect(await mdFiles()).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("a writer killed at any moment leaves the old or the new article, never half of one", async () => {
    const store = await CorpusStore.open(dir);
    await store.add(draft("Story"), "t", accept);
    for (let round = 0; round < 3; round++) {
      await killWriter("loop", "ready", 20 + Math.random() * 80);
      const { articles, rejected } = await loadCorpus(dir);
      expect(rejected).toEqual([]);
      const [story] = articles;
      const version = /^Story version (\d+)$/.exec(story!.title)?.[1];
      expect(version, story!.title).toBeDefined();
      expect(story!.paragraphs).toHaveLength(200);
      expect(story!.paragraphs.every((p) => p.startsWith(`Version ${version},`))).toBe(true);
    }
    await CorpusStore.open(dir);
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // Every audit line is whole: each entry is one append.
    expect((await auditLines()).every((entry) => entry.who)).toBe(true);
  });
});
