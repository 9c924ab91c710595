import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/attribution/analyze";
import { parsePlainArticle } from "../../src/corpus/parse";
import { toPassages } from "../../src/passages/passages";

/** Each article's quotes: the speaker of each quoted sentence, by paragraph.sentence (null: unattributed). */
export type ExpectedSpeakers = Record<string, Record<string, string | null>>;

/**
 * Declares, for each article of test/attribution/articles/, that its quotes are found in exactly
 * the expected sentences and that each goes to its expected speaker.
 */
export function expectSpeakers(label: string, expected: ExpectedSpeakers): void {
  describe.each(Object.entries(expected))(`quotes of the ${label}%s article`, (name, speakers) => {
    const article = parsePlainArticle(name, readFileSync(`test/attribution/articles/${name}.txt`, "utf8"), name);
    const { quotes } = analyzeArticle(article, toPassages(article));

    it("are all found in the expected sentences", () => {
      expect([...new Set(quotes.map((q) => q.passage.split(":")[1]))]).toEqual(Object.keys(speakers));
    });

    it("are each attributed to their speaker", () => {
      const wrong = quotes.filter((q) => speakers[q.passage.split(":")[1]!] !== q.speaker).map((q) => `${q.passage} "${q.text.slice(0, 40)}" -> ${q.speaker}`);
      expect(wrong).toEqual([]);
    });
  });
}
