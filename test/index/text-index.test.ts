import MiniSearch from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { type IndexedText, MINISEARCH_OPTIONS, TextIndex, tokenizeTexts } from "../../src/index/text-index";
import { searchFixtures } from "./search-texts";

/**
 * The index must rank exactly as MiniSearch does with the same options: same ids, same scores,
 * same order (ties included), with and without a filter, at every limit.
 */

let texts: IndexedText[];
let queries: string[];
let ours: TextIndex;

beforeAll(async () => {
  ({ texts, queries } = await searchFixtures());
  ours = new TextIndex(texts);
});

function miniSearchFind(index: MiniSearch<IndexedText>, query: string, limit: number, filter?: (id: string) => boolean) {
  return index
    .search(query, filter ? { filter: (result) => filter(result.id as string) } : {})
    .slice(0, limit)
    .map((hit) => ({ id: hit.id as string, score: hit.score }));
}

describe("TextIndex", () => {
  it("ranks exactly as MiniSearch with the same options", () => {
    const reference = new MiniSearch<IndexedText>(MINISEARCH_OPTIONS);
    reference.addAll(texts);
    const differences: string[] = [];
    for (const query of queries) {
      for (const limit of [1, 5, 20, 1000]) {
        const filter = limit === 20 ? (id: string) => /[13579]$/.test(id) : undefined;
        const got = ours.find(query, { limit, ...(filter ? { filter } : {}) });
        const want = miniSearchFind(reference, query, limit, filter);
        if (JSON.stringify(got) !== JSON.stringify(want)) differences.push(`${query} (limit ${limit})`);
      }
    }
    expect(differences).toEqual([]);
  });

  it("answers the same after a round trip through its plain data", () => {
    const restored = TextIndex.fromData(structuredClone(ours.toData()));
    for (const query of queries) expect(restored.find(query, { limit: 10 })).toEqual(ours.find(query, { limit: 10 }));
  });

  it("is the same index when its texts are tokenized in parts and merged", () => {
    // Cut anywhere, even inside an article; a part without context too (as quotes have none).
    const cuts = [0, 1, 17, 300, texts.length - 5, texts.length];
    const parts = cuts.slice(1).map((end, k) => tokenizeTexts(texts.slice(cuts[k], end)));
    expect(TextIndex.fromTokenized(parts).toData()).toEqual(ours.toData());
    const bare = texts.map(({ id, text }) => ({ id, text }));
    const bareParts = [tokenizeTexts(bare.slice(0, 50)), tokenizeTexts([]), tokenizeTexts(bare.slice(50))];
    expect(TextIndex.fromTokenized(bareParts).toData()).toEqual(new TextIndex(bare).toData());
  });

  it("counts every text that matches, and that the filter accepts, beside the best ones it finds", () => {
    const filter = (_: string, at: number) => at % 3 === 0;
    for (const query of queries.slice(0, 60)) {
      const all = ours.find(query, { limit: texts.length, filter });
      const counted = ours.findCounted(query, { limit: 5, filter });
      expect(counted).toEqual({ hits: all.slice(0, 5), total: all.length });
    }
  });

  it("finds nothing in an empty index and for a limit of zero", () => {
    expect(new TextIndex([]).find("anything")).toEqual([]);
    expect(ours.find("Putin", { limit: 0 })).toEqual([]);
  });

  it("gives the same answers when a filter searches the same index again", () => {
    const plain = ours.find("Ukraine security", { limit: 5 });
    const nested = ours.find("Ukraine security", { limit: 5, filter: (id) => ours.find("Putin", { limit: 1 }).length >= 0 && id.length > 0 });
    expect(nested).toEqual(plain);
  });
});
