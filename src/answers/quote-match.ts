import { STOP_WORDS, sameWord, wordTokens, type WordToken } from "../index/normalize";
import type { QuoteSegment } from "./types";

/** How well words someone typed match an article's quote, and where they differ. */
export interface QuoteAlignment {
  /** Share of the asked words (stop words counting less) found in order in the quote, 0 to 1. */
  coverage: number;
  /** Share of the quote's words, between the first and last matched one, that were matched. */
  compactness: number;
  /** Content words asked and matched. */
  contentAsked: number;
  contentMatched: number;
  /** The quote's text in stretches, marked where the matched stretch differs from the asked words. */
  segments: QuoteSegment[];
}

const STOP_WEIGHT = 0.25;
const weightOf = (word: string): number => (STOP_WORDS.has(word) ? STOP_WEIGHT : 1);

/**
 * Aligns asked words with a quote, in order, tolerating typos and word endings
 * (a weighted longest common subsequence).
 */
export function alignQuote(asked: string, quote: string): QuoteAlignment {
  const q = wordTokens(asked);
  const t = wordTokens(quote);
  const pairs = weightedLcs(q, t);
  const totalWeight = q.reduce((sum, token) => sum + weightOf(token.word), 0);
  const matchedAsked = new Set(pairs.map(([i]) => i));
  const matchedWeight = [...matchedAsked].reduce((sum, i) => sum + weightOf(q[i]!.word), 0);
  const matchedInQuote = new Set(pairs.map(([, j]) => j));
  const first = Math.min(...matchedInQuote);
  const last = Math.max(...matchedInQuote);
  const windowLength = pairs.length > 0 ? last - first + 1 : 0;
  const contentAsked = q.filter((token) => !STOP_WORDS.has(token.word)).length;
  const contentMatched = [...matchedAsked].filter((i) => !STOP_WORDS.has(q[i]!.word)).length;
  const differing = t.filter((_, j) => j > first && j < last && !matchedInQuote.has(j));
  return {
    coverage: totalWeight > 0 ? matchedWeight / totalWeight : 0,
    compactness: windowLength > 0 ? matchedInQuote.size / windowLength : 0,
    contentAsked,
    contentMatched,
    segments: segmentsOf(quote, differing),
  };
}

/** Steps of the alignment: a word for a word, or a word for two written as one (quasi-state, quasistate). */
const enum Step {
  SkipAsked = 1,
  SkipQuote,
  Pair,
  AskedJoinsTwoQuoted,
  TwoAskedJoinOneQuoted,
}

function weightedLcs(q: WordToken[], t: WordToken[]): Array<[number, number]> {
  const cols = t.length + 1;
  const score = new Float64Array((q.length + 1) * cols);
  const step = new Uint8Array((q.length + 1) * cols);
  const at = (i: number, j: number) => i * cols + j;
  const quoted = t.map((token) => token.word);
  // Each quoted word joined with the one before it, and each asked word with the one before it.
  const quotedPairs = quoted.map((word, j) => (j > 0 ? quoted[j - 1]! + word : ""));
  const askedPairs = q.map((token, i) => (i > 0 ? q[i - 1]!.word + token.word : ""));
  for (let i = 1; i <= q.length; i++) {
    const asked = q[i - 1]!.word;
    const weight = weightOf(asked);
    const joinedAsked = askedPairs[i - 1]!;
    const joinedWeight = i > 1 ? weightOf(q[i - 2]!.word) + weight : 0;
    for (let j = 1; j <= t.length; j++) {
      // Ties keep the earlier option: skip asked, skip quoted, pair, asked joins two, two join one.
      let best = score[at(i - 1, j)]!;
      let how: Step = Step.SkipAsked;
      const left = score[at(i, j - 1)]!;
      if (left > best) (best = left), (how = Step.SkipQuote);
      if (sameWord(asked, quoted[j - 1]!)) {
        const value = score[at(i - 1, j - 1)]! + weight;
        if (value > best) (best = value), (how = Step.Pair);
      }
      if (j > 1 && asked === quotedPairs[j - 1]) {
        const value = score[at(i - 1, j - 2)]! + weight;
        if (value > best) (best = value), (how = Step.AskedJoinsTwoQuoted);
      }
      if (i > 1 && joinedAsked === quoted[j - 1]) {
        const value = score[at(i - 2, j - 1)]! + joinedWeight;
        if (value > best) (best = value), (how = Step.TwoAskedJoinOneQuoted);
      }
      score[at(i, j)] = best;
      step[at(i, j)] = best === 0 ? 0 : how;
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = q.length, j = t.length; i > 0 && j > 0; ) {
    switch (step[at(i, j)]) {
      case Step.Pair:
        pairs.push([i - 1, j - 1]);
        i--, j--;
        break;
      case Step.AskedJoinsTwoQuoted:
        pairs.push([i - 1, j - 1], [i - 1, j - 2]);
        i--, (j -= 2);
        break;
      case Step.TwoAskedJoinOneQuoted:
        pairs.push([i - 1, j - 1], [i - 2, j - 1]);
        (i -= 2), j--;
        break;
      case Step.SkipQuote:
        j--;
        break;
      default:
        i--;
    }
  }
  return pairs.reverse();
}

function segmentsOf(quote: string, differing: WordToken[]): QuoteSegment[] {
  const raw: QuoteSegment[] = [];
  let at = 0;
  for (const token of differing) {
    if (token.start > at) raw.push({ text: quote.slice(at, token.start), differs: false });
    raw.push({ text: quote.slice(token.start, token.end), differs: true });
    at = token.end;
  }
  if (at < quote.length) raw.push({ text: quote.slice(at), differs: false });
  // "does take two" reads better as one marked stretch than as words with unmarked spaces between.
  return raw.reduce<QuoteSegment[]>((merged, segment, k) => {
    const previous = merged.at(-1);
    const bridge = !segment.differs && /^\s+$/.test(segment.text) && raw[k + 1]?.differs;
    if (previous?.differs && (segment.differs || bridge)) previous.text += segment.text;
    else merged.push({ ...segment });
    return merged;
  }, []);
}
