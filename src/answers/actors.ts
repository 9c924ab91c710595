import { blocOf, partyTerms, resolveParty } from "../attribution/lexicon";
import type { Actor } from "../attribution/types";
import SearchableMap from "minisearch/SearchableMap";
import { foldText, sameWord, stem, STOP_WORDS, typoAllowance, words } from "../index/normalize";
import { ITEMS_PER_STEP, runNow, type Steps } from "../steps";
import type { Library } from "./library";
import { foldingTexts, type MentionTexts } from "./mentions";

/** An actor a user asked about, and for a party the people and bodies that speak for it. */
export interface ResolvedActor {
  /** Names what was resolved: the same key, the same actor, members and names. */
  key: string;
  actor: Actor;
  members: Actor[];
  /** Finds sentences that name the actor or, for a party, any name that stands for it or its members. */
  mentionedIn: TermMatcher;
}

/** A whole-word test for names, with the names it looks for (to find candidates in an index first). */
export interface TermMatcher {
  (text: string): boolean;
  /** Names matched in their own case only (US, UK, EU). */
  readonly acronyms: readonly string[];
  /** Names matched folded, as folded. */
  readonly words: readonly string[];
}

const PRONOUNS = new Set(["he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "we", "i", "you"]);

/**
 * Resolves what a user typed to an actor of the corpus: a person or body by any of its aliases
 * (full name, surname, title and surname, typos aside), or a party by any name that stands
 * for it (Moscow and the Kremlin for Russia). Null when the corpus does not know it.
 */
export function resolveActor(library: Library, asked: string): ResolvedActor | null {
  const folded = withoutArticle(foldText(asked.trim()));
  if (!folded) return null;
  const exact = lookupOf(library).byAlias.get(folded) ?? [];
  const person = exact.find((actor) => actor.kind === "person");
  if (person) return single(person);
  // Places and institutions that stand for a party resolve to it: the Kremlin and Moscow to Russia.
  const party = exact.find((actor) => actor.kind === "party")?.name ?? resolveParty(asked);
  if (party) return partyOf(library, party);
  if (exact[0]) return single(exact[0]);
  const fuzzy = firstAliasMatching(lookupOf(library), contentWords(asked));
  return fuzzy ? single(fuzzy) : null;
}

/**
 * The actor (not a party) of the first alias, in library order, of which each asked word matches
 * a word, typos allowed. The alias words that can match are found in a word tree (typos) and by
 * stem (endings), so only the aliases holding them are considered.
 */
export function firstAliasMatching(lookup: ActorLookup, askedWords: readonly string[]): Actor | null {
  if (askedWords.length === 0) return null;
  let common: Set<number> | null = null;
  for (const word of askedWords) {
    const holding = new Set<number>();
    for (const other of similarWords(lookup, word)) for (const at of lookup.aliasesWithWord.get(other) ?? []) if (!common || common.has(at)) holding.add(at);
    common = holding;
    if (common.size === 0) return null;
  }
  let first = Number.POSITIVE_INFINITY;
  for (const at of common!) first = Math.min(first, at);
  return lookup.aliasWords[first]!.actor;
}

/** The alias words that are the same word as `word` (sameWord): equal, same stem, or a typo away. */
function similarWords(lookup: ActorLookup, word: string): string[] {
  const found = new Set<string>();
  if (lookup.aliasesWithWord.has(word)) found.add(word);
  for (const other of lookup.wordsByStem.get(stem(word)) ?? []) found.add(other);
  const allowance = typoAllowance(word);
  // A typo with letters swapped is one edit to sameWord and two to the tree's plain edit distance.
  if (allowance > 0) for (const [other] of lookup.wordTree.fuzzyGet(word, 2 * allowance)) found.add(other);
  return [...found].filter((other) => sameWord(word, other));
}

/** What resolving a name needs from a library, worked out once per library: its actors by folded alias, and each alias's words. */
interface ActorLookup {
  byAlias: ReadonlyMap<string, readonly Actor[]>;
  /** Every alias of every actor, in library order. */
  aliasWords: ReadonlyArray<{ actor: Actor; words: readonly string[] }>;
  /** For each word of an alias of an actor that is not a party: those aliases (positions in `aliasWords`). */
  aliasesWithWord: ReadonlyMap<string, readonly number[]>;
  wordTree: SearchableMap<true>;
  wordsByStem: ReadonlyMap<string, readonly string[]>;
}

const lookups = new WeakMap<Library, ActorLookup>();

/** The library's actor lookup, built on first use (the engine builds it up front). */
export function lookupOf(library: Library): ActorLookup {
  return lookups.get(library) ?? runNow(lookupSteps(library));
}

/** Builds a library's actor lookup in steps (see {@link lookupOf}), and keeps it. */
export function* lookupSteps(library: Library): Steps<ActorLookup> {
  const known = lookups.get(library);
  if (known) return known;
  const byAlias = new Map<string, Actor[]>();
  const aliasWords: Array<{ actor: Actor; words: string[] }> = [];
  for (const actor of library.actors) {
    for (const alias of new Set(actor.aliases)) {
      const key = withoutArticle(foldText(alias));
      const list = byAlias.get(key);
      if (!list) byAlias.set(key, [actor]);
      else if (list.at(-1) !== actor) list.push(actor);
      aliasWords.push({ actor, words: words(alias) });
      if (aliasWords.length % ITEMS_PER_STEP === 0) yield;
    }
  }
  yield;
  const aliasesWithWord = new Map<string, number[]>();
  aliasWords.forEach(({ actor, words }, at) => {
    if (actor.kind === "party") return;
    for (const word of words) {
      const list = aliasesWithWord.get(word);
      if (!list) aliasesWithWord.set(word, [at]);
      else if (list.at(-1) !== at) list.push(at);
    }
  });
  yield;
  const wordTree = new SearchableMap<true>();
  const wordsByStem = new Map<string, string[]>();
  let n = 0;
  for (const word of aliasesWithWord.keys()) {
    wordTree.set(word, true);
    const list = wordsByStem.get(stem(word));
    if (list) list.push(word);
    else wordsByStem.set(stem(word), [word]);
    if (++n % ITEMS_PER_STEP === 0) yield;
  }
  // A question may have built it meanwhile: keep the first.
  const lookup = lookups.get(library) ?? { byAlias, aliasWords, aliasesWithWord, wordTree, wordsByStem };
  lookups.set(library, lookup);
  return lookup;
}

function single(actor: Actor): ResolvedActor {
  return { key: `actor:${actor.name}`, actor, members: [], mentionedIn: termMatcher(namesOf([actor])) };
}

const parties = new WeakMap<Library, Map<string, ResolvedActor | null>>();

/**
 * A party with its members and every name that stands for it, worked out once per library:
 * a country of a large corpus has thousands of members and names. However it was asked for
 * (Russia, Moscow, the Kremlin), a party is the library's actor of that name when there is one.
 */
export function partyOf(library: Library, party: string): ResolvedActor | null {
  let known = parties.get(library);
  if (!known) parties.set(library, (known = new Map()));
  let resolved = known.get(party);
  if (resolved === undefined) known.set(party, (resolved = partyWithMembers(library, party)));
  return resolved;
}

function partyWithMembers(library: Library, party: string): ResolvedActor | null {
  const members = library.actors.filter(
    (actor) => actor.kind !== "party" && actor.party !== undefined && (actor.party === party || blocOf(actor.party) === party),
  );
  const own = library.actorByName.get(party);
  const actor: Actor = own?.kind === "party" ? own : { name: party, kind: "party", aliases: [party, ...partyTerms(party)] };
  const resolved = { key: `party:${party}`, actor, members, mentionedIn: termMatcher([...namesOf([actor]), ...partyTerms(party), ...namesOf(members)]) };
  return members.length > 0 || mentioningPassages(library, resolved).length > 0 ? resolved : null;
}

/**
 * The parties a corpus knows, by name: those its people and bodies belong to, the blocs of
 * those, and the parties that speak as themselves. Their mentions are worth finding once, when
 * the engine is built: each is named in thousands of passages, under thousands of names.
 */
export function knownParties(library: Library): string[] {
  const names = new Set<string>();
  for (const actor of library.actors) {
    if (actor.kind === "party") names.add(actor.name);
    else if (actor.party !== undefined) {
      names.add(actor.party);
      const bloc = blocOf(actor.party);
      if (bloc) names.add(bloc);
    }
  }
  return [...names];
}

/** The names an actor goes by, without pronouns or a leading "the". */
function namesOf(actors: readonly Actor[]): string[] {
  return actors
    .flatMap((actor) => actor.aliases.concat(actor.name))
    .map((alias) => alias.trim().replace(/^the\s+/i, ""))
    .filter((alias) => alias.length > 1 && !PRONOUNS.has(alias.toLowerCase()));
}

/**
 * Builds a test for whole-word mentions of any of the terms. Acronyms (US, UK, EU) match in their
 * own case only, so that "us" the pronoun is not the United States; other terms match folded.
 */
export function termMatcher(terms: readonly string[]): TermMatcher {
  const acronyms = [...new Set(terms.filter((term) => /^(?:\p{Lu}\.?){2,}$/u.test(term)))];
  const words = [...new Set(terms.filter((term) => !acronyms.includes(term)).map(foldText))];
  const pattern = (list: string[]) =>
    list.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "u");
  // Built on the first test: answers look names up in the mention index, and rarely test a text.
  let patterns: { acronyms: RegExp | null; words: RegExp | null } | undefined;
  const test = (text: string) => {
    patterns ??= { acronyms: pattern(acronyms), words: pattern(words) };
    return Boolean(patterns.acronyms?.test(text) || patterns.words?.test(foldText(text)));
  };
  return Object.assign(test, { acronyms, words });
}

/**
 * The passages, in corpus order, that name a resolved actor (exactly those its matcher accepts):
 * a known party's as found when the engine was built, others' through the mention index rather
 * than by testing every passage.
 */
export function mentioningPassages(library: Library, resolved: ResolvedActor, texts?: MentionTexts): ArrayLike<number> {
  const known = library.partyMentions.get(resolved.key);
  if (known) return known;
  const { words, acronyms } = resolved.mentionedIn;
  return library.mentions.mentioning(texts ?? passageTexts(library), words, acronyms);
}

/** The passages' texts for the mention index to read, each folded at most once while the result is kept. */
export function passageTexts(library: Library): MentionTexts {
  const { passages } = library;
  return foldingTexts(passages.length, (at) => passages[at]!.text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The content words typed; an alias matches when each of them matches one of its words, typos allowed. */
function contentWords(asked: string): string[] {
  return words(asked).filter((w) => !STOP_WORDS.has(w));
}

function withoutArticle(folded: string): string {
  return folded.replace(/^the\s+/, "").trim();
}
