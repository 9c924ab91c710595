/**
 * Attribution for one article: every direct quotation with its speaker, and the actors the
 * article names.
 *
 * Names are recognized with hand-written rules (capitalization, a table of titles and role
 * nouns, party terms from the lexicon, appositions, speech verbs next to a name) rather than an
 * NLP library. compromise (which ships its English model in its npm package) was tried on the
 * evaluation articles: it found the Anglo names but missed most others (Andrii Sybhia, Najib
 * Razak, Fuad Basya, Hamdullah Mohib, Rodaba Noori, Beata Szydło, Ehud Olmert), and news
 * speakers are mostly introduced with a title or a speech verb, which the rules read directly.
 */

import type { Article } from "../corpus/article";
import type { Passage } from "../passages/passages";
import { ActorRegistry, addAlias, type Mention } from "./actors";
import { type NameRun, readNameRuns } from "./names";
import { Attributor, type Sentence } from "./attribute";
import { hedgesOf } from "./hedges";
import { clipToSentence, findQuoteSpans, type QuoteSpan } from "./quotes";
import { tokenize } from "./tokens";
import type { Actor, ArticleAnalysis, Quote } from "./types";
import { NAMING_VERBS } from "./words";
import { type SentenceSpan, splitSentences } from "../passages/sentences";

/**
 * Finds the direct quotations of an article and attributes each to its speaker.
 * @param article the article the passages come from
 * @param passages that article's passages from toPassages(article), in order
 */
export function analyzeArticle(article: Article, passages: Passage[]): ArticleAnalysis {
  const registry = new ActorRegistry();
  const paragraphs = new ParagraphReader(article);
  const sentences = passages.map((passage) => readSentence(paragraphs, passage));
  // Recognize every name first, so a later full name ("Abdelbaset al-Megrahi") also covers earlier short forms.
  const runs = sentences.map(({ sentence }) => readNameRuns(sentence.tokens, sentence.text));
  for (const sentenceRuns of runs) for (const run of sentenceRuns) registry.register(run);
  registry.inheritPossessorParties();
  sentences.forEach(({ sentence }, s) => findMentions(sentence, runs[s]!, registry));
  inferParties(sentences.map(({ sentence }) => sentence));

  const attributor = new Attributor(registry);
  const quotes: Quote[] = [];
  for (const { passage, sentence } of sentences) {
    const attributions = attributor.attributeSentence(sentence);
    let count = 0;
    sentence.quotes.forEach((span, n) => {
      const found = attributions[n]!;
      if (isNameNotSpeech(sentence, span, found.actor !== null)) return;
      count++;
      const quote: Quote = {
        id: `${passage.id}#${count}`,
        doc: passage.doc,
        passage: passage.id,
        text: passage.text.slice(span.start, span.end),
        start: span.start,
        end: span.end,
        speaker: found.actor?.name ?? null,
      };
      const hedge = found.actor ? hedgesOf(sentence, found.actor) : undefined;
      if (hedge) quote.hedge = hedge;
      if (found.method) quote.method = found.method;
      quotes.push(quote);
    });
  }
  return { actors: registry.actors, quotes };
}

/** Tokenizes a passage and finds its quotes, read from the whole paragraph so unbalanced marks still work. */
function readSentence(paragraphs: ParagraphReader, passage: Passage): { passage: Passage; sentence: Sentence } {
  const paragraph = paragraphs.read(passage.paragraph) ?? readParagraph(passage.text);
  const span = paragraph.sentences[passage.sentence - 1];
  // Where the sentence starts in its paragraph; -1 if the paragraph does not hold it verbatim.
  const offset = span && span.text === passage.text ? span.start : paragraph.text.indexOf(passage.text);
  const quotes: QuoteSpan[] = offset < 0 ? findQuoteSpans(passage.text) : clipToSentence(paragraph.quotes, passage.text, offset);
  const sentence: Sentence = { text: passage.text, paragraph: passage.paragraph, tokens: tokenize(passage.text, quotes), quotes, mentions: [], strangers: [], speakers: [] };
  return { passage, sentence };
}

/** A paragraph with its sentences and its quotes. */
interface ReadParagraph {
  text: string;
  sentences: readonly SentenceSpan[];
  quotes: QuoteSpan[];
}

function readParagraph(text: string): ReadParagraph {
  return { text, sentences: splitSentences(text), quotes: findQuoteSpans(text) };
}

/** An article's paragraphs read once for all their sentences (passages come in paragraph order). */
class ParagraphReader {
  private number = 0;
  private last: ReadParagraph | undefined;

  constructor(private readonly article: Article) {}

  /** The paragraph numbered from 1, or undefined when the article has no such paragraph. */
  read(number: number): ReadParagraph | undefined {
    if (this.number !== number) {
      const text = this.article.paragraphs[number - 1];
      this.number = number;
      this.last = text === undefined ? undefined : readParagraph(text);
    }
    return this.last;
  }
}

/** Fills in the known actors a sentence mentions, adding the forms it uses as aliases, and the names no actor has. */
function findMentions(sentence: Sentence, runs: readonly NameRun[], registry: ActorRegistry): void {
  const mentions: Mention[] = [];
  for (const run of runs) {
    const actor = registry.lookup(run) ?? (run.kind === "party" ? registry.register(run) : undefined);
    if (!actor) {
      // A full name (two words or more) that no actor has: someone the article did not mark as a speaker.
      if (run.kind === "unknown" && run.last > run.nameFirst) sentence.strangers.push({ first: run.nameFirst, last: run.last });
      continue;
    }
    registry.upgradeName(actor, run);
    if (actor.kind !== "party") addAlias(actor, sentence.text.slice(sentence.tokens[run.first]!.start, sentence.tokens[run.last]!.end));
    mentions.push({ actor, first: run.first, last: run.last, possessive: run.possessive });
  }
  sentence.mentions = mentions;
}

/**
 * Gives a titled person the article names without a party the party its paragraph is about:
 * `Ukrainian leadership maintains …. Foreign Minister Andrii Sybhia accused …` -> Ukraine.
 * The party must open a sentence of the paragraph, at or before the person's first mention.
 */
function inferParties(sentences: Sentence[]): void {
  const seen = new Set<Actor>();
  sentences.forEach((sentence, s) => {
    for (const mention of sentence.mentions) {
      const actor = mention.actor;
      if (seen.has(actor)) continue;
      seen.add(actor);
      if (actor.kind !== "person" || actor.party || !actor.title) continue;
      for (let p = s; p >= 0 && sentences[p]!.paragraph === sentence.paragraph; p--) {
        const opening = sentences[p]!.mentions.find((m) => m.first === 0 && m.actor.kind === "party");
        if (opening) {
          actor.party = opening.actor.name;
          break;
        }
      }
    }
  });
}

/** Verbs that make a sentence-opening quote the subject being defined, not speech. */
const COPULAS = new Set(["is", "was", "are", "were", "means"]);

/** Words a title leaves lowercase: "Mother Goose and Grimm", "Better Idea of Afghan Girls". */
const MINOR_WORDS = new Set(["a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "de", "la", "du"]);

/**
 * Names and terms in quotation marks, not speech: anything right after a naming verb (`named
 * their robot "Robogee"`), a capitalized name after "the" (`the "Refuge" shelter`), a term its
 * sentence defines (`"Friends" is another name for…`), and, inside a sentence with nobody saying
 * it, a short phrase (`granted "parole" status`) or a capitalized title (`a recent "Mother Goose
 * and Grimm" comic`).
 */
function isNameNotSpeech(sentence: Sentence, span: QuoteSpan, attributed: boolean): boolean {
  const before = sentence.tokens.filter((t) => t.end <= span.outerStart).at(-1);
  if (before && !before.quoted && NAMING_VERBS.has(before.lower)) return true;
  const words = sentence.text.slice(span.start, span.end).split(/\s+/);
  // A capitalized name after an article, even in an attributed sentence: `Spokesperson of the "Refuge" Dimitri Verdonck said`.
  if (before?.lower === "the" && !before.quoted && words.length <= 3 && words.every((w) => /^\p{Lu}/u.test(w))) return true;
  // A term the sentence goes on to define: `"Friends" is another name for the Quakers`.
  const after = sentence.tokens.find((t) => t.start >= span.outerEnd);
  const closesOnly = after && /^["'”’»\s]*$/u.test(sentence.text.slice(span.end, after.start)) && !/[,.!?]$/.test(words.at(-1) ?? "");
  if (span.outerStart === 0 && after && COPULAS.has(after.lower) && closesOnly) return true;
  if (attributed || span.outerStart === 0) return false;
  // A quote opening its sentence is speech even when short and unattributed: `"We are shocked," the family said`.
  return words.length <= 3 || (words.length <= 8 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || MINOR_WORDS.has(w)));
}
