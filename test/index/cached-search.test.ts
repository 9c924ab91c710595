import { beforeAll, describe, expect, it } from "vitest";
import { CachedSearch } from "../../src/index/cached-search";
import { TextIndex } from "../../src/index/text-index";
import { searchFixtures } from "./search-texts";

/**
 * CachedSearch must find exactly what TextIndex finds (ids, scores to the bit, tie order) whether
 * a word's scores are worked out, remembered, or forgotten and worked out again.
 */

let queries: string[];
let index: TextIndex;

beforeAll(async () => {
  const fixtures = await searchFixtures();
  queries = fixtures.queries;
  index = new TextIndex(fixtures.texts);
});

/** The queries whose answers differ from TextIndex's, at a few limits. */
function differences(search: CachedSearch): string[] {
  const found: string[] = [];
  for (const query of queries) {
    for (const limit of [1, 5, 25, 1000]) {
      if (JSON.stringify(search.find(query, limit)) !== JSON.stringify(index.find(query, { limit }))) found.push(`${query} (limit ${limit})`);
    }
  }
  return found;
}

describe("CachedSearch", () => {
  it("finds exactly what TextIndex finds, the first time and when every word is remembered", () => {
    const search = new CachedSearch(index, { rememberFrom: 0 });
    expect(differences(search)).toEqual([]);
    expect(differences(search)).toEqual([]);
  });

  it("finds the same when its memory is so small that words are forgotten all the time", () => {
    const search = new CachedSearch(index, { rememberFrom: 0, rememberedMax: 50 });
    expect(differences(search)).toEqual([]);
    expect(differences(search)).toEqual([]);
  });

  it("finds the same with the default memory, where only common words are remembered", () => {
    expect(differences(new CachedSearch(index))).toEqual([]);
  });

  it("finds the same while the common words are scored step by step in the background", () => {
    const search = new CachedSearch(index, { rememberFrom: 10, rememberedMax: 20_000 });
    const steps = search.rememberCommonWords();
    let k = 0;
    for (let step = steps.next(); !step.done; step = steps.next(), k++) {
      const query = queries[k % queries.length]!;
      expect(search.find(query, 5), query).toEqual(index.find(query, { limit: 5 }));
    }
    expect(k).toBeGreaterThan(10);
    expect(differences(search)).toEqual([]);
  });

  it("finds nothing for a limit of zero, an empty query, or stop words alone", () => {
    const search = new CachedSearch(index);
    expect(search.find("Putin", 0)).toEqual([]);
    expect(search.find("", 5)).toEqual([]);
    expect(search.find("the and of", 5)).toEqual(index.find("the and of", { limit: 5 }));
  });
});
