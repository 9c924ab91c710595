import { generateCorpus } from "../../scripts/bench/generate";
import { buildQueries } from "../../scripts/bench/queries";
import type { Article } from "../../src/corpus/article";
import { loadCorpus } from "../../src/corpus/load";
import type { IndexedText } from "../../src/index/text-index";
import { toPassages } from "../../src/passages/passages";

/** The passages of some articles as the passage index takes them: the title as context. */
export const asTexts = (articles: readonly Article[]): IndexedText[] =>
  articles.flatMap((article) => toPassages(article).map((p) => ({ id: p.id, text: p.text, context: article.title })));

/**
 * Texts and queries for comparing search implementations: the real articles' passages and 40
 * generated articles', with hand-written questions (a typo, accents, stop words, an empty one)
 * and the benchmark's seeded queries.
 */
export async function searchFixtures(): Promise<{ texts: IndexedText[]; queries: string[] }> {
  const real = [...(await loadCorpus("corpus")).articles, ...(await loadCorpus("test/fixtures/wikinews")).articles];
  const generated = generateCorpus(40);
  const realQuestions = [
    "What did Putin say about the Donbas?",
    "security guarantees for Ukraine",
    "wasting the world's time",
    "Zelenskyy territorial concesions",
    "it does take two to tango",
    "Élysée Palace denied",
    "visa robotics girls Afghan",
    "Lockerbie bomber buried",
    "",
    "the and of",
  ];
  return {
    texts: [...asTexts(real), ...asTexts(generated.articles)],
    queries: [...realQuestions, ...buildQueries(generated, 40).map((q) => (q.topic ? `${q.text} ${q.topic}` : q.text))],
  };
}
