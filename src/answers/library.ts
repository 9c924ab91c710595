import type { Actor, Quote } from "../attribution/types";
import type { Article } from "../corpus/article";
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
  quotesByPassage: ReadonlyMap<string, readonly Quote[]>;
  /** Each speaker's quotes, as positions in `quotes` in corpus order. */
  quotesBySpeaker: ReadonlyMap<string, readonly number[]>;
  /** Which passages (by position in `passages`) hold which words, to find names without a full scan. */
  mentions: MentionIndex;
  /** People, bodies and roles, merged across articles by name. */
  actors: readonly Actor[];
  actorByName: ReadonlyMap<string, Actor>;
  passageIndex: TextIndex;
  quoteIndex: TextIndex;
}

/** The article reference that every citation carries. */
export function articleRef(article: Article): ArticleRef {
  const { id: doc, title, url, source, published, license } = article;
  return Object.fromEntries(
    Object.entries({ doc, title, url, source, published, license }).filter(([, value]) => value !== undefined),
  ) as unknown as ArticleRef;
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
