import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { termMatcher } from "../../src/answers/actors";
import { foldingTexts, MentionIndex, mentionRuns } from "../../src/answers/mentions";
import { foldText } from "../../src/index/normalize";

const TEXTS = [
  "Russian President Vladimir Putin has publicly expressed disagreement.",
  "The Élysée Palace subsequently denied that President Macron “expressed himself in those terms”.",
  "Moscow’s demand: the US and the U.S. Senate, us and them.",
  "Ukraine's ambassador to the US emphasized that they do not need to wait.",
  "Nothing about anyone here.",
];

describe("MentionIndex", () => {
  it("finds every text that names a term, among few others", () => {
    const index = MentionIndex.build(TEXTS);
    const candidates = (terms: string[]) => index.candidates(terms.map(foldText));
    expect(candidates(["Putin"])).toEqual([0]);
    expect(candidates(["Elysee Palace", "Macron"])).toEqual([1]);
    expect(candidates(["Moscow"])).toEqual([2]);
    expect(candidates(["US"])).toEqual([2, 3]);
    expect(candidates(["Zelensky"])).toEqual([]);
    expect(candidates(["--"])).toBeNull();
  });

  it("names exactly the texts the whole-word matcher accepts", () => {
    const word = fc.constantFrom(
      "Putin", "putin", "Kyiv", "U.S.", "US", "us", "USA", "Élysée", "Elysee Palace", "the", "Moscow’s", "state-run", "85%", "Zoë", "𝔘𝔖", "Kim Jong-un",
      "Kim", "Jong-un", "Kim Jong", "the Elysee Palace", "Palace", "state",
    );
    const text = fc
      .array(fc.oneof(word, fc.constantFrom(" ", ", ", ". ", "“", "”", "-", "'s ", "x", "é", "\u0301", "𝔘")), { maxLength: 12 })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), fc.array(word, { minLength: 1, maxLength: 3 }), (texts, terms) => {
        const matcher = termMatcher(terms);
        const found = MentionIndex.build(texts).mentioning(foldingTexts(texts.length, (at) => texts[at]!), matcher.words, matcher.acronyms);
        const named = texts.flatMap((text, at) => (matcher(text) ? [at] : []));
        expect(found).toEqual(named);
      }),
      { numRuns: 300 },
    );
  });

  it("reads every text for a term with no letter or digit", () => {
    const texts = ["a -- b", "a - b", "-- x"];
    expect(MentionIndex.build(texts).mentioning(foldingTexts(texts.length, (at) => texts[at]!), ["--"], [])).toEqual([0, 2]);
  });

  it("answers the same after a round trip through its plain data", () => {
    const index = MentionIndex.build(TEXTS);
    const restored = MentionIndex.fromData(structuredClone(index.toData()));
    expect(restored.candidates(["us", "putin"])).toEqual(index.candidates(["us", "putin"]));
  });

  it("is the same index when its texts are read in parts and merged", () => {
    const texts = [...TEXTS, "Jose\u0301 said ﬁne", ...TEXTS.map((text) => text.toUpperCase())];
    const whole = MentionIndex.build(texts).toData();
    for (const cut of [0, 1, 3, texts.length]) {
      const parts = [mentionRuns(texts.slice(0, cut)), mentionRuns(texts.slice(cut, cut + 2)), mentionRuns(texts.slice(cut + 2))];
      expect(MentionIndex.fromRuns(parts).toData()).toEqual(whole);
    }
    expect(whole.irregular.length).toBeGreaterThan(0);
  });
});
