import { analyzeArticle } from "../../src/attribution/analyze";
import type { ArticleAnalysis } from "../../src/attribution/types";
import type { Article } from "../../src/corpus/article";
import { toPassages } from "../../src/passages/passages";

/** Analyzes a made-up article given as paragraphs. */
export function analyze(...paragraphs: string[]): ArticleAnalysis {
  const article: Article = { id: "test-article", title: "Test", paragraphs };
  return analyzeArticle(article, toPassages(article));
}

/** The speaker of the quote containing `fragment`, undefined when no such quote was found. */
export function speakerOf(analysis: ArticleAnalysis, fragment: string): string | null | undefined {
  return analysis.quotes.find((quote) => quote.text.includes(fragment))?.speaker;
}
