import { describe, expect, it } from "vitest";
import { generateArticle } from "../../scripts/bench/generate";
import { analyzeArticle } from "../../src/attribution/analyze";
import { toPassages } from "../../src/passages/passages";

describe("analyzeArticle on many articles", () => {
  it("finishes on every one of the benchmark's generated news articles, whatever their pronoun and role chains", () => {
    // Article 899 once sent pronoun, role-phrase and recent-statement lookups round in a loop.
    for (let i = 850; i < 950; i++) {
      const { article } = generateArticle(20251125, i);
      const analysis = analyzeArticle(article, toPassages(article));
      expect(analysis.quotes.length, article.id).toBeGreaterThan(0);
    }
  });
});
