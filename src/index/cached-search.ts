import SearchableMap from "minisearch/SearchableMap";
import { type IndexHit, MINISEARCH_OPTIONS, type TextIndex, type TextIndexData } from "./text-index";

/**
 * The options TextIndex ranks with. The BM25 parameters and the fuzzy weight are MiniSearch's
 * defaults, which TextIndex uses too (the differential tests would catch a drift).
 */
const { tokenize, processTerm, searchOptions } = MINISEARCH_OPTIONS;
const BOOSTS = [searchOptions!.boost!.text!, searchOptions!.boost!.context!];
const MAX_FUZZY = searchOptions!.maxFuzzy!;
const FUZZY_WEIGHT = 0.45;
const K = 1.2;
const B = 0.7;
const D = 0.5;

/** How much {@link CachedSearch} remembers. */
export interface CachedSearchOptions {
  /** Words whose scores cover more documents than this are remembered; rarer ones cost little to score again. */
  rememberFrom?: number;
  /** Documents' scores remembered in all (16 bytes each), the least recently used word forgotten first. */
  rememberedMax?: number;
}
/** Past every document id. */
const NONE = 0x100000000;
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
  private tree: SearchableMap<number> | null = null;
  private readonly similar = new Map<string, Array<[number, number]>>();
  /** Remembered word scores by `maxDistance:word`, least recently used first. */
  private readonly remembered = new Map<string, WordScores>();
  private rememberedSize = 0;
  /** Per document, for scoring a word: its running score (zero between words) and the first list that held it. */
  private scratch: { score: Float64Array; first: Uint32Array } | null = null;

  private readonly rememberFrom: number;
  private readonly rememberedMax: number;

  constructor(
    private readonly index: TextIndex,
    options: CachedSearchOptions = {},
  ) {
    this.data = index.toData();
    this.count = this.data.ids.length;
    this.rememberFrom = options.rememberFrom ?? 1024;
    this.rememberedMax = options.rememberedMax ?? 1_500_000;
  }

  /** Builds the word tree the first typo search would otherwise build. */
  warm(): void {
    this.wordTree();
  }

  /** The best `limit` texts for a query, exactly as `TextIndex.find` finds, scores and orders them. */
  find(query: string, limit: number): IndexHit[] {
    if (limit <= 0) return [];
    const terms: string[] = [];
    for (const token of tokenize!(query)) {
      const term = processTerm!(token);
      if (typeof term === "string" && term) terms.push(term);
    }
    if (terms.length === 0) return [];
    const distinct = [...new Set(terms)];
    if (distinct.length > MAX_TERMS) return this.index.find(query, { limit });
    const words = terms.map((term, i) => this.wordScores(term, this.maxDistance(term, i, terms)));
    const bits = terms.map((term) => 1 << distinct.indexOf(term));
    const listsBefore: number[] = [];
    words.reduce((before, word) => (listsBefore.push(before), before + word.lists), 0);
    // The words' documents merged in increasing order; each document's score added up word by
    // word in query order, as TextIndex adds them.
    const at = new Uint32Array(words.length);
    const best = new TopK(limit);
    for (;;) {
      let doc = NONE;
      for (let i = 0; i < words.length; i++) {
        const next = words[i]!.docs[at[i]!];
        if (next !== undefined && next < doc) doc = next;
      }
      if (doc === NONE) break;
      let total = 0;
      let matched = 0;
      let first = -1;
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        const k = at[i]!;
        if (word.docs[k] !== doc) continue;
        total += word.scores[k]!;
        matched |= bits[i]!;
        if (first < 0) first = listsBefore[i]! + word.firstList[k]!;
        at[i] = k + 1;
      }
      // TextIndex breaks ties by first match: the first list that held the document, then the document.
      best.push(total * (popcount(matched) || 1), first * this.count + doc, doc);
    }
    return best.sorted().map(({ score, doc }) => ({ id: this.data.ids[doc]!, score }));
  }

  /** How far a query word may be misspelt, as TextIndex allows. */
  private maxDistance(term: string, i: number, terms: string[]): number {
    const fuzzy = typeof searchOptions!.fuzzy === "function" ? searchOptions!.fuzzy(term, i, terms) : searchOptions!.fuzzy;
    return typeof fuzzy === "number" ? Math.min(MAX_FUZZY, Math.round(term.length * fuzzy)) : 0;
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
    const scores = this.scoreWord(term, maxDistance);
    if (scores.docs.length > this.rememberFrom) {
      for (const [oldest, forgotten] of this.remembered) {
        if (this.rememberedSize + scores.docs.length <= this.rememberedMax) break;
        this.remembered.delete(oldest);
        this.rememberedSize -= forgotten.docs.length;
      }
      this.remembered.set(key, scores);
      this.rememberedSize += scores.docs.length;
    }
    return scores;
  }

  /**
   * Reads the word's lists as TextIndex does (the word, then its near spellings; each in the
   * text, then the context) and sums each document's scores in that order.
   */
  private scoreWord(term: string, maxDistance: number): WordScores {
    const { score: termScore, first } = this.scratchSpace();
    const touched: number[] = [];
    let lists = 0;
    const read = (termId: number, weight: number) => {
      this.data.fields.forEach(({ offsets, docs, freqs, lengths, averageLength }, field) => {
        const from = offsets[termId]!;
        const to = offsets[termId + 1]!;
        const matching = to - from;
        if (matching === 0) return;
        const list = lists++;
        const inverse = Math.log(1 + (this.count - matching + 0.5) / (matching + 0.5));
        // TextIndex multiplies weight · 1 · boost · 1 · raw, left to right: the same product here.
        const scale = weight * BOOSTS[field]!;
        for (let p = from; p < to; p++) {
          const doc = docs[p]!;
          const frequency = freqs[p]!;
          const norm = K * (1 - B + (B * lengths[doc]!) / averageLength);
          const score = scale * (inverse * (D + (frequency * (K + 1)) / (frequency + norm)));
          const before = termScore[doc]!;
          // Scores are positive (BM25+), so zero means not matched yet.
          if (before === 0) {
            touched.push(doc);
            first[doc] = list;
          }
          termScore[doc] = before + score;
        }
      });
    };
    const exact = this.wordTree().get(term);
    if (exact !== undefined) read(exact, 1);
    if (maxDistance > 0) for (const [id, weight] of this.similarTerms(term, maxDistance)) read(id, weight);
    const docs = Uint32Array.from(touched).sort();
    const scores = new Float64Array(docs.length);
    const firstList = new Uint32Array(docs.length);
    docs.forEach((doc, k) => {
      scores[k] = termScore[doc]!;
      firstList[k] = first[doc]!;
      termScore[doc] = 0;
    });
    return { docs, scores, firstList, lists };
  }

  /** The indexed words within `maxDistance` edits of a term (itself excluded), with their weights, in TextIndex's order. */
  private similarTerms(term: string, maxDistance: number): Array<[number, number]> {
    const key = `${maxDistance}:${term}`;
    let found = this.similar.get(key);
    if (!found) {
      found = [];
      for (const [similar, [id, distance]] of this.wordTree().fuzzyGet(term, maxDistance)) {
        if (distance) found.push([id, (FUZZY_WEIGHT * similar.length) / (similar.length + distance)]);
      }
      if (this.similar.size >= 4096) this.similar.clear();
      this.similar.set(key, found);
    }
    return found;
  }

  /** The words inserted in the order they were first indexed, as in TextIndex's tree: typo search visits them in its order. */
  private wordTree(): SearchableMap<number> {
    if (!this.tree) {
      const tree = new SearchableMap<number>();
      this.data.terms.forEach((term, id) => tree.set(term, id));
      this.tree = tree;
    }
    return this.tree;
  }

  private scratchSpace(): { score: Float64Array; first: Uint32Array } {
    return (this.scratch ??= { score: new Float64Array(this.count), first: new Uint32Array(this.count) });
  }
}

function popcount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Ranked {
  score: number;
  /** Lower first on equal scores. */
  order: number;
  doc: number;
}

/** The `limit` best documents: higher score first, then lower order. */
class TopK {
  /** A min-heap on rank: the worst kept document at the root. */
  private readonly items: Ranked[] = [];

  constructor(private readonly limit: number) {}

  push(score: number, order: number, doc: number): void {
    const items = this.items;
    if (items.length < this.limit) {
      items.push({ score, order, doc });
      for (let at = items.length - 1; at > 0; ) {
        const parent = (at - 1) >> 1;
        if (!better(items[parent]!, items[at]!)) break;
        [items[parent], items[at]] = [items[at]!, items[parent]!];
        at = parent;
      }
      return;
    }
    const root = items[0]!;
    if (score < root.score || (score === root.score && order > root.order)) return;
    items[0] = { score, order, doc };
    for (let at = 0; ; ) {
      const left = 2 * at + 1;
      let worst = at;
      if (left < items.length && better(items[worst]!, items[left]!)) worst = left;
      if (left + 1 < items.length && better(items[worst]!, items[left + 1]!)) worst = left + 1;
      if (worst === at) break;
      [items[worst], items[at]] = [items[at]!, items[worst]!];
      at = worst;
    }
  }

  sorted(): Ranked[] {
    return [...this.items].sort((a, b) => (better(a, b) ? -1 : 1));
  }
}

function better(a: Ranked, b: Ranked): boolean {
  return a.score > b.score || (a.score === b.score && a.order < b.order);
}
