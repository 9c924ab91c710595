import type { Actor, Quote } from "../attribution/types";

/** The article a citation points into. */
export interface ArticleRef {
  doc: string;
  title: string;
  url?: string;
  source?: string;
  published?: string;
  license?: string;
}

/** A sentence of an article with everything needed to cite it. */
export interface CitedPassage {
  /** The citation id, `doc:paragraph.sentence`. */
  citation: string;
  paragraph: number;
  sentence: number;
  /** The sentence exactly as the article has it. */
  text: string;
  article: ArticleRef;
}

/** A stretch of the article's quote, marked where it differs from the words asked about. */
export interface QuoteSegment {
  text: string;
  /** True where the asker's words differ from the article's (a misquote, a typo). */
  differs: boolean;
}

export interface AskAnswer {
  kind: "ask";
  question: string;
  /** Best first; the first is the sentence that best answers. */
  results: Array<{ passage: CitedPassage; score: number; best: boolean }>;
}

export interface WhoSaidMatch {
  quote: Quote;
  speaker: Actor | null;
  passage: CitedPassage;
  /** The other sentences of the quote's paragraph, in order, for context. */
  paragraph: CitedPassage[];
  /** How closely the asked words match the quote, from 0 to 1. */
  score: number;
  /** The article's quote split into stretches that match the asked words and stretches that differ. */
  segments: QuoteSegment[];
  /** Whether any stretch differs (the words asked about are not the article's exactly). */
  misquoted: boolean;
}

export interface WhoSaidAnswer {
  kind: "who-said";
  query: string;
  /** Best first; empty when the corpus holds no quote close enough. */
  matches: WhoSaidMatch[];
}

export interface PositionResult {
  passage: CitedPassage;
  /** The actor's own quote in that sentence, when it is one. */
  quote?: Quote;
  /** The person or body the sentence is about or quotes. */
  speaker: string;
  reason: "quote" | "stance";
}

/** Which stretch of a long list of results to answer with. */
export interface Page {
  /** How many results to skip. */
  offset: number;
  /** At most this many results. */
  limit: number;
}

export interface PositionAnswer {
  kind: "position";
  actor: string;
  topic?: string;
  /** What the actor resolved to, or null when the corpus does not know it. */
  resolved: Actor | null;
  /** For a party, the people and bodies the corpus counts as speaking for it. */
  members: string[];
  /** The page of results asked for: quotes first, then reported stance (with a topic, most relevant first). */
  results: PositionResult[];
  /** Where the page starts among all the results. */
  offset: number;
  /** How many results there are in all: a party can be named in a third of a large corpus. */
  total: number;
}

export interface QuotesAnswer {
  kind: "quotes";
  speaker?: string;
  /** The speaker asked about, resolved; null when a speaker was asked for and not found. */
  resolved: Actor | null;
  groups: Array<{ speaker: Actor | null; quotes: Array<{ quote: Quote; passage: CitedPassage }> }>;
}

export interface SourceAnswer {
  kind: "source";
  citation: string;
  /** The passage, or null when no passage has that citation id. */
  passage: CitedPassage | null;
  before: CitedPassage[];
  after: CitedPassage[];
  /** Citation ids close to the one asked for, when it was not found. */
  suggestions: string[];
}

/** Every structured answer the engine gives. Renderers switch on `kind`. */
export type Answer = AskAnswer | WhoSaidAnswer | PositionAnswer | QuotesAnswer | SourceAnswer;
