import { runNow, type Steps } from "../steps";
import { BoundedHeap } from "./bounded-heap";
import { indexInSorted } from "./sorted";
import {
  FIELD_BOOSTS,
  type IndexHit,
  inverseFrequency,
  popcount,
  queryTerms,
  type TextIndex,
  type TextIndexData,
  termScore,
  typoDistance,
} from "./text-index";

/** How much {@link CachedSearch} remembers. */
export interface CachedSearchOptions {
  /** Words whose scores cover more documents than this are remembered; rarer ones cost little to score again. */
  rememberFrom?: number;
  /** Documents' scores remembered in all (20 bytes each), the least recently used word forgotten first. */
  rememberedMax?: number;
}

/** Bands of scores a word's documents are ordered by, best first: an ordering in linear time. */
const BANDS = 256;
/** Beyond this many distinct query words, matches are not counted in one 32-bit mask. */
const MAX_TERMS = 31;

/**
 * One query word's score in every document that holds it (or a word within its typo distance),
 * summed over its lists in TextIndex's order: documents in increasing order, and for each the
 * first of the word's lists that holds it (ties go to the document matched first).
 */
interface WordScores {
  docs: Uint32Array;
  scores: Float64Array;
  firstList: Uint32Array;
  /** How many lists the word reads, to number the next word's lists after them. */
  lists: number;
  /** Positions into `docs`, the best scores first, in bands (see {@link impactOrder}). */
  byImpact: Uint32Array;
  /** Where each band ends in `byImpact`. */
  bandEnds: Uint32Array;
  /** Each band's best score: no document from the band on scores more. */
  bandTops: Float64Array;
}

/** Per document, for scoring a word: its running score (zero between words), the first list that held it, and its length terms. */
interface Scratch {
  score: Float64Array;
  first: Uint32Array;
  /** The documents a word touched, in the order it touched them. */
  touched: Uint32Array;
  /** Per field, each document's BM25 length term (TextIndex's own). */
  norms: Float64Array[];
}

/**
 * `TextIndex.find` with each query word's scores remembered: the same hits, scores and order
 * (ties included), at a fraction of the cost for queries made of words asked before.
 *
 * TextIndex scores a query word by reading the postings of the word and of every near spelling,
 * in both fields, and computing BM25 for each; a common word ("president") holds a tenth of the
 * passages, and autocomplete asks for it on every keystroke. A word's score in a document does
 * not depend on the other query words, so it is worked out once (for the words that hold many
 * documents) and a query only adds up the words' remembered scores, in TextIndex's order, so that
 * every score agrees to the bit.
 */
export class CachedSearch {
  private readonly data: TextIndexData;
  private readonly count: number;
  /** Remembered word scores by `maxDistance:word`, least recently used first. */
  private readonly remembered = new Map<string, WordScores>();
  private rememberedSize = 0;
  private scratch: Scratch | null = null;
  /** The same, for words scored in the background between questions. */
  private background: Scratch | null = null;
  /** Per document, the last query that scored it. */
  private seen: { marks: Uint32Array; stamp: number } | null = null;

  private readonly rememberFrom: number;
  private readonly rememberedMax: number;

  constructor(
    private readonly index: TextIndex,
    options: CachedSearchOptions = {},
  ) {
    this.data = index.toData();
    this.count = this.data.ids.length;
    this.rememberFrom = options.rememberFrom ?? 1024;
    this.rememberedMax = options.rememberedMax ?? 6_000_000;
  }

  /**
   * Works out the scores of the words in the most texts, one word per step, until they fill
   * half the memory: the words people type most are also the costliest to score the first time
   * (5–15 ms each in 400,000 passages). A generator, so that a caller can spread the steps out.
   */
  *rememberCommonWords(): Steps<void> {
    const counts = this.data.fields[0]!.offsets;
    const common = this.data.terms
      .map((term, id) => ({ term, documents: counts[id + 1]! - counts[id]! }))
      .filter(({ documents }) => documents > this.rememberFrom)
      .sort((a, b) => b.documents - a.documents);
    for (const { term } of common) {
      if (this.rememberedSize * 2 >= this.rememberedMax) return;
      const maxDistance = typoDistance(term, 0, [term]);
      // Scored in steps in scratch space of its own: questions answered between steps use theirs.
      const scores = yield* this.scoreWord(term, maxDistance, (this.background ??= this.newScratch()));
      if (!this.remembered.has(`${maxDistance}:${term}`)) this.remember(`${maxDistance}:${term}`, scores);
      yield;
    }
  }

  /** The best `limit` texts for a query, exactly as `TextIndex.find` finds, scores and orders them. */
  find(query: string, limit: number): IndexHit[] {
    if (limit <= 0) return [];
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const distinct = [...new Set(terms)];
    if (distinct.length > MAX_TERMS) return this.index.find(query, { limit });
    const words = terms.map((term, i) => this.wordScores(term, typoDistance(term, i, terms)));
    const bits = terms.map((term) => 1 << distinct.indexOf(term));
    const listsBefore: number[] = [];
    words.reduce((before, word) => (listsBefore.push(before), before + word.lists), 0);
    // The threshold algorithm: documents are read from each word's list best score first, and
    // each is scored whole as TextIndex scores it. A document not read yet holds at most the
    // words still being read, each at most its next score: once that bound cannot reach the
    // k-th best, no unread document can, and the rest of the lists is never touched.
    const n = words.length;
    const read = new Uint32Array(n);
    const band = new Uint32Array(n);
    const seen = this.seenStamp();
    const best = new BoundedHeap(limit);
    // The words take turns, as in the algorithm's first form: a short word read to its end
    // drops out of the bound however slowly a common word's scores fall.
    for (let turn = 0; ; turn++) {
      let next = -1;
      let bound = 0;
      let boundBits = 0;
      for (let k = 0; k < n; k++) {
        const i = (turn + k) % n;
        const word = words[i]!;
        if (read[i]! >= word.docs.length) continue;
        while (read[i]! >= word.bandEnds[band[i]!]!) band[i]!++;
        bound += word.bandTops[band[i]!]!;
        boundBits |= bits[i]!;
        if (next < 0) next = i;
      }
      if (next < 0 || (best.full && hopeless(bound * popcount(boundBits), best.threshold))) break;
      const doc = words[next]!.docs[words[next]!.byImpact[read[next]!++]!]!;
      if (seen.marks[doc] === seen.stamp) continue;
      seen.marks[doc] = seen.stamp;
      // Added up word by word in query order, as TextIndex adds them, so the score agrees to the bit.
      let total = 0;
      let matched = 0;
      let first = -1;
      for (let i = 0; i < n; i++) {
        const k = indexInSorted(words[i]!.docs, doc);
        if (k < 0) continue;
        total += words[i]!.scores[k]!;
        matched |= bits[i]!;
        if (first < 0) first = listsBefore[i]! + words[i]!.firstList[k]!;
      }
      // TextIndex breaks ties by first match: the first list that held the document, then the document.
      best.push(total * (popcount(matched) || 1), first * this.count + doc, doc);
    }
    return best.sorted().map(({ score, doc }) => ({ id: this.data.ids[doc]!, score }));
  }

  /** A fresh stamp for marking the documents one query has scored (no clearing between queries). */
  private seenStamp(): { marks: Uint32Array; stamp: number } {
    const seen = (this.seen ??= { marks: new Uint32Array(this.count), stamp: 0 });
    if (++seen.stamp === 0xffffffff) {
      seen.marks.fill(0);
      seen.stamp = 1;
    }
    return seen;
  }

  /** A word's scores, remembered when it holds many documents. */
  private wordScores(term: string, maxDistance: number): WordScores {
    const key = `${maxDistance}:${term}`;
    const known = this.remembered.get(key);
    if (known) {
      this.remembered.delete(key);
      this.remembered.set(key, known);
      return known;
    }
    const scores = runNow(this.scoreWord(term, maxDistance, (this.scratch ??= this.newScratch())));
    if (scores.docs.length > this.rememberFrom) this.remember(key, scores);
    return scores;
  }

  /** Keeps a word's scores, forgetting the least recently used words' as the memory fills up. */
  private remember(key: string, scores: WordScores): void {
    for (const [oldest, forgotten] of this.remembered) {
      if (this.rememberedSize + scores.docs.length <= this.rememberedMax) break;
      this.remembered.delete(oldest);
      this.rememberedSize -= forgotten.docs.length;
    }
    this.remembered.set(key, scores);
    this.rememberedSize += scores.docs.length;
  }

  /**
   * Reads the word's lists as TextIndex does (the word, then its near spellings; each in the
   * text, then the context) and sums each document's scores in that order.
   */
  private *scoreWord(term: string, maxDistance: number, scratch: Scratch): Steps<WordScores> {
    const { score: running, first, touched } = scratch;
    const found = { count: 0, lists: 0 };
    const exact = this.index.termId(term);
    if (exact !== undefined) yield* this.readPostings(scratch, found, exact, 1);
    if (maxDistance > 0) for (const [id, weight] of this.index.similarTerms(term, maxDistance)) yield* this.readPostings(scratch, found, id, weight);
    const { count, lists } = found;
    yield;
    // The documents in increasing order, taken out of the running scores (which end at zero
    // again): the few touched sorted, or the many picked out in one pass.
    const docs = new Uint32Array(count);
    const scores = new Float64Array(count);
    const firstList = new Uint32Array(count);
    let max = 0;
    const take = (doc: number, k: number) => {
      const score = running[doc]!;
      docs[k] = doc;
      scores[k] = score;
      if (score > max) max = score;
      firstList[k] = first[doc]!;
      running[doc] = 0;
    };
    if (count * 16 < this.count) {
      const sorted = touched.subarray(0, count).sort();
      for (let k = 0; k < count; k++) take(sorted[k]!, k);
    } else {
      for (let doc = 0, k = 0; k < count; doc++) if (running[doc] !== 0) take(doc, k++);
    }
    yield;
    return { docs, scores, firstList, lists, ...impactOrder(scores, max) };
  }

  /**
   * Adds a word's BM25 scores, in both fields, to the documents' running scores; numbers each
   * field's list and notes the documents it touches first.
   */
  private *readPostings(scratch: Scratch, found: { count: number; lists: number }, termId: number, weight: number): Steps<void> {
    const { score: running, first, touched, norms } = scratch;
    let count = found.count;
    for (let field = 0; field < this.data.fields.length; field++) {
      const { offsets, docs, freqs } = this.data.fields[field]!;
      const from = offsets[termId]!;
      const to = offsets[termId + 1]!;
      const matching = to - from;
      if (matching === 0) continue;
      const list = found.lists++;
      const norm = norms[field]!;
      const inverse = inverseFrequency(this.count, matching);
      // TextIndex multiplies weight · 1 · boost · 1 · score, left to right: the same product here.
      const scale = weight * FIELD_BOOSTS[field]!;
      for (let p = from; p < to; p++) {
        const doc = docs[p]!;
        const score = scale * termScore(freqs[p]!, norm[doc]!, inverse);
        const before = running[doc]!;
        // Scores are positive (BM25+), so zero means not matched yet.
        if (before === 0) {
          touched[count++] = doc;
          first[doc] = list;
        }
        running[doc] = before + score;
      }
      found.count = count;
      yield;
    }
  }

  private newScratch(): Scratch {
    return {
      score: new Float64Array(this.count),
      first: new Uint32Array(this.count),
      touched: new Uint32Array(this.count),
      norms: this.index.lengthNorms(),
    };
  }
}

/**
 * A word's documents, best scores first, in a counting sort over score bands: each document is
 * placed in the band of its score, bands in decreasing order; each band's bound is its own best
 * score. Band numbers never decrease as scores do, so no document after a band scores more than
 * the band's bound.
 */
function impactOrder(scores: Float64Array, max: number): Pick<WordScores, "byImpact" | "bandEnds" | "bandTops"> {
  const perScore = BANDS / max;
  const bandOf = new Uint8Array(scores.length);
  const bandEnds = new Uint32Array(BANDS);
  const bandTops = new Float64Array(BANDS);
  for (let k = 0; k < scores.length; k++) {
    const score = scores[k]!;
    const band = Math.min(BANDS - 1, Math.floor((max - score) * perScore));
    bandOf[k] = band;
    bandEnds[band]!++;
    if (score > bandTops[band]!) bandTops[band] = score;
  }
  // Counts to ends; each band is then filled from its start, which is the band before's end.
  for (let band = 1; band < BANDS; band++) bandEnds[band]! += bandEnds[band - 1]!;
  const fill = new Uint32Array(BANDS);
  fill.set(bandEnds.subarray(0, BANDS - 1), 1);
  const byImpact = new Uint32Array(scores.length);
  for (let k = 0; k < scores.length; k++) byImpact[fill[bandOf[k]!]!++] = k;
  return { byImpact, bandEnds, bandTops };
}

/**
 * Whether a document scoring at most `bound` cannot enter a top k whose worst score is
 * `threshold`: strictly below, with a margin for the bound's other order of additions, since a
 * document that ties the worst may still enter on an earlier first match.
 */
function hopeless(bound: number, threshold: number): boolean {
  return bound * (1 + 1e-9) < threshold;
}
