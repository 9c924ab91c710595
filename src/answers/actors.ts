import { blocOf, partyTerms, resolveParty } from "../attribution/lexicon";
import type { Actor } from "../attribution/types";
import { foldText, sameWord, STOP_WORDS, wordTokens } from "../index/normalize";
import type { Library } from "./library";

/** An actor a user asked about, and for a party the people and bodies that speak for it. */
export interface ResolvedActor {
  actor: Actor;
  members: Actor[];
  /** Finds sentences that name the actor or, for a party, any name that stands for it or its members. */
  mentionedIn: (text: string) => boolean;
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
  const exact = library.actors.filter((actor) => actor.aliases.some((alias) => withoutArticle(foldText(alias)) === folded));
  const person = exact.find((actor) => actor.kind === "person");
  if (person) return single(person);
  // Places and institutions that stand for a party resolve to it: the Kremlin and Moscow to Russia.
  const party = exact.find((actor) => actor.kind === "party")?.name ?? resolveParty(asked);
  if (party) return partyOf(library, party, exact.find((actor) => actor.kind === "party"));
  if (exact[0]) return single(exact[0]);
  const fuzzy = library.actors.find((actor) => actor.kind !== "party" && actor.aliases.some((alias) => wordsMatch(asked, alias)));
  return fuzzy ? single(fuzzy) : null;
}

function single(actor: Actor): ResolvedActor {
  return { actor, members: [], mentionedIn: termMatcher(namesOf([actor])) };
}

function partyOf(library: Library, party: string, partyActor: Actor | undefined): ResolvedActor | null {
  const members = library.actors.filter(
    (actor) => actor.kind !== "party" && actor.party !== undefined && (actor.party === party || blocOf(actor.party) === party),
  );
  const actor: Actor = partyActor ?? { name: party, kind: "party", aliases: [party, ...partyTerms(party)] };
  const mentionedIn = termMatcher([...namesOf([actor]), ...partyTerms(party), ...namesOf(members)]);
  const known = members.length > 0 || library.passages.some((passage) => mentionedIn(passage.text));
  return known ? { actor, members, mentionedIn } : null;
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
export function termMatcher(terms: readonly string[]): (text: string) => boolean {
  const acronyms = [...new Set(terms.filter((term) => /^(?:\p{Lu}\.?){2,}$/u.test(term)))];
  const words = [...new Set(terms.filter((term) => !acronyms.includes(term)).map(foldText))];
  const pattern = (list: string[], flags: string) =>
    list.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, flags);
  const acronymPattern = pattern(acronyms, "u");
  const wordPattern = pattern(words, "u");
  return (text) => Boolean(acronymPattern?.test(text) || wordPattern?.test(foldText(text)));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every content word typed matches a word of the alias, typos allowed. */
function wordsMatch(asked: string, alias: string): boolean {
  const askedWords = wordTokens(asked).map((t) => t.word).filter((w) => !STOP_WORDS.has(w));
  const aliasWords = wordTokens(alias).map((t) => t.word);
  return askedWords.length > 0 && askedWords.every((word) => aliasWords.some((other) => sameWord(word, other)));
}

function withoutArticle(folded: string): string {
  return folded.replace(/^the\s+/, "").trim();
}
