import type { Actor, Quote } from "../attribution/types";
import type { Article } from "../corpus/article";
import { lowerBound } from "../index/sorted";
import type { TextIndex } from "../index/text-index";
import type { Passage } from "../passages/passages";
import type { MentionIndex } from "./mentions";
import type { ArticleRef, CitedPassage } from "./types";

/**
 * Everything the answers read, built once from the articles and never changed afterwards:
 * a refresh builds a new library and swaps it in whole.
 */
export interface Library {
  articles: ReadonlyMap<string, Article>;
  /** All passages in corpus order (articles by id, then paragraph, then sentence). */
  passages: readonly Passage[];
  passageById: ReadonlyMap<string, Passage>;
  /** Each passage's position in `passages`, to find its neighbours. */
  passageOrder: ReadonlyMap<string, number>;
  quotes: readonly Quote[];
  quoteById: ReadonlyMap<string, Quote>;
  /** Each speaker's quotes, as positions in `quotes` in corpus order. */
  quotesBySpeaker: ReadonlyMap<string, readonly number[]>;
  /** Which passages (by position in `passages`) hold which words, to find names without a full scan. */
  mentions: MentionIndex;
  /** The passages (by position, ascending) that name each known party, by its resolved key (`party:Russia`). */
  partyMentions: ReadonlyMap<string, Uint32Array>;
  /** For each passage (by position), 1 when it holds a word of stance (said, wants, rejects…). */
  stance: Uint8Array;
  /** Article ids in corpus order, and where each article's passages start and end in `passages`. */
  docIds: readonly string[];
  docRanges: ReadonlyMap<string, readonly [number, number]>;
  /** People, bodies and roles, merged across articles by name. */
  actors: readonly Actor[];
  actorByName: ReadonlyMap<string, Actor>;
  passageIndex: TextIndex;
  quoteIndex: TextIndex;
}

/** The article reference that every citation carries. */
export function articleRef(article: Article): ArticleRef {
  const { id: doc, title, url, source, published, license } = article;
  // Built key by key (not through Object.entries): a position answer cites thousands of passages.
  const ref: Record<string, string> = { doc, title };
  if (url !== undefined) ref.url = url;
  if (source !== undefined) ref.source = source;
  if (published !== undefined) ref.published = published;
  if (license !== undefined) ref.license = license;
  return ref as unknown as ArticleRef;
}

/** A passage with what it takes to cite it. */
export function cite(library: Library, passage: Passage): CitedPassage {
  const article = library.articles.get(passage.doc);
  if (!article) throw new Error(`passage ${passage.id} belongs to no loaded article`);
  return {
    citation: passage.id,
    paragraph: passage.paragraph,
    sentence: passage.sentence,
    text: passage.text,
    article: articleRef(article),
  };
}

/** The other sentences of a passage's paragraph, in order. */
export function paragraphOf(library: Library, passage: Passage): Passage[] {
  const at = library.passageOrder.get(passage.id) ?? 0;
  const sameParagraph = (other: Passage | undefined): other is Passage =>
    other !== undefined && other.doc === passage.doc && other.paragraph === passage.paragraph;
  const result: Passage[] = [];
  for (let i = at - passage.sentence + 1; sameParagraph(library.passages[i]); i++) result.push(library.passages[i]!);
  return result;
}

/** An article's passages in order, found by position rather than by reading every passage. */
export function passagesOf(library: Library, doc: string): readonly Passage[] {
  const range = library.docRanges.get(doc);
  return range ? library.passages.slice(range[0], range[1]) : [];
}

/**
 * The first `limit` passages, in corpus order, whose citation id starts with `prefix`. Articles
 * are in id order, so the articles whose id starts with the prefix are found by binary search.
 */
export function passagesWithPrefix(library: Library, prefix: string, limit: number): Passage[] {
  const found: Passage[] = [];
  if (limit <= 0) return found;
  const colon = prefix.indexOf(":");
  const docPrefix = colon >= 0 ? prefix.slice(0, colon) : prefix;
  const ids = library.docIds;
  for (let d = lowerBound(0, ids.length, (at) => ids[at]! < docPrefix); d < ids.length && ids[d]!.startsWith(docPrefix); d++) {
    if (colon >= 0 && ids[d] !== docPrefix) continue;
    for (const passage of passagesOf(library, ids[d]!)) {
      if (!passage.id.startsWith(prefix)) continue;
      found.push(passage);
      if (found.length >= limit) return found;
    }
  }
  return found;
}

/**
 * Where a citation id stands in `passages`, found from the id itself: the article's range by
 * its id, then a binary search on (paragraph, sentence). Saves two maps of every passage, which
 * a snapshot of a large corpus would otherwise rebuild before it can answer.
 */
function positionOf(passages: readonly Passage[], docRanges: ReadonlyMap<string, readonly [number, number]>, id: string): number | undefined {
  const colon = id.lastIndexOf(":");
  if (colon < 0) return undefined;
  const range = docRanges.get(id.slice(0, colon));
  const parts = /^(\d+)\.(\d+)$/.exec(id.slice(colon + 1));
  if (!range || !parts) return undefined;
  const paragraph = Number(parts[1]);
  const sentence = Number(parts[2]);
  const low = lowerBound(range[0], range[1], (at) => {
    const passage = passages[at]!;
    return passage.paragraph < paragraph || (passage.paragraph === paragraph && passage.sentence < sentence);
  });
  return low < range[1] && passages[low]!.id === id ? low : undefined;
}

/** A read-only map over the passages whose lookups need no map of their own; iterating builds one. */
abstract class PassageView<V> implements ReadonlyMap<string, V> {
  private built: Map<string, V> | null = null;

  constructor(
    protected readonly passages: readonly Passage[],
    private readonly docRanges: ReadonlyMap<string, readonly [number, number]>,
  ) {}

  protected abstract valueAt(at: number): V;

  get(id: string): V | undefined {
    const at = positionOf(this.passages, this.docRanges, id);
    return at === undefined ? undefined : this.valueAt(at);
  }

  has(id: string): boolean {
    return positionOf(this.passages, this.docRanges, id) !== undefined;
  }

  get size(): number {
    return this.passages.length;
  }

  private map(): Map<string, V> {
    return (this.built ??= new Map(this.passages.map((passage, at) => [passage.id, this.valueAt(at)])));
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    this.map().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): MapIterator<[string, V]> {
    return this.map().entries();
  }

  keys(): MapIterator<string> {
    return this.map().keys();
  }

  values(): MapIterator<V> {
    return this.map().values();
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.map()[Symbol.iterator]();
  }
}

class PassagesById extends PassageView<Passage> {
  protected valueAt(at: number): Passage {
    return this.passages[at]!;
  }
}

class PassageOrder extends PassageView<number> {
  protected valueAt(at: number): number {
    return at;
  }
}

/**
 * The passages by citation id and each one's position. Views when every article id is free of
 * ":" (as corpus ids always are), plain maps otherwise.
 */
export function passageLookups(
  passages: readonly Passage[],
  docRanges: ReadonlyMap<string, readonly [number, number]>,
): { passageById: ReadonlyMap<string, Passage>; passageOrder: ReadonlyMap<string, number> } {
  if ([...docRanges.keys()].some((doc) => doc.includes(":"))) {
    return {
      passageById: new Map(passages.map((passage) => [passage.id, passage])),
      passageOrder: new Map(passages.map((passage, at) => [passage.id, at])),
    };
  }
  return { passageById: new PassagesById(passages, docRanges), passageOrder: new PassageOrder(passages, docRanges) };
}
