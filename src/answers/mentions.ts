import { foldText } from "../index/normalize";

/** A word as mention lookup sees it: a maximal run of letters and digits of the folded text. */
const RUN = /[\p{L}\p{N}]+/gu;

/** The index as plain data: the runs, and each run's positions in compressed-row form. */
export interface MentionIndexData {
  runs: string[];
  offsets: Uint32Array;
  positions: Uint32Array;
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
  private readonly byRun: Map<string, number>;

  private constructor(private readonly data: MentionIndexData) {
    this.byRun = new Map(data.runs.map((run, k) => [run, k]));
  }

  /** Indexes texts by position: candidates come back as positions in `texts`. */
  static build(texts: readonly string[]): MentionIndex {
    const lists = new Map<string, number[]>();
    texts.forEach((text, at) => {
      for (const match of foldText(text).matchAll(RUN)) {
        const list = lists.get(match[0]);
        if (!list) lists.set(match[0], [at]);
        else if (list.at(-1) !== at) list.push(at);
      }
    });
    const runs = [...lists.keys()];
    const offsets = new Uint32Array(runs.length + 1);
    runs.forEach((run, k) => (offsets[k + 1] = offsets[k]! + lists.get(run)!.length));
    const positions = new Uint32Array(offsets[runs.length]!);
    runs.forEach((run, k) => positions.set(lists.get(run)!, offsets[k]!));
    return new MentionIndex({ runs, offsets, positions });
  }

  static fromData(data: MentionIndexData): MentionIndex {
    return new MentionIndex(data);
  }

  toData(): MentionIndexData {
    return this.data;
  }

  /** Positions (ascending) of the texts that may mention one of the folded terms; null when a term has no run to look up. */
  candidates(foldedTerms: readonly string[]): number[] | null {
    const found = new Set<number>();
    const { offsets, positions } = this.data;
    for (const term of foldedTerms) {
      const runs = term.match(RUN);
      if (!runs) return null;
      let from = 0;
      let to = Number.POSITIVE_INFINITY;
      for (const run of runs) {
        const k = this.byRun.get(run);
        const [start, end] = k === undefined ? [0, 0] : [offsets[k]!, offsets[k + 1]!];
        if (end - start < to - from) [from, to] = [start, end];
      }
      for (let p = from; p < to; p++) found.add(positions[p]!);
    }
    return [...found].sort((a, b) => a - b);
  }
}
