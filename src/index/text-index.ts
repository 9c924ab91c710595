import type { Options } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import { ITEMS_PER_STEP, runNow, type Steps } from "../steps";
import { BoundedHeap } from "./bounded-heap";
import { mergeVocabularies } from "./vocabulary";
import { foldWord, rawWords, STOP_WORDS, stem, words } from "./normalize";

/** A text to index, with an optional context (its article's title) that counts for less. */
export interface IndexedText {
  id: string;
  text: string;
  context?: string;
}

/** Options of {@link TextIndex.find}. */
export interface FindOptions {
  /** At most this many hits; 10 when left out. */
  limit?: number;
  /** Keeps only the texts it accepts, given their id and their position in the order they were indexed. */
  filter?: (id: string, at: number) => boolean;
}

/** A hit: the id of an indexed text and its relevance (higher is better). */
export interface IndexHit {
  id: string;
  score: number;
}

const FIELDS = ["text", "context"] as const;
const BOOST: Record<(typeof FIELDS)[number], number> = { text: 1, context: 0.15 };

/** Words index and query alike: folded (case, diacritics, quote marks), no stop words, stemmed. */
const tokenize = words;
const processTerm = (term: string): string | null => (STOP_WORDS.has(term) ? null : stem(term));

/** Typos are tolerated only in longer words, where a one-letter slip cannot make another word. */
const fuzzyFor = (term: string, _index?: number, _terms?: string[]): number | false => (term.length >= 5 ? 0.25 : false);
const MAX_FUZZY = 2;
const FUZZY_WEIGHT = 0.45;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** Each field's boost, in field order. */
export const FIELD_BOOSTS: readonly number[] = FIELDS.map((field) => BOOST[field]);

/** A query's words as the index holds them: folded, without stop words, stemmed. */
export function queryTerms(query: string): string[] {
  return tokenize(query)
    .map((token) => processTerm(token))
    .filter((term): term is string => Boolean(term));
}

/** How many edits away from a query's `i`th word an indexed word may be, as MiniSearch allows with these options. */
export function typoDistance(term: string, i: number, terms: string[]): number {
  const fuzzy = fuzzyFor(term, i, terms);
  return fuzzy === false ? 0 : Math.min(MAX_FUZZY, Math.round(term.length * fuzzy));
}

/** BM25's inverse document frequency of a word in `matching` of `total` texts, as MiniSearch works it out. */
export function inverseFrequency(total: number, matching: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
}

/**
 * A word's BM25+ score in one text, before its weight and its field's boost: seen `frequency`
 * times in a text whose length term is `norm` (see `lengthNorms`). One expression for every
 * search here, so that their scores agree to the bit.
 */
export function termScore(frequency: number, norm: number, inverse: number): number {
  return inverse * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + norm));
}

/**
 * The MiniSearch configuration whose results this index reproduces, score for score and in the
 * same order (the tests compare the two on real and generated articles).
 */
export const MINISEARCH_OPTIONS: Options<IndexedText> = {
  fields: [...FIELDS],
  tokenize,
  processTerm,
  searchOptions: { boost: BOOST, fuzzy: fuzzyFor, maxFuzzy: MAX_FUZZY, combineWith: "OR" },
};

/** One field's postings in compressed-row form: term t's documents are docs[offsets[t]..offsets[t+1]). */
interface FieldPostings {
  offsets: Uint32Array;
  docs: Uint32Array;
  freqs: Uint32Array;
  /** Each document's number of distinct words in this field (stop words included, as MiniSearch counts). */
  lengths: Uint32Array;
  averageLength: number;
}

/** The index as plain data: ids and terms as JSON, postings as typed arrays. */
export interface TextIndexData {
  ids: string[];
  terms: string[];
  fields: Array<{ offsets: Uint32Array; docs: Uint32Array; freqs: Uint32Array; lengths: Uint32Array; averageLength: number }>;
}

/**
 * A full-text index over short texts (sentences or quotes), with the normalization users need:
 * case, diacritics, curly and straight marks, stemming, stop words and typos.
 *
 * It ranks exactly as MiniSearch does with `MINISEARCH_OPTIONS` (BM25+, fuzzy terms weighted by
 * distance, OR combination scaled by the number of query terms matched, ties in first-match
 * order), but keeps its postings in typed arrays: a corpus of 400,000 sentences loads from a
 * snapshot as a few buffers, and a query scores documents in flat arrays and keeps only the
 * best `limit`, instead of building and sorting an object for every document that matched.
 */
export class TextIndex {
  private readonly ids: string[];
  /** Each indexed word's id, in the order words were first indexed. */
  private readonly terms: string[];
  private readonly termIds: Map<string, number>;
  private norms: Float64Array[] | null = null;
  /** The words in a radix tree for typo search, built on the first search that needs it. */
  private tree: SearchableMap<number> | null = null;
  private readonly fields: FieldPostings[];
  /** Words within typo distance of a query word, remembered: the same words are typed again and again. */
  private readonly similar = new Map<string, Array<[number, number]>>();
  /** Scratch space for one query, reused: a query touches few documents out of many. */
  private scratch: Scratch | null = null;

  constructor(texts: readonly IndexedText[], data?: TextIndexData) {
    const built = data ?? mergeTokenized([tokenizeTexts(texts)]);
    this.ids = built.ids;
    this.fields = built.fields;
    this.terms = built.terms;
    this.termIds = new Map(built.terms.map((term, id) => [term, id]));
  }

  /**
   * One index over texts tokenized in parts (by worker threads, each over a run of articles):
   * the same index, term for term and score for score, as one built from all the texts in order.
   */
  static fromTokenized(parts: readonly TokenizedTexts[]): TextIndex {
    return new TextIndex([], mergeTokenized(parts));
  }

  /** The index as plain data, for a snapshot. */
  toData(): TextIndexData {
    return { ids: this.ids, terms: this.terms, fields: this.fields.map((field) => ({ ...field })) };
  }

  /** An index saved with `toData`, without indexing the texts again. */
  static fromData(data: TextIndexData): TextIndex {
    return new TextIndex([], data);
  }

  /**
   * The best-matching texts, best first; `filter` keeps only the texts it accepts, given their
   * id and their position in the order they were indexed.
   */
  find(query: string, options: FindOptions = {}): IndexHit[] {
    return (options.limit ?? 10) <= 0 ? [] : this.search(query, options, false).hits;
  }

  /**
   * The best-matching texts as {@link find} finds them, and how many texts match in all (those
   * the filter accepts): a page of a long list of results, and the length of the list.
   */
  findCounted(query: string, options: FindOptions = {}): { hits: IndexHit[]; total: number } {
    return this.search(query, options, true);
  }

  private search(query: string, { limit = 10, filter }: FindOptions, count: boolean): { hits: IndexHit[]; total: number } {
    const terms = queryTerms(query);
    if (terms.length === 0) return { hits: [], total: 0 };
    const scratch = this.scratchSpace();
    try {
      const distinct = [...new Set(terms)];
      terms.forEach((term, i) => this.scoreTerm(scratch, term, distinct.indexOf(term), typoDistance(term, i, terms)));
      return scratch.best(this.ids, Math.max(0, limit), filter, count);
    } finally {
      scratch.reset();
    }
  }

  /** Adds one query term's scores: the term itself, then the words within its typo distance. */
  private scoreTerm(scratch: Scratch, term: string, termIndex: number, maxDistance: number): void {
    const exact = this.termIds.get(term);
    if (exact !== undefined) this.addPostings(scratch, exact, 1);
    if (maxDistance > 0) for (const [id, weight] of this.similarTerms(term, maxDistance)) this.addPostings(scratch, id, weight);
    scratch.endTerm(termIndex);
  }

  /** An indexed word's id, as the postings number it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /**
   * The indexed words within `maxDistance` edits of a term (itself excluded), with their ids and
   * weights, in MiniSearch's order; remembered, as the same words are typed again and again.
   */
  similarTerms(term: string, maxDistance: number): Array<[number, number]> {
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

  /**
   * The radix tree MiniSearch would hold: words inserted in the order they were first indexed,
   * so typo search visits them in the same order and scores add up in the same order.
   */
  private wordTree(): SearchableMap<number> {
    return this.tree ?? runNow(this.treeSteps());
  }

  private *treeSteps(): Steps<SearchableMap<number>> {
    const tree = new SearchableMap<number>();
    for (let id = 0; id < this.terms.length; id++) {
      tree.set(this.terms[id]!, id);
      if ((id + 1) % ITEMS_PER_STEP === 0) yield;
    }
    // A search may have built it meanwhile: the same tree.
    return (this.tree ??= tree);
  }

  /** Builds what the first typo search would otherwise build (after a snapshot load, off the critical path). */
  warm(): void {
    runNow(this.warmSteps());
  }

  /** {@link warm} in steps, for a thread that answers questions meanwhile. */
  *warmSteps(): Steps<void> {
    if (!this.tree) yield* this.treeSteps();
    if (!this.norms) yield* this.normSteps();
  }

  private addPostings(scratch: Scratch, termId: number, weight: number): void {
    const total = this.ids.length;
    const norms = this.lengthNorms();
    for (let f = 0; f < FIELDS.length; f++) {
      const { offsets, docs, freqs } = this.fields[f]!;
      const norm = norms[f]!;
      const from = offsets[termId]!;
      const to = offsets[termId + 1]!;
      const matching = to - from;
      if (matching === 0) continue;
      const boost = FIELD_BOOSTS[f]!;
      const inverse = inverseFrequency(total, matching);
      for (let p = from; p < to; p++) {
        const doc = docs[p]!;
        scratch.add(doc, weight * 1 * boost * 1 * termScore(freqs[p]!, norm[doc]!, inverse));
      }
    }
  }

  /**
   * Each document's BM25 length term per field, k·(1 − b + b·length/average): the same
   * expression as MiniSearch's, worked out once per document instead of once per posting.
   */
  lengthNorms(): Float64Array[] {
    return this.norms ?? runNow(this.normSteps());
  }

  private *normSteps(): Steps<Float64Array[]> {
    const norms = this.fields.map(({ lengths }) => new Float64Array(lengths.length));
    for (let f = 0; f < norms.length; f++) {
      const { lengths, averageLength } = this.fields[f]!;
      for (let doc = 0; doc < lengths.length; doc++) {
        norms[f]![doc] = BM25.k * (1 - BM25.b + (BM25.b * lengths[doc]!) / averageLength);
        if ((doc + 1) % (16 * ITEMS_PER_STEP) === 0) yield;
      }
    }
    return (this.norms ??= norms);
  }

  private scratchSpace(): Scratch {
    // Reentrancy (a filter that searches again) gets its own scratch space.
    const scratch = this.scratch ?? new Scratch(this.ids.length);
    this.scratch = null;
    scratch.release = () => (this.scratch = scratch);
    return scratch;
  }
}

/**
 * Texts cut into index terms, the expensive part of indexing, as plain data a worker thread can
 * hand over: each text's distinct terms (ids into `vocabulary`) with their counts.
 */
export interface TokenizedTexts {
  ids: string[];
  /** Terms in the order they first occur, text by text and field by field. */
  vocabulary: string[];
  fields: Array<{
    /** 1 where the text has the field at all. */
    present: Uint8Array;
    /** Each text's number of distinct words in the field, stop words included (as MiniSearch counts). */
    unique: Uint32Array;
    /** Text t's terms are terms[offsets[t]..offsets[t+1]), in order of first occurrence. */
    offsets: Uint32Array;
    terms: Uint32Array;
    counts: Uint32Array;
  }>;
}

/** Cuts texts into the terms the index holds; see {@link TextIndex.fromTokenized}. */
export function tokenizeTexts(texts: readonly IndexedText[]): TokenizedTexts {
  const reader = new TermReader();
  const fields = FIELDS.map((field) => ({
    field,
    present: new Uint8Array(texts.length),
    unique: new Uint32Array(texts.length),
    offsets: new Uint32Array(texts.length + 1),
    terms: [] as number[],
    counts: [] as number[],
  }));
  // A passage's context is its article's title, the same string for every sentence of the article.
  const previous = FIELDS.map(() => ({ value: undefined as string | undefined, unique: 0, terms: [] as number[], counts: [] as number[] }));
  texts.forEach((text, doc) => {
    fields.forEach((out, f) => {
      const value = text[out.field];
      if (value != null) {
        const last = previous[f]!;
        if (value !== last.value) {
          last.value = value;
          last.unique = reader.read(value, (last.terms = []), (last.counts = []));
        }
        out.present[doc] = 1;
        out.unique[doc] = last.unique;
        for (let k = 0; k < last.terms.length; k++) {
          out.terms.push(last.terms[k]!);
          out.counts.push(last.counts[k]!);
        }
      }
      out.offsets[doc + 1] = out.terms.length;
    });
  });
  return {
    ids: texts.map((text) => text.id),
    vocabulary: reader.vocabulary,
    fields: fields.map(({ present, unique, offsets, terms, counts }) => ({
      present,
      unique,
      offsets,
      terms: Uint32Array.from(terms),
      counts: Uint32Array.from(counts),
    })),
  };
}

/**
 * Reads texts into term ids, working out each distinct word as written once (its folded word,
 * and its term: stemmed, or none for a stop word): texts repeat the same few thousand words.
 */
class TermReader {
  /** Terms in order of first occurrence. */
  readonly vocabulary: string[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly wordIds = new Map<string, number>();
  /** Each word as written to [folded word id or -1, term id or -1]. */
  private readonly written = new Map<string, readonly [number, number]>();
  private wordSeen = new Uint32Array(1024);
  private termSeen = new Uint32Array(1024);
  /** Where a term seen in the current text stands in its `terms`. */
  private termAt = new Uint32Array(1024);
  private stamp = 0;

  /**
   * Adds a text's distinct terms (in order of first occurrence) and their counts to `terms` and
   * `counts`; returns its number of distinct words, stop words included.
   */
  read(text: string, terms: number[], counts: number[]): number {
    this.stamp++;
    let unique = 0;
    for (const raw of rawWords(text)) {
      const [word, term] = this.written.get(raw) ?? this.learn(raw);
      if (word < 0) continue;
      if (this.wordSeen[word] !== this.stamp) {
        this.wordSeen[word] = this.stamp;
        unique++;
      }
      if (term < 0) continue;
      if (this.termSeen[term] !== this.stamp) {
        this.termSeen[term] = this.stamp;
        this.termAt[term] = terms.length;
        terms.push(term);
        counts.push(1);
      } else counts[this.termAt[term]!]!++;
    }
    return unique;
  }

  private learn(raw: string): readonly [number, number] {
    const folded = foldWord(raw);
    let entry: readonly [number, number] = [-1, -1];
    if (folded) {
      let word = this.wordIds.get(folded);
      if (word === undefined) this.wordIds.set(folded, (word = this.wordIds.size));
      const processed = processTerm(folded);
      let term = -1;
      if (processed) {
        const known = this.termIds.get(processed);
        term = known ?? this.vocabulary.length;
        if (known === undefined) {
          this.termIds.set(processed, term);
          this.vocabulary.push(processed);
        }
      }
      entry = [word, term];
      this.wordSeen = grown(this.wordSeen, word);
      this.termSeen = grown(this.termSeen, term);
      this.termAt = grown(this.termAt, term);
    }
    this.written.set(raw, entry);
    return entry;
  }
}

/** The array, or a copy twice as large when `index` is beyond it. */
function grown(array: Uint32Array<ArrayBuffer>, index: number): Uint32Array<ArrayBuffer> {
  if (index < array.length) return array;
  const larger = new Uint32Array(Math.max(array.length * 2, index + 1));
  larger.set(array);
  return larger;
}

/**
 * Joins tokenized parts into the postings: term ids in order of first occurrence over all the
 * texts, each term's texts in order, and MiniSearch's running average of field lengths.
 */
function mergeTokenized(parts: readonly TokenizedTexts[]): TextIndexData {
  const ids = parts.flatMap((part) => part.ids);
  // Term ids in the order one pass over all the texts would give.
  const { words: terms, ids: globalIds } = mergeVocabularies(parts.map((part) => part.vocabulary));
  const fields = FIELDS.map((_, f) => {
    const offsets = new Uint32Array(terms.length + 1);
    parts.forEach((part, p) => {
      const map = globalIds[p]!;
      for (const local of part.fields[f]!.terms) offsets[map[local]! + 1]!++;
    });
    for (let t = 0; t < terms.length; t++) offsets[t + 1]! += offsets[t]!;
    const docs = new Uint32Array(offsets[terms.length]!);
    const freqs = new Uint32Array(offsets[terms.length]!);
    const cursor = offsets.slice(0, terms.length);
    const lengths = new Uint32Array(ids.length);
    let averageLength = 0;
    let base = 0;
    parts.forEach((part, p) => {
      const map = globalIds[p]!;
      const field = part.fields[f]!;
      for (let d = 0; d < part.ids.length; d++) {
        const doc = base + d;
        if (field.present[d]) {
          lengths[doc] = field.unique[d]!;
          // MiniSearch's running average, computed the same way so scores agree to the last bit.
          averageLength = (averageLength * doc + field.unique[d]!) / (doc + 1);
        }
        for (let k = field.offsets[d]!; k < field.offsets[d + 1]!; k++) {
          const at = cursor[map[field.terms[k]!]!]!++;
          docs[at] = doc;
          freqs[at] = field.counts[k]!;
        }
      }
      base += part.ids.length;
    });
    return { offsets, docs, freqs, lengths, averageLength };
  });
  return { ids, terms, fields };
}

/**
 * One query's running scores. MiniSearch sums each query term's scores on their own, then adds
 * them to the total term by term, in the order documents were first matched; so does this.
 */
class Scratch {
  private readonly termScore: Float64Array;
  private readonly total: Float64Array;
  /** Which distinct query terms matched each document (bits), for the quality factor. */
  private readonly matched: Uint32Array;
  private readonly extraMatched = new Map<number, Set<number>>();
  /**
   * Stamps instead of flags: a document is in the current term (or query) when its stamp is the
   * current one, so nothing needs clearing between terms or queries, however many were touched.
   */
  private readonly termMark: Uint32Array;
  private readonly totalMark: Uint32Array;
  private termStamp = 1;
  private queryStamp = 1;
  private termDocs: number[] = [];
  private totalDocs: number[] = [];
  release: () => void = () => {};

  constructor(size: number) {
    this.termScore = new Float64Array(size);
    this.total = new Float64Array(size);
    this.matched = new Uint32Array(size);
    this.termMark = new Uint32Array(size);
    this.totalMark = new Uint32Array(size);
  }

  add(doc: number, score: number): void {
    if (this.termMark[doc] === this.termStamp) this.termScore[doc] = this.termScore[doc]! + score;
    else {
      this.termMark[doc] = this.termStamp;
      this.termScore[doc] = score;
      this.termDocs.push(doc);
    }
  }

  endTerm(termIndex: number): void {
    for (const doc of this.termDocs) {
      if (this.totalMark[doc] === this.queryStamp) this.total[doc] = this.total[doc]! + this.termScore[doc]!;
      else {
        this.totalMark[doc] = this.queryStamp;
        this.total[doc] = this.termScore[doc]!;
        this.matched[doc] = 0;
        this.totalDocs.push(doc);
      }
      if (termIndex < 32) this.matched[doc]! |= 1 << termIndex;
      else {
        const extra = this.extraMatched.get(doc) ?? new Set<number>();
        extra.add(termIndex);
        this.extraMatched.set(doc, extra);
      }
    }
    this.termDocs = [];
    this.termStamp = this.next(this.termStamp, this.termMark);
  }

  /** The stamp after `stamp`; on wrapping around, every old stamp is cleared first. */
  private next(stamp: number, marks: Uint32Array): number {
    if (stamp < 0xffffffff) return stamp + 1;
    marks.fill(0);
    return 1;
  }

  /**
   * The `limit` best documents, by score, ties in the order they were first matched; with
   * `count`, also how many the filter accepts in all (otherwise `total` counts only those kept).
   */
  best(ids: readonly string[], limit: number, filter: ((id: string, at: number) => boolean) | undefined, count: boolean): { hits: IndexHit[]; total: number } {
    const heap = new BoundedHeap(limit);
    let total = 0;
    this.totalDocs.forEach((doc, order) => {
      const quality = popcount(this.matched[doc]!) + (this.extraMatched.get(doc)?.size ?? 0) || 1;
      const score = this.total[doc]! * quality;
      // Without a count, the filter is asked only about documents that would be kept.
      if (!count && !heap.admits(score, order)) return;
      if (filter && !filter(ids[doc]!, doc)) return;
      total++;
      if (heap.admits(score, order)) heap.push(score, order, doc);
    });
    const hits = heap.sorted().map(({ score, doc }) => ({ id: ids[doc]!, score }));
    return { hits, total: count ? total : hits.length };
  }

  reset(): void {
    this.termDocs = [];
    this.totalDocs = [];
    this.extraMatched.clear();
    this.termStamp = this.next(this.termStamp, this.termMark);
    this.queryStamp = this.next(this.queryStamp, this.totalMark);
    this.release();
  }
}

/** How many bits of a 32-bit mask are set: the distinct query words a document matched. */
export function popcount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

