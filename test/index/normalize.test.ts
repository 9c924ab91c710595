import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, foldText, sameWord, searchTerms, wordTokens } from "../../src/index/normalize";

describe("foldText", () => {
  it("folds case, diacritics and curly marks", () => {
    expect(foldText("Élysée’s “Palace” — Żagań")).toBe(`elysee's "palace" - zagan`);
  });
});

describe("wordTokens", () => {
  it("keeps offsets into the original text and drops possessives", () => {
    const text = "the world’s time, can’t";
    expect(wordTokens(text).map((t) => [t.word, text.slice(t.start, t.end)])).toEqual([
      ["the", "the"],
      ["world", "world’s"],
      ["time", "time"],
      ["cant", "can’t"],
    ]);
  });

  it("offsets always point at the word in the original text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        for (const token of wordTokens(text)) expect(token.word.length).toBeGreaterThan(0);
        for (const token of wordTokens(text)) expect(text.slice(token.start, token.end).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe("searchTerms", () => {
  it("drops stop words", () => {
    expect(searchTerms("It does take two to tango")).toEqual(["take", "two", "tango"]);
  });
});

describe("sameWord", () => {
  it("accepts typos, transpositions and word endings, not other words", () => {
    expect(sameWord("world", "wrold")).toBe(true);
    expect(sameWord("negotiations", "negotiation")).toBe(true);
    expect(sameWord("compromise", "compromize")).toBe(true);
    expect(sameWord("two", "too")).toBe(false);
    expect(sameWord("war", "was")).toBe(false);
  });

  it("edit distance is symmetric and bounded (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => {
        expect(editDistance(a, b, 20)).toBe(editDistance(b, a, 20));
        expect(editDistance(a, b, 20)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});
