/**
 * Sentence boundaries for English news text. A full stop ends a sentence unless it closes an
 * abbreviation (Mr., Jan., U.S. before a name), an initial (George W. Bush), a decimal, or
 * stands inside quotation marks or brackets.
 */

import { memoize } from "../index/normalize";

/** Abbreviations that are never the end of a sentence: titles, months, and Latin shorthands. */
const NEVER_FINAL = new Set([
  "mr", "mrs", "ms", "dr", "prof", "rev", "fr", "sr", "jr", "st", "mt", "ft",
  "gen", "lt", "col", "maj", "capt", "cmdr", "sgt", "cpl", "pvt", "adm", "brig",
  "gov", "sen", "rep", "pres", "amb", "hon", "supt", "insp", "det", "no", "nos", "vol", "pp", "p",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
  "vs", "v", "etc", "approx", "est", "dept", "univ", "assn", "bros", "inc", "ltd", "co", "corp",
  "e.g", "i.e", "cf", "al",
]);

/**
 * Words that start a new sentence after a dotted acronym ("... the U.S. The President"),
 * where a name or a noun would continue it ("the U.S. President").
 */
const SENTENCE_OPENERS = new Set([
  "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "you", "this", "that", "these",
  "those", "there", "his", "her", "their", "our", "but", "and", "or", "so", "yet", "in", "on",
  "at", "for", "as", "after", "before", "when", "while", "if", "since", "however", "meanwhile",
  "both", "some", "many", "most", "no", "one", "two", "officials", "critics",
]);

const OPENING_QUOTES = new Set(["“", "‘", "«"]);
const CLOSING_QUOTES = new Set(["”", "’", "»"]);
const TERMINATORS = new Set([".", "!", "?", "…"]);
const CLOSERS = /["”’»)\]]/;
/** The ASCII characters the splitter acts on: quotes, brackets and terminators. */
const ASCII_MARKS = Uint8Array.from({ length: 128 }, (_, code) => ('"()[].!?'.includes(String.fromCharCode(code)) ? 1 : 0));

/** A sentence with its place in the paragraph it came from. */
export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits one paragraph into sentences (remembered for the last paragraphs split: an article's
 * paragraphs are split for its passages, then again to attribute its quotes). Concatenating the spans' text with the whitespace
 * between them gives the paragraph back.
 */
export const splitSentences: (paragraph: string) => readonly SentenceSpan[] = memoize((paragraph) => {
  const spans = split(paragraph, true);
  // An unbalanced quotation mark (a quote running into the next paragraph, as news style allows)
  // would swallow the rest of the paragraph: split that paragraph without quote protection.
  return spans.unbalanced ? split(paragraph, false).spans : spans.spans;
}, 256);

function split(text: string, protectQuotes: boolean): { spans: SentenceSpan[]; unbalanced: boolean } {
  const spans: SentenceSpan[] = [];
  let start = skipSpace(text, 0);
  let quoteDepth = 0;
  let straightOpen = false;
  let bracketDepth = 0;

  for (let i = 0; i < text.length; i++) {
    // Most characters are plain ASCII that open, close or end nothing.
    const code = text.charCodeAt(i);
    if (code < 128 && !ASCII_MARKS[code]) continue;
    const ch = text[i]!;
    if (OPENING_QUOTES.has(ch)) quoteDepth++;
    else if (ch === "’" && isApostrophe(text, i)) continue;
    else if (CLOSING_QUOTES.has(ch)) quoteDepth = Math.max(0, quoteDepth - 1);
    else if (ch === '"') straightOpen = !straightOpen;
    else if (ch === "(" || ch === "[") bracketDepth++;
    else if (ch === ")" || ch === "]") bracketDepth = Math.max(0, bracketDepth - 1);
    if (!TERMINATORS.has(ch)) continue;

    const terminator = i;
    // Take the run of terminators and the closing marks that follow them: `?!”)`.
    let end = i + 1;
    while (end < text.length && (TERMINATORS.has(text[end]!) || CLOSERS.test(text[end]!))) {
      const mark = text[end]!;
      if (CLOSING_QUOTES.has(mark)) quoteDepth = Math.max(0, quoteDepth - 1);
      else if (mark === '"') straightOpen = !straightOpen;
      else if (mark === ")" || mark === "]") bracketDepth = Math.max(0, bracketDepth - 1);
      end++;
    }
    i = end - 1;
    const quoted = protectQuotes && (quoteDepth > 0 || straightOpen);
    if (quoted || bracketDepth > 0) continue;
    const next = skipSpace(text, end);
    if (next === end && end < text.length) continue; // "3.5", "U.S.-led": no space, no boundary
    if (next >= text.length) break;
    if (ch === "." && !endsSentence(text, start, terminator, next)) continue;
    if (!startsSentence(text[next]!)) continue;
    spans.push({ text: text.slice(start, end), start, end });
    start = next;
  }
  const rest = text.slice(start).trimEnd();
  if (rest.length > 0) spans.push({ text: rest, start, end: start + rest.length });
  return { spans, unbalanced: protectQuotes && (quoteDepth > 0 || straightOpen) };
}

/** Whether the full stop that ends the word before `dot` closes a sentence. */
function endsSentence(text: string, sentenceStart: number, dot: number, next: number): boolean {
  const wordStart = lastWordStart(text, sentenceStart, dot);
  const word = text.slice(wordStart, dot);
  const bare = word.replace(/^[("“‘'\[]+/, "");
  if (bare.length === 0) return true;
  if (/^\d+$/.test(bare) && text[dot] === "." && /^\d/.test(text.slice(next))) return false;
  const lower = bare.toLowerCase();
  if (NEVER_FINAL.has(lower)) return false;
  if (/^\p{Lu}$/u.test(bare)) return false; // an initial: George W. Bush
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) {
    // A dotted acronym (U.S., D.C.): a sentence ends only if the next word opens one.
    const nextWord = /^[\p{L}']+/u.exec(text.slice(next))?.[0]?.toLowerCase() ?? "";
    return SENTENCE_OPENERS.has(nextWord);
  }
  return true;
}

function lastWordStart(text: string, floor: number, dot: number): number {
  let i = dot;
  while (i > floor && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

/** A new sentence opens with a capital, a digit, or an opening mark before one. */
function startsSentence(ch: string): boolean {
  return /[\p{Lu}\p{N}"“‘'(\[«¿¡]/u.test(ch);
}

/** A right single mark between letters (can’t, Moscow’s) or after an s (leaders’) is an apostrophe. */
function isApostrophe(text: string, i: number): boolean {
  const before = text[i - 1] ?? "";
  const after = text[i + 1] ?? "";
  return /\p{L}/u.test(before) && (/\p{L}/u.test(after) || before === "s");
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}
