/**
 * Finding direct quotations: curly double “…”, straight double "…", and curly single ‘…’
 * (never opened by an apostrophe: can’t, Moscow’s, leaders’). Quotes are found per paragraph,
 * so a quote whose marks are unbalanced (news style lets a quote run on into the next
 * paragraph) still yields its words, clipped to each sentence it covers.
 */

/** A quoted stretch of a paragraph or sentence. */
export interface QuoteSpan {
  /** Offsets of the quoted words, marks excluded. */
  start: number;
  end: number;
  /** Offsets including the marks where the marks stand in the text. */
  outerStart: number;
  outerEnd: number;
}

/** Opening marks and their closing marks. Straight single marks are too often apostrophes to trust. */
const PAIRS: Record<string, string> = { "“": "”", '"': '"', "‘": "’", "«": "»" };

/**
 * Every quoted stretch of `text`, in order. A double mark left open runs to the end of the text
 * (news style lets a quote run on into the next paragraph); a single one left open is no quote.
 * Quotes nested inside a quote are part of it, not separate quotes.
 */
export function findQuoteSpans(text: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const close = PAIRS[ch];
    if (close === undefined || !opensQuote(text, i)) {
      i++;
      continue;
    }
    const closeAt = findClose(text, i + 1, ch, close);
    // A single mark never closed is an apostrophe typed the wrong way round ("the ‘90s"), not a quote.
    if (closeAt === null && ch === "‘") {
      i++;
      continue;
    }
    const innerEnd = closeAt ?? text.length;
    const span = trimSpan(text, i + 1, innerEnd);
    if (span) spans.push({ ...span, outerStart: i, outerEnd: closeAt === null ? text.length : closeAt + 1 });
    i = closeAt === null ? text.length : closeAt + 1;
  }
  return spans;
}

/** Whether the mark at `i` opens a quote: a single curly mark only at the start of a word. */
function opensQuote(text: string, i: number): boolean {
  if (text[i] !== "‘") return true;
  const before = text[i - 1] ?? " ";
  const after = text[i + 1] ?? "";
  return /[\s(\["“—–-]/.test(before) && /[\p{L}\p{N}\[]/u.test(after);
}

/**
 * The index of the mark closing a quote opened just before `from`, or null when none does.
 * Another opening of the same curly kind before any close means the first was never closed.
 */
function findClose(text: string, from: number, open: string, close: string): number | null {
  for (let j = from; j < text.length; j++) {
    const ch = text[j]!;
    if (ch === close && (close !== "’" || !isApostrophe(text, j))) return j;
    if (ch === open && open !== close) return null;
  }
  return null;
}

/** A right single mark between letters (can’t, Moscow’s) is an apostrophe, not a closing mark. */
function isApostrophe(text: string, i: number): boolean {
  return /\p{L}/u.test(text[i - 1] ?? "") && /\p{L}/u.test(text[i + 1] ?? "");
}

/**
 * The quoted words between `start` and `end` without surrounding spaces and the trailing
 * comma, semicolon or colon that news style puts inside the marks. Null when nothing is left.
 */
function trimSpan(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /[\s,;:]/.test(text[e - 1]!)) e--;
  return /[\p{L}\p{N}]/u.test(text.slice(s, e)) ? { start: s, end: e } : null;
}

/**
 * Clips paragraph-level quote spans to one sentence, `sentenceText`, which starts at
 * `sentenceStart` in the paragraph; offsets come back relative to the sentence.
 */
export function clipToSentence(spans: QuoteSpan[], sentenceText: string, sentenceStart: number): QuoteSpan[] {
  const sentenceEnd = sentenceStart + sentenceText.length;
  const clipped: QuoteSpan[] = [];
  for (const span of spans) {
    const outerStart = Math.max(span.outerStart, sentenceStart);
    const outerEnd = Math.min(span.outerEnd, sentenceEnd);
    if (outerStart >= outerEnd) continue;
    const inner = trimSpan(sentenceText, Math.max(span.start, sentenceStart) - sentenceStart, Math.min(span.end, sentenceEnd) - sentenceStart);
    if (inner) clipped.push({ ...inner, outerStart: outerStart - sentenceStart, outerEnd: outerEnd - sentenceStart });
  }
  return clipped;
}
