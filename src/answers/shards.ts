import { analyzeArticle } from "../attribution/analyze";
import type { Actor, Quote } from "../attribution/types";
import type { Article } from "../corpus/article";
import { TextIndex, tokenizeTexts, type TokenizedTexts } from "../index/text-index";
import { type Passage, toPassages } from "../passages/passages";
import type { EngineParts } from "./engine";
import { MentionIndex, mentionRuns, type MentionRuns } from "./mentions";
import { stanceFlags } from "./position";

/**
 * What a run of consecutive articles contributes to an engine: everything that needs reading
 * the text (sentences, attribution, index terms), as plain data, so that worker threads can
 * each read a run and the engine is assembled from the runs in order.
 */
export interface Shard {
  passages: Passage[];
  quotes: Quote[];
  /** Each article's actors, in article order. */
  actors: Actor[][];
  stance: Uint8Array;
  passageTerms: TokenizedTexts;
  quoteTerms: TokenizedTexts;
  mentions: MentionRuns;
}

/** Reads a run of articles (in corpus order) into a shard. */
export function analyzeShard(articles: readonly Article[]): Shard {
  const passages: Passage[] = [];
  const quotes: Quote[] = [];
  const actors: Actor[][] = [];
  const contexts: { id: string; text: string; context: string }[] = [];
  for (const article of articles) {
    const own = toPassages(article);
    const analysis = analyzeArticle(article, own);
    for (const passage of own) {
      passages.push(passage);
      // The article's title counts for its sentences too, for less (one string: tokenized once).
      contexts.push({ id: passage.id, text: passage.text, context: article.title });
    }
    quotes.push(...analysis.quotes);
    actors.push(analysis.actors);
  }
  const passageTerms = tokenizeTexts(contexts);
  return {
    passages,
    quotes,
    actors,
    stance: stanceFlags(passageTerms),
    passageTerms,
    quoteTerms: tokenizeTexts(quotes.map((quote) => ({ id: quote.id, text: quote.text }))),
    mentions: mentionRuns(passages.map((passage) => passage.text)),
  };
}

/**
 * The engine's parts from the shards of `articles` (sorted by id, split into consecutive runs,
 * shards in the same order): the same parts, to the bit, as one shard of all the articles.
 */
export function assembleParts(articles: readonly Article[], shards: readonly Shard[]): EngineParts {
  const actorByName = new Map<string, Actor>();
  for (const shard of shards) {
    for (const own of shard.actors) for (const actor of own) actorByName.set(actor.name, mergeActors(actorByName.get(actor.name), actor));
  }
  const stance = new Uint8Array(shards.reduce((sum, shard) => sum + shard.stance.length, 0));
  let at = 0;
  for (const shard of shards) {
    stance.set(shard.stance, at);
    at += shard.stance.length;
  }
  return {
    articles,
    passages: shards.flatMap((shard) => shard.passages),
    quotes: shards.flatMap((shard) => shard.quotes),
    actors: [...actorByName.values()],
    passageIndex: TextIndex.fromTokenized(shards.map((shard) => shard.passageTerms)),
    quoteIndex: TextIndex.fromTokenized(shards.map((shard) => shard.quoteTerms)),
    mentions: MentionIndex.fromRuns(shards.map((shard) => shard.mentions)),
    stance,
  };
}

/** The same person in two articles: one actor with every alias. */
function mergeActors(known: Actor | undefined, next: Actor): Actor {
  if (!known) return next;
  return {
    ...next,
    ...known,
    party: known.party ?? next.party,
    title: known.title ?? next.title,
    aliases: [...new Set([...known.aliases, ...next.aliases])],
  };
}
