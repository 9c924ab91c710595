import { cite, type Library, paragraphOf } from "./library";
import { alignQuote } from "./quote-match";
import type { WhoSaidAnswer, WhoSaidMatch } from "./types";

/** Below these, the words asked about are not the article's: say so rather than name anyone. */
const MIN_COVERAGE = 0.75;
const MIN_COMPACTNESS = 0.5;
/** How many quotes the index hands over for exact alignment. */
const CANDIDATES = 100;

/**
 * Finds who said some words: the quotes that hold them (typos, case, punctuation and quote
 * marks aside), best first, each with its speaker, the article's exact words and what differs.
 */
export function whoSaid(library: Library, asked: string, limit = 3): WhoSaidAnswer {
  const matches: WhoSaidMatch[] = [];
  for (const hit of library.quoteIndex.find(asked, { limit: CANDIDATES })) {
    const quote = library.quoteById.get(hit.id)!;
    const alignment = alignQuote(asked, quote.text);
    const enoughContent = alignment.contentMatched >= Math.min(2, alignment.contentAsked) && alignment.contentMatched > 0;
    if (alignment.coverage < MIN_COVERAGE || alignment.compactness < MIN_COMPACTNESS || !enoughContent) continue;
    const passage = library.passageById.get(quote.passage)!;
    const misquoted = alignment.coverage < 1 || alignment.segments.some((segment) => segment.differs);
    matches.push({
      quote,
      speaker: quote.speaker ? (library.actorByName.get(quote.speaker) ?? null) : null,
      passage: cite(library, passage),
      paragraph: paragraphOf(library, passage).map((sentence) => cite(library, sentence)),
      score: round(alignment.coverage * (0.8 + 0.2 * alignment.compactness)),
      segments: alignment.segments,
      misquoted,
    });
  }
  matches.sort((a, b) => b.score - a.score || a.quote.text.length - b.quote.text.length);
  return { kind: "who-said", query: asked, matches: matches.slice(0, limit) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
