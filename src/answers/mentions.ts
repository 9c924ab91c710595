import { foldText } from "../index/normalize";
import { indexInSorted } from "../index/sorted";
import { mergeVocabularies } from "../index/vocabulary";

/** A word as mention lookup sees it: a maximal run of letters and digits of the folded text. */
const RUN = /[\p{L}\p{N}]+/gu;
const ASCII_RUN = /[a-z0-9]+/g;

/** The index as plain data: the runs, and each run's positions in compressed-row form. */
export interface MentionIndexData {
  runs: string[];
  offsets: Uint32Array;
  positions: Uint32Array;
  /**
   * Texts where folding joins or makes words (a combining mark or a compatibility character
   * between letters): an acronym, matched in the text as written, may stand there without its
   * folded runs being runs of the folded text, so these are always read.
   */
  irregular: Uint32Array;
}

/** Texts read into their distinct runs, as plain data a worker thread can hand over. */
export interface MentionRuns {
  count: number;
  /** Runs in the order they first occur. */
  vocabulary: string[];
  /** Text t's distinct runs are runs[offsets[t]..offsets[t+1]) (ids into `vocabulary`). */
  offsets: Uint32Array;
  runs: Uint32Array;
  /** Positions of the texts where folding joins or makes words (see MentionIndexData). */
  irregular: Uint32Array;
}

/** The texts an index was built from, as {@link MentionIndex.mentioning} reads them: as written, and folded. */
export interface MentionTexts {
  count: number;
  text(at: number): string;
  folded(at: number): string;
}

/**
 * Texts read through `textAt`, each folded at most once for as long as the object is kept:
 * one lookup folds a text however many of its terms ask for it, and lookups made together
 * (every party of a corpus) can share the folding.
 */
export function foldingTexts(count: number, textAt: (at: number) => string): MentionTexts {
  const folded = new Array<string | undefined>(count);
  return { count, text: textAt, folded: (at) => (folded[at] ??= foldText(textAt(at))) };
}

/** Reads texts into their runs; see {@link MentionIndex.fromRuns}. */
export function mentionRuns(texts: readonly string[]): MentionRuns {
  const vocabulary: string[] = [];
  const ids = new Map<string, number>();
  const offsets = new Uint32Array(texts.length + 1);
  const runs: number[] = [];
  const irregular: number[] = [];
  const seen = new Set<number>();
  texts.forEach((text, at) => {
    if (NON_ASCII.test(text) && [...text].some(joinsWhenFolded)) irregular.push(at);
    seen.clear();
    const folded = foldText(text);
    // Folded ASCII text has only ASCII letters and digits, which a plain class matches faster.
    for (const match of folded.matchAll(NON_ASCII.test(folded) ? RUN : ASCII_RUN)) {
      let id = ids.get(match[0]);
      if (id === undefined) {
        id = vocabulary.length;
        vocabulary.push(match[0]);
        ids.set(match[0], id);
      }
      if (!seen.has(id)) {
        seen.add(id);
        runs.push(id);
      }
    }
    offsets[at + 1] = runs.length;
  });
  return { count: texts.length, vocabulary, offsets, runs: Uint32Array.from(runs), irregular: Uint32Array.from(irregular) };
}

/**
 * Which passages hold which words, so that an answer finds the few passages that may name an
 * actor without folding and scanning every passage of the corpus.
 *
 * Sound for whole-word matching of folded terms: a term found at word boundaries in a folded
 * text has each of its runs as a run of that text, so the passages holding the term's rarest
 * run are a superset of those holding the term. Callers still test each candidate.
 */
export class MentionIndex {
  /** Each run's place in `data.runs`, built on first use (not while a snapshot loads). */
  private runIndex: Map<string, number> | null = null;

  private constructor(private readonly data: MentionIndexData) {}

  private get byRun(): Map<string, number> {
    return (this.runIndex ??= new Map(this.data.runs.map((run, k) => [run, k])));
  }

  /** Builds what the first lookup would otherwise build. */
  warm(): void {
    void this.byRun;
  }

  /** Indexes texts by position: candidates come back as positions in `texts`. */
  static build(texts: readonly string[]): MentionIndex {
    return MentionIndex.fromRuns([mentionRuns(texts)]);
  }

  /**
   * One index over texts read in parts (by worker threads, each over a run of articles), the
   * same as one built from all the texts in order.
   */
  static fromRuns(parts: readonly MentionRuns[]): MentionIndex {
    const { words: runs, ids: globalIds } = mergeVocabularies(parts.map((part) => part.vocabulary));
    const offsets = new Uint32Array(runs.length + 1);
    parts.forEach((part, p) => {
      for (const local of part.runs) offsets[globalIds[p]![local]! + 1]!++;
    });
    for (let k = 0; k < runs.length; k++) offsets[k + 1]! += offsets[k]!;
    const positions = new Uint32Array(offsets[runs.length]!);
    const cursor = offsets.slice(0, runs.length);
    const irregular: number[] = [];
    let base = 0;
    parts.forEach((part, p) => {
      const map = globalIds[p]!;
      for (let t = 0; t < part.count; t++) {
        for (let k = part.offsets[t]!; k < part.offsets[t + 1]!; k++) positions[cursor[map[part.runs[k]!]!]!++] = base + t;
      }
      for (const at of part.irregular) irregular.push(base + at);
      base += part.count;
    });
    return new MentionIndex({ runs, offsets, positions, irregular: Uint32Array.from(irregular) });
  }

  static fromData(data: MentionIndexData): MentionIndex {
    return new MentionIndex(data);
  }

  toData(): MentionIndexData {
    return this.data;
  }

  /**
   * Positions (ascending) of the texts that name one of the terms as a whole word: `words`
   * compared folded (given folded), `acronyms` in their own case. Exactly the texts a
   * whole-word matcher accepts; texts are read only to confirm terms of several runs or acronyms.
   */
  mentioning(texts: MentionTexts, words: readonly string[], acronyms: readonly string[]): number[] {
    const { count } = texts;
    // Found texts as a bitmap: a party can be named in a third of a large corpus.
    const found = new Uint8Array(count);
    const terms = words.map((word) => ({ word, runs: word.match(RUN) }));
    // One-run terms first: straight from their postings. Then the others, reading a text only
    // when no term has named it yet.
    for (const term of terms) {
      if (!isOneRun(term)) continue;
      const [from, to] = this.rarest(term.runs!);
      for (let p = from; p < to; p++) found[this.data.positions[p]!] = 1;
    }
    const foldedAt = texts.folded;
    const textAt = texts.text;
    for (const { word, runs } of withoutSubsumed(terms)) {
      if (!runs) {
        // No letter or digit to look up: read every text (never so for a name).
        for (let at = 0; at < count; at++) if (!found[at] && containsWord(foldedAt(at), word)) found[at] = 1;
        continue;
      }
      for (const at of this.holdingAll(runs, found)) if (containsWord(foldedAt(at), word)) found[at] = 1;
    }
    for (const acronym of acronyms) {
      const runs = foldText(acronym).match(RUN);
      if (!runs) continue;
      const [from, to] = this.rarest(runs);
      for (let p = from; p < to; p++) {
        const at = this.data.positions[p]!;
        if (!found[at] && containsWord(textAt(at), acronym)) found[at] = 1;
      }
      for (const at of this.data.irregular) if (!found[at] && containsWord(textAt(at), acronym)) found[at] = 1;
    }
    const named: number[] = [];
    for (let at = 0; at < count; at++) if (found[at]) named.push(at);
    return named;
  }

  /** Positions (ascending) of the texts that may mention one of the folded terms; null when a term has no run to look up. */
  candidates(foldedTerms: readonly string[]): number[] | null {
    const found = new Set<number>();
    for (const term of foldedTerms) {
      const runs = term.match(RUN);
      if (!runs) return null;
      const [from, to] = this.rarest(runs);
      for (let p = from; p < to; p++) found.add(this.data.positions[p]!);
    }
    return [...found].sort((a, b) => a - b);
  }

  /** Positions (ascending) of the texts not yet `found` that hold every one of the runs. */
  private holdingAll(runs: readonly string[], found: Uint8Array): number[] {
    const ranges = [...new Set(runs)].map((run): [number, number] => {
      const k = this.byRun.get(run);
      return k === undefined ? [0, 0] : [this.data.offsets[k]!, this.data.offsets[k + 1]!];
    });
    ranges.sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
    const [[from, to], ...others] = ranges as [[number, number], ...Array<[number, number]>];
    const held: number[] = [];
    for (let p = from; p < to; p++) {
      const at = this.data.positions[p]!;
      if (!found[at] && others.every(([start, end]) => indexInSorted(this.data.positions, at, start, end) >= 0)) held.push(at);
    }
    return held;
  }

  /** The range in `positions` of the run held by the fewest texts. */
  private rarest(runs: readonly string[]): [number, number] {
    let best: [number, number] | null = null;
    for (const run of runs) {
      const k = this.byRun.get(run);
      const range: [number, number] = k === undefined ? [0, 0] : [this.data.offsets[k]!, this.data.offsets[k + 1]!];
      if (!best || range[1] - range[0] < best[1] - best[0]) best = range;
    }
    return best ?? [0, 0];
  }
}

/** A term to look for, and its runs (null when it has no letter or digit). */
interface Term {
  word: string;
  runs: string[] | null;
}

/** Whether a term is one run: its postings name exactly the texts that hold it as a whole word. */
function isOneRun({ word, runs }: Term): boolean {
  return runs?.length === 1 && runs[0] === word;
}

/**
 * The terms of several runs (or none) that can name a text no other term names. A term that
 * holds another as a whole word ("john smith" holds "smith", "prime minister john smith" holds
 * "john smith") names only texts that the other names too: each of its runs is a run of such a
 * text, and so is the other's phrase. One-run terms are left out: their postings are exact.
 */
function withoutSubsumed(terms: readonly Term[]): Term[] {
  const oneRun = new Set(terms.filter(isOneRun).map(({ word }) => word));
  // The other terms by their first run, to find the ones a term may hold.
  const byFirstRun = new Map<string, string[]>();
  for (const term of terms) {
    if (isOneRun(term) || !term.runs) continue;
    const list = byFirstRun.get(term.runs[0]!);
    if (list) list.push(term.word);
    else byFirstRun.set(term.runs[0]!, [term.word]);
  }
  const kept = new Set<string>();
  return terms.filter((term) => {
    const { word, runs } = term;
    if (isOneRun(term) || kept.has(word)) return false;
    if (runs?.some((run) => oneRun.has(run) || byFirstRun.get(run)?.some((other) => other !== word && containsWord(word, other)))) return false;
    kept.add(word);
    return true;
  });
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const NON_ASCII = /[^\x00-\x7f]/;
const joins = new Map<string, boolean>();

/** A character that is no letter or digit but folds to nothing or to letters or digits. */
function joinsWhenFolded(char: string): boolean {
  let known = joins.get(char);
  if (known === undefined) {
    const folded = foldText(char);
    known = !LETTER_OR_DIGIT.test(char) && !/^\s+$/.test(char) && (folded.trim() === "" || LETTER_OR_DIGIT.test(folded));
    joins.set(char, known);
  }
  return known;
}

/** Whether `word` stands in `text` with no letter or digit right before or after it. */
export function containsWord(text: string, word: string): boolean {
  if (word.length === 0) return false;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const end = at + word.length;
    if (at > 0 && LETTER_OR_DIGIT.test(codePointBefore(text, at))) continue;
    if (end < text.length && LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(end)!))) continue;
    return true;
  }
  return false;
}

function codePointBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1);
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return pair ? text.slice(at - 2, at) : text.slice(at - 1, at);
}
