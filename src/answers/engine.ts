import type { Actor, Quote } from "../attribution/types";
import type { Article } from "../corpus/article";
import { loadCorpus } from "../corpus/load";
import type { CorpusFileError } from "../corpus/parse";
import type { TextIndex } from "../index/text-index";
import type { Passage } from "../passages/passages";
import { ITEMS_PER_STEP, runNow, runSliced, type Steps } from "../steps";
import { ask } from "./ask";
import { complete, completionLists, completionSteps, type CompletionList } from "./complete";
import { knownParties, lookupSteps, mentioningPassages, partyOf, passageTexts } from "./actors";
import type { MentionIndex } from "./mentions";
import { analyzeInWorkers, defaultBuildThreads } from "./parallel";
import { analyzeShard, assembleParts } from "./shards";
import { type Library, passageLookups } from "./library";
import { position } from "./position";
import { quotes } from "./quotes";
import { source } from "./source";
import type { AskAnswer, Page, PositionAnswer, QuotesAnswer, SourceAnswer, WhoSaidAnswer } from "./types";
import { whoSaid } from "./who-said";

/** What an engine is built from; everything else it holds is derived from these. */
export interface EngineParts {
  /** In id order. */
  articles: readonly Article[];
  /** In corpus order. */
  passages: readonly Passage[];
  quotes: readonly Quote[];
  actors: readonly Actor[];
  passageIndex: TextIndex;
  quoteIndex: TextIndex;
  mentions: MentionIndex;
  /** Which passages report a stance (see `stanceFlags`). */
  stance: Uint8Array;
  /**
   * The passages that name each known party: found when an engine is first built from its
   * articles (the parts do not hold them yet), then saved and read back with the snapshot.
   */
  partyMentions?: PartyMentionsData;
}

/** Each known party's mentions in compressed-row form: party k's passages are positions[offsets[k]..offsets[k+1]). */
export interface PartyMentionsData {
  keys: string[];
  offsets: Uint32Array;
  positions: Uint32Array;
}

/**
 * When an engine builds what answers would otherwise build on first use: now (the default),
 * later (in slices between the first questions), or never (an engine only saved, by a worker).
 */
export interface WarmOptions {
  warm?: "now" | "later" | "never";
}

/** Counts that describe a loaded corpus. */
export interface EngineStats {
  articles: number;
  passages: number;
  quotes: number;
  speakers: number;
}

/**
 * The answering engine: built once from a set of articles, then read-only. Every method turns
 * validated input into a structured answer; nothing here knows how the answer will be shown.
 */
export class Engine {
  /** The background warm-up under way, or done. */
  private warming: Promise<void> = Promise.resolve();

  private constructor(private readonly library: Library) {}

  /** Builds the engine on this thread: passages, quotes and speakers, and the search indexes. */
  static fromArticles(articles: readonly Article[], options: WarmOptions = {}): Engine {
    const sorted = sortById(articles);
    return Engine.fromParts(assembleParts(sorted, [analyzeShard(sorted)]), options);
  }

  /**
   * Builds the same engine as {@link Engine.fromArticles}, reading the articles on worker
   * threads (one per core by default) when the corpus is large enough to gain from it.
   */
  static async build(articles: readonly Article[], options: { threads?: number } = {}): Promise<Engine> {
    const sorted = sortById(articles);
    const shards = await analyzeInWorkers(sorted, options.threads ?? defaultBuildThreads());
    return Engine.fromParts(assembleParts(sorted, shards));
  }

  /**
   * The engine over parts built before (read back from a snapshot): the lookups are derived
   * from them here, the same way for a fresh build and for a snapshot. The lookups answers
   * build on first use are built now, or, after a snapshot load, to be ready sooner, in slices
   * between the first questions (a question before then builds what it needs); the common
   * words' scores for autocomplete follow in slices either way (see {@link warmedUp}).
   */
  static fromParts(parts: EngineParts, options: WarmOptions = {}): Engine {
    const engine = runNow(Engine.assemble(parts));
    if (options.warm === "never") return engine;
    if (options.warm !== "later") runNow(engine.lookupSteps());
    engine.warmLater();
    return engine;
  }

  /** Settles once the engine has warmed up in the background (after a build or a start from a snapshot). */
  warmedUp(): Promise<void> {
    return this.warming;
  }

  /** {@link fromParts} in steps, without warming, for a thread that answers questions meanwhile. */
  static *assemble(parts: EngineParts): Steps<Engine> {
    const { articles, passages, quotes: quoteList, actors } = parts;
    const quotesBySpeaker = new Map<string, number[]>();
    const quoteById = new Map<string, Quote>();
    for (let at = 0; at < quoteList.length; at++) {
      const quote = quoteList[at]!;
      quoteById.set(quote.id, quote);
      if (quote.speaker) {
        const bySpeaker = quotesBySpeaker.get(quote.speaker);
        if (bySpeaker) bySpeaker.push(at);
        else quotesBySpeaker.set(quote.speaker, [at]);
      }
      if ((at + 1) % ITEMS_PER_STEP === 0) yield;
    }
    const docRanges = new Map<string, [number, number]>();
    for (let at = 0; at < passages.length; at++) {
      const doc = passages[at]!.doc;
      const range = docRanges.get(doc);
      if (range) range[1] = at + 1;
      else docRanges.set(doc, [at, at + 1]);
      if ((at + 1) % (4 * ITEMS_PER_STEP) === 0) yield;
    }
    const engine = new Engine({
      articles: new Map(articles.map((article) => [article.id, article])),
      passages,
      ...passageLookups(passages, docRanges),
      quotes: quoteList,
      quoteById,
      quotesBySpeaker,
      mentions: parts.mentions,
      partyMentions: parts.partyMentions ? partyMentionsFrom(parts.partyMentions) : new Map(),
      stance: parts.stance,
      docIds: [...docRanges.keys()],
      docRanges,
      actors,
      actorByName: new Map(actors.map((actor) => [actor.name, actor])),
      passageIndex: parts.passageIndex,
      quoteIndex: parts.quoteIndex,
    });
    yield;
    if (!parts.partyMentions) yield* findPartyMentions(engine.library);
    return engine;
  }

  /**
   * Builds, in steps, what answers would otherwise build on first use (see {@link lookupSteps}),
   * then the common words' scores for autocomplete.
   */
  *warmSteps(): Steps<void> {
    yield* this.lookupSteps();
    yield* completionLists(this.library).passages.rememberCommonWords();
  }

  /** The actor lookup, the completion lists and the indexes' word trees, in steps. */
  private *lookupSteps(): Steps<void> {
    const { library } = this;
    yield* lookupSteps(library);
    yield* completionSteps(library);
    yield* library.passageIndex.warmSteps();
    yield* library.quoteIndex.warmSteps();
    library.mentions.warm();
  }

  /** Warms the engine in slices between the questions that reach it meanwhile (see {@link warmSteps}). */
  warmLater(): void {
    this.warming = runSliced(this.warmSteps()).catch((error: Error) => process.emitWarning(`the engine could not warm up: ${error.message}`));
  }

  /** What a snapshot saves: the parts the engine was built from, and the mentions of its parties. */
  parts(): EngineParts {
    const { articles, passages, quotes, actors, passageIndex, quoteIndex, mentions, stance, partyMentions } = this.library;
    const keys = [...partyMentions.keys()];
    const lists = [...partyMentions.values()];
    const offsets = new Uint32Array(keys.length + 1);
    lists.forEach((list, k) => (offsets[k + 1] = offsets[k]! + list.length));
    const positions = new Uint32Array(offsets[keys.length]!);
    lists.forEach((list, k) => positions.set(list, offsets[k]!));
    return { articles: [...articles.values()], passages, quotes, actors, passageIndex, quoteIndex, mentions, stance, partyMentions: { keys, offsets, positions } };
  }

  /** The loaded articles, by id. */
  get articles(): readonly Article[] {
    return [...this.library.articles.values()];
  }

  /** The sentences that best answer a question, best first. */
  ask(question: string): AskAnswer {
    return ask(this.library, question);
  }

  /** Who said these words, with the article's exact words and what differs; no match when it is not in the corpus. */
  whoSaid(words: string): WhoSaidAnswer {
    return whoSaid(this.library, words);
  }

  /** What a person or party says or wants, on a topic when one is given: one page of it, and how much there is. */
  position(actor: string, topic?: string, page?: Page): PositionAnswer {
    return position(this.library, actor, topic, page);
  }

  /** Every quote by speaker, or one speaker's. */
  quotes(speaker?: string): QuotesAnswer {
    return quotes(this.library, speaker);
  }

  /** A cited passage with the sentences around it. */
  source(citation: string): SourceAnswer {
    return source(this.library, citation);
  }

  /** Suggestions from the corpus's own lists for what a user is typing. */
  complete(list: CompletionList, typed: string, limit = 25): string[] {
    return complete(this.library, list, typed, limit);
  }

  /** How much the corpus holds. */
  stats(): EngineStats {
    const speakers = new Set(this.library.quotes.flatMap((quote) => (quote.speaker ? [quote.speaker] : [])));
    return {
      articles: this.library.articles.size,
      passages: this.library.passages.length,
      quotes: this.library.quotes.length,
      speakers: speakers.size,
    };
  }
}

/** The saved mentions of the parties, by key. */
function partyMentionsFrom({ keys, offsets, positions }: PartyMentionsData): Map<string, Uint32Array> {
  return new Map(keys.map((key, k) => [key, positions.subarray(offsets[k]!, offsets[k + 1]!)]));
}

/**
 * Finds, once, the passages that name each party the corpus knows, into the library's
 * `partyMentions`: a party of a large corpus is named in tens of thousands of passages under
 * thousands of names, which would take a question a tenth of a second or more to find.
 */
function* findPartyMentions(library: Library): Steps<void> {
  const found = library.partyMentions as Map<string, Uint32Array>;
  // Parties share many names' candidate passages: each passage is folded once for them all.
  const texts = passageTexts(library);
  for (const name of knownParties(library)) {
    const party = partyOf(library, name);
    if (party && !found.has(party.key)) found.set(party.key, Uint32Array.from(mentioningPassages(library, party, texts)));
    yield;
  }
}

/** Articles in id order: the corpus order of passages and citations. */
function sortById(articles: readonly Article[]): Article[] {
  return [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Loads a corpus folder and builds the engine over the files that are valid;
 * the rejected files come back with their reasons. (With a snapshot: `engineForFolder`.)
 * @throws Error when the folder cannot be read
 */
export async function loadEngine(dir: string): Promise<{ engine: Engine; rejected: CorpusFileError[] }> {
  const corpus = await loadCorpus(dir);
  return { engine: await Engine.build(corpus.articles), rejected: corpus.rejected };
}
