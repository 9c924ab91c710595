import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../scripts/bench/generate";
import { STANCE_WORDS, stanceFlags } from "../../src/answers/position";
import { loadCorpus } from "../../src/corpus/load";
import { stem, wordTokens } from "../../src/index/normalize";
import { tokenizeTexts } from "../../src/index/text-index";
import { toPassages } from "../../src/passages/passages";
import { HOSTILE_PASTES } from "../support/hostile";

/** The plain reading: a text reports a stance when one of its words, stemmed, is a word of stance. */
const reference = (text: string) => (wordTokens(text).some((token) => STANCE_WORDS.has(stem(token.word))) ? 1 : 0);

/** stanceFlags over texts, as the passage index reads them. */
const flagsOf = (texts: readonly string[]) => Array.from(stanceFlags(tokenizeTexts(texts.map((text, k) => ({ id: `t${k}`, text, context: "A title said" })))));

describe("stanceFlags", () => {
  it("flags exactly the passages one of whose words is a word of stance, in real and generated articles", async () => {
    const articles = [...(await loadCorpus("corpus")).articles, ...(await loadCorpus("test/fixtures/wikinews")).articles, ...generateCorpus(60).articles];
    const texts = articles.flatMap((article) => toPassages(article).map((passage) => passage.text));
    const flags = flagsOf(texts);
    expect(flags).toEqual(texts.map(reference));
    expect(flags.filter((flag) => flag === 1).length).toBeGreaterThan(texts.length / 10);
  });

  it("reads any text as its words do", () => {
    const word = fc.constantFrom("said", "SAYS", "Rejected", "the", "and", "we", "us", "back", "backing", "view", "views", "Putin", "“said”", "said,", "re-jects", "Said’s");
    const hostile = fc.constantFrom(...HOSTILE_PASTES.map((paste) => paste.slice(0, 200)));
    const text = fc.array(fc.oneof(word, hostile, fc.string({ maxLength: 6 })), { maxLength: 10 }).map((parts) => parts.join(" "));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (texts) => {
        expect(flagsOf(texts)).toEqual(texts.map(reference));
      }),
      { numRuns: 300 },
    );
  });
});
