import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Article } from "../../src/corpus/article";
import { chunkedSections, corpusHash, readSnapshot, SnapshotError, writeSnapshot } from "../../src/index/snapshot";
import { runNow } from "../../src/steps";

const article = (id: string, paragraphs: string[], title = `Title of ${id}`): Article => ({ id, title, paragraphs });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "citebot-snapshot-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("corpusHash", () => {
  it("depends on the articles, not on their order", () => {
    const a = article("a", ["One. Two."]);
    const b = article("b", ["Three."]);
    expect(corpusHash([a, b])).toBe(corpusHash([b, a]));
    expect(corpusHash([a, b])).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a word, a paragraph break or the metadata changes", () => {
    const base = corpusHash([article("a", ["One. Two."])]);
    expect(corpusHash([article("a", ["One. Tw0."])])).not.toBe(base);
    expect(corpusHash([article("a", ["One.", "Two."])])).not.toBe(base);
    expect(corpusHash([article("a", ["One. Two."], "Another title")])).not.toBe(base);
    expect(corpusHash([article("b", ["One. Two."])])).not.toBe(base);
  });
});

describe("writeSnapshot and readSnapshot", () => {
  const hash = "a".repeat(64);

  it("gives back every section, chunked lists whole, and the header", async () => {
    const file = path.join(dir, "round-trip.snap");
    const items = Array.from({ length: 7 }, (_, k) => ({ k, text: `élan “quoted” ${k}` }));
    await writeSnapshot(file, { corpusHash: hash, counts: { articles: 2 } }, [["meta", JSON.stringify({ ok: true })], ...chunkedSections("items", items, 3)]);
    const reader = await readSnapshot(file, hash);
    expect(reader.header.corpusHash).toBe(hash);
    expect(reader.header.counts).toEqual({ articles: 2 });
    expect(reader.section("meta")).toEqual({ ok: true });
    expect(reader.names()).toEqual(["meta", "items.0", "items.1", "items.2"]);
    expect(runNow(reader.chunks("items"))).toEqual(items);
  });

  it("writes an empty list as one empty chunk", async () => {
    const file = path.join(dir, "empty.snap");
    await writeSnapshot(file, { corpusHash: hash, counts: {} }, chunkedSections("items", []));
    expect(runNow((await readSnapshot(file)).chunks("items"))).toEqual([]);
  });

  it("refuses a snapshot of another corpus", async () => {
    const file = path.join(dir, "other.snap");
    await writeSnapshot(file, { corpusHash: hash, counts: {} }, [["meta", "{}"]]);
    await expect(readSnapshot(file, "b".repeat(64))).rejects.toThrow(/another corpus/);
  });

  it("refuses a missing file, a torn file, and a header of another version", async () => {
    await expect(readSnapshot(path.join(dir, "missing.snap"))).rejects.toBeInstanceOf(SnapshotError);

    const file = path.join(dir, "torn.snap");
    await writeSnapshot(file, { corpusHash: hash, counts: {} }, [["meta", JSON.stringify({ long: "x".repeat(100) })]]);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 10));
    await expect(readSnapshot(file)).rejects.toThrow(/header describes/);

    const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString("utf8")) as Record<string, unknown>;
    await writeFile(file, `${JSON.stringify({ ...header, version: 999 })}\n`);
    await expect(readSnapshot(file)).rejects.toThrow(/bad header \(version/);

    await writeFile(file, "not a snapshot");
    await expect(readSnapshot(file)).rejects.toThrow(/no header line/);
  });

  it("leaves no temporary file behind", async () => {
    const file = path.join(dir, "tidy.snap");
    await writeSnapshot(file, { corpusHash: hash, counts: {} }, [["meta", "{}"]]);
    const { readdir } = await import("node:fs/promises");
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("saveSnapshot and loadSnapshot", () => {
  it("give back an engine that answers every command exactly as the one built", async () => {
    const { Engine } = await import("../../src/answers/engine");
    const { loadCorpus } = await import("../../src/corpus/load");
    const { saveSnapshot, loadSnapshot } = await import("../../src/index/snapshot");
    const articles = [...(await loadCorpus("corpus")).articles, ...(await loadCorpus("test/fixtures/wikinews")).articles];
    const built = Engine.fromArticles(articles);
    const file = path.join(dir, "engine.snap");
    const header = await saveSnapshot(built, file);
    expect(header.corpusHash).toBe(corpusHash(articles));
    const loaded = await loadSnapshot(file, corpusHash(articles));

    expect(loaded.stats()).toEqual(built.stats());
    expect(loaded.articles).toEqual(built.articles);
    for (const question of ["What did Putin say about the Donbas?", "security guarantees", "Why were the Afghan girls denied visas?"]) {
      expect(loaded.ask(question)).toEqual(built.ask(question));
    }
    for (const words of ["it does take two to tango", "wasting the worlds time", "words nobody ever said here"]) {
      expect(loaded.whoSaid(words)).toEqual(built.whoSaid(words));
    }
    for (const [actor, topic] of [["Putin", undefined], ["Russia", "territory"], ["the US", undefined], ["Zelenski", "peace"]] as const) {
      expect(loaded.position(actor, topic)).toEqual(built.position(actor, topic));
    }
    expect(loaded.quotes()).toEqual(built.quotes());
    expect(loaded.source("putin-us-peace-plan:2.2")).toEqual(built.source("putin-us-peace-plan:2.2"));
    expect(loaded.source("putin-us-peace-plan:2.9")).toEqual(built.source("putin-us-peace-plan:2.9"));
    for (const list of ["actors", "speakers", "citations"] as const) expect(loaded.complete(list, "pu")).toEqual(built.complete(list, "pu"));

    await expect(loadSnapshot(file, corpusHash(articles.slice(1)))).rejects.toThrow(/another corpus/);
  });

  it("reads an engine beside a live one in slices, the event loop turning meanwhile, and the same engine", async () => {
    const { Engine } = await import("../../src/answers/engine");
    const { generateCorpus } = await import("../../scripts/bench/generate");
    const { saveSnapshot, loadSnapshot } = await import("../../src/index/snapshot");
    const built = Engine.fromArticles(generateCorpus(150).articles);
    const file = path.join(dir, "beside.snap");
    await saveSnapshot(built, file);
    let turns = 0;
    const ticker = setInterval(() => turns++, 1);
    const beside = await loadSnapshot(file, undefined, { beside: true });
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(3);
    expect(beside.parts().partyMentions).toEqual(built.parts().partyMentions);
    for (const question of ["What did the minister say about the talks?", "President"]) expect(beside.ask(question)).toEqual(built.ask(question));
    expect(beside.complete("citations", "President minister")).toEqual(built.complete("citations", "President minister"));
    expect(beside.position("Russia")).toEqual(built.position("Russia"));
  });

  it("gives back articles with any characters, and quotes it cannot lay out by their passage as they are", async () => {
    const { Engine } = await import("../../src/answers/engine");
    const { saveSnapshot, loadSnapshot } = await import("../../src/index/snapshot");
    const odd = article("odd-text", ["Emoji 😀 and “curly” Élysée: “Never,” said Zoë Ångström.", "", "Second 𝔘𝔖 paragraph: “We agree,” he said."]);
    const parts = Engine.fromArticles([odd, article("plain", ["“Yes,” said Ann Lee."])]).parts();
    const roundTrip = async (changed: typeof parts) => {
      const file = path.join(dir, "odd.snap");
      await saveSnapshot(Engine.fromParts(changed), file);
      return (await loadSnapshot(file)).parts();
    };
    const same = await roundTrip(parts);
    expect(same.articles).toEqual(parts.articles);
    expect(same.quotes).toEqual(parts.quotes);
    expect(parts.quotes.length).toBeGreaterThan(1);
    // A quote whose words are not its passage's: saved and read back as it is.
    const quotes = parts.quotes.map((quote, k) => (k === 0 ? { ...quote, text: `${quote.text} (edited)`, hedge: "reportedly" } : quote));
    expect((await roundTrip({ ...parts, quotes })).quotes).toEqual(quotes);
  });

  it("lets engineForFolder skip the build on the next start, and rebuild when the corpus changed", async () => {
    const { cp, mkdir } = await import("node:fs/promises");
    const { engineForFolder } = await import("../../src/corpus/snapshot-file");
    const corpusDir = path.join(dir, "corpus");
    await mkdir(corpusDir, { recursive: true });
    await cp("corpus/putin-us-peace-plan.md", path.join(corpusDir, "putin-us-peace-plan.md"));
    const snapshot = path.join(dir, "live.snap");

    const first = await engineForFolder(corpusDir, snapshot);
    expect(first.snapshot).toMatchObject({ read: false, miss: "missing or unreadable" });
    const second = await engineForFolder(corpusDir, snapshot);
    expect(second.snapshot).toEqual({ read: true });
    expect(second.engine.ask("Donbas withdrawal")).toEqual(first.engine.ask("Donbas withdrawal"));

    await writeFile(path.join(corpusDir, "extra.md"), "---\ntitle: Extra\n---\n\n“We will see,” Ann Smith said.\n");
    const third = await engineForFolder(corpusDir, snapshot);
    expect(third.snapshot).toMatchObject({ read: false, miss: "built from other articles" });
    expect(third.engine.stats().articles).toBe(2);
  });
});
