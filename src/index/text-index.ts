import MiniSearch from "minisearch";
import { STOP_WORDS, stem, wordTokens } from "./normalize";

/** A text to index, with an optional context (its article's title) that counts for less. */
export interface IndexedText {
  id: string;
  text: string;
  context?: string;
}

/** A hit: the id of an indexed text and its relevance (higher is better). */
export interface IndexHit {
  id: string;
  score: number;
}

const FIELDS = ["text", "context"] as const;

/** Words index and query alike: folded (case, diacritics, quote marks), no stop words, stemmed. */
const tokenize = (text: string): string[] => wordTokens(text).map((token) => token.word);
const processTerm = (term: string): string | null => (STOP_WORDS.has(term) ? null : stem(term));

/** Typos are tolerated only in longer words, where a one-letter slip cannot make another word. */
const fuzzyFor = (term: string): number | false => (term.length >= 5 ? 0.25 : false);

/**
 * A MiniSearch full-text index over short texts (sentences or quotes), with the normalization
 * users need: case, diacritics, curly and straight marks, stemming, stop words and typos.
 */
export class TextIndex {
  private readonly search: MiniSearch<IndexedText>;

  constructor(texts: readonly IndexedText[]) {
    this.search = new MiniSearch<IndexedText>({
      fields: [...FIELDS],
      tokenize,
      processTerm,
      searchOptions: { boost: { text: 1, context: 0.15 }, fuzzy: fuzzyFor, maxFuzzy: 2, combineWith: "OR" },
    });
    this.search.addAll(texts);
  }

  /** The best-matching texts, best first; `filter` keeps only the ids it accepts. */
  find(query: string, options: { limit?: number; filter?: (id: string) => boolean } = {}): IndexHit[] {
    const { limit = 10, filter } = options;
    const hits = this.search.search(query, filter ? { filter: (result) => filter(result.id as string) } : {});
    return hits.slice(0, limit).map((hit) => ({ id: hit.id as string, score: hit.score }));
  }
}
