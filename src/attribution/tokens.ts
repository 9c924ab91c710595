/**
 * Word tokens of a sentence with their offsets, marked for what attribution needs to know:
 * capitalization, a possessive ending, and whether the word stands inside a quotation.
 */

import type { QuoteSpan } from "./quotes";

/** One word of a sentence. */
export interface Token {
  /** The word as written, without a possessive ending or a sentence-final full stop. */
  text: string;
  /** Lowercase `text`, with curly apostrophes made straight. */
  lower: string;
  start: number;
  end: number;
  /** Starts with a capital letter, or is a name particle before one (al-Megrahi). */
  cap: boolean;
  /** Ended in 's or ’s (or a bare ’ after s). */
  possessive: boolean;
  /** Stands inside a quotation. */
  quoted: boolean;
  /** The punctuation between this word and the next (",", ";", "“"...), trimmed. */
  after: string;
}

const WORD = /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}'’.&-]*[\p{L}\p{M}\p{N}])?\.?/gu;

const TITLE_ABBREVIATION = /^(?:mr|mrs|ms|dr|st|gen|sen|gov|rep|col|lt|capt|sgt)\.$/i;
const INITIAL_OR_ACRONYM = /^(?:\p{Lu}|(?:\p{L}\.)+\p{L})\.$/u;
const NAME_PARTICLE = /^(?:al|el|ad|as|an|ash|bin|ibn|abu)-\p{Lu}/u;
const CAPITAL = /^\p{Lu}/u;
/** What may follow a sentence's full stop: a space, a closing mark, or the end. */
const AFTER_FULL_STOP = /\s|["”’»)\]]/;

/** Tokenizes a sentence; tokens inside any of `quotes` (outer spans) are marked quoted. */
export function tokenize(text: string, quotes: readonly QuoteSpan[]): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let word = match[0];
    const start = match.index;
    // Keep the dot of an initial, an acronym or an abbreviation (W., U.S., Sen., D-Mass.,);
    // drop a sentence's full stop, the one followed by a space, a closing mark or the end.
    if (word.endsWith(".")) {
      const next = text[start + word.length];
      const closesSentence = next === undefined || AFTER_FULL_STOP.test(next);
      if (closesSentence && !INITIAL_OR_ACRONYM.test(word) && !TITLE_ABBREVIATION.test(word)) word = word.slice(0, -1);
    }
    const apostropheS = word.length > 2 && (word.endsWith("'s") || word.endsWith("’s") || word.endsWith("'S") || word.endsWith("’S"));
    const following = text[start + word.length];
    const possessive = apostropheS || (word.endsWith("s") && (following === "'" || following === "’"));
    const bare = apostropheS ? word.slice(0, -2) : word;
    tokens.push({
      text: bare,
      lower: bare.includes("’") ? bare.toLowerCase().replace(/’/g, "'") : bare.toLowerCase(),
      start,
      end: start + bare.length,
      cap: CAPITAL.test(bare) || (bare.length > 3 && bare.includes("-") && NAME_PARTICLE.test(bare)),
      possessive,
      quoted: quotes.some((q) => start >= q.outerStart && start < q.outerEnd),
      after: "",
    });
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const nextStart = tokens[i + 1]?.start ?? text.length;
    // Mostly one space: nothing to trim.
    if (nextStart > token.end + 1 || (nextStart === token.end + 1 && text[token.end] !== " ")) {
      token.after = text.slice(token.end, nextStart).replace(/^['’]s?/, "").trim();
    }
  }
  return tokens;
}
