/**
 * Reading the clause around a speech verb from word tokens: finite or not, passive or not,
 * where a clause starts, and whether a name can stand as its subject.
 */

import type { Mention } from "./actors";
import type { Token } from "./tokens";
import { BETWEEN_SUBJECT_AND_VERB, PASSIVE_AUXILIARIES, PREPOSITIONS, ROLE_NOUNS, SPEAKING_INSTITUTIONS, SPEECH_VERBS } from "./words";

/** Determiners that introduce someone new: "a senior official", "one protester". */
export const INDEFINITES = new Set(["a", "an", "one", "another", "some", "two", "several", "many"]);

/** Words that open a clause, so a subject is looked for after them. */
export const CLAUSE_OPENERS = new Set(["while", "whereas", "but", "and", "that", "which", "who", "what", "although", "though", "as", "when", "after", "before", "because"]);

/** Indexes of the tokens outside quotes whose start lies in [from, to). */
export function unquoted(tokens: Token[], from: number, to: number): number[] {
  const result: number[] = [];
  tokens.forEach((t, i) => {
    if (!t.quoted && t.start >= from && t.start < to) result.push(i);
  });
  return result;
}

/** A speech verb with its own subject: not a participle (`noting`), not an infinitive (`to say`). */
export function isFiniteSpeechVerb(tokens: Token[], v: number): boolean {
  const token = tokens[v]!;
  if (token.quoted || !SPEECH_VERBS.has(token.lower) || (token.cap && v > 0)) return false;
  if (token.lower.endsWith("ing")) return false;
  return tokens[v - 1]?.lower !== "to" && !isPassive(tokens, v);
}

/** Whether a word can open a noun phrase that names a speaker: a determiner, a possessive, a capital, a role. */
export function opensNounPhrase(token: Token): boolean {
  return (
    token.cap ||
    token.possessive ||
    INDEFINITES.has(token.lower) ||
    ["the", "his", "her", "their", "its", "our"].includes(token.lower) ||
    ROLE_NOUNS.has(token.lower) ||
    SPEAKING_INSTITUTIONS.has(token.lower)
  );
}

/**
 * Whether the words after a quote look like an attribution, resolved or not: a finite speech
 * verb, or a short clause with a subject (`, the crowd roared.`). Then the quote is not a
 * continuation of the previous speaker.
 */
export function looksLikeAttribution(tokens: Token[], post: number[]): boolean {
  if (hasSpeechVerb(tokens, post)) return true;
  const first = post[0];
  return first !== undefined && post.length <= 6 && opensNounPhrase(tokens[first]!) && !BETWEEN_SUBJECT_AND_VERB.has(tokens[first]!.lower);
}

/** Whether any of the tokens at `indexes` is a finite speech verb. */
export function hasSpeechVerb(tokens: Token[], indexes: number[]): boolean {
  return indexes.some((i) => isFiniteSpeechVerb(tokens, i));
}

/** `and said "…"`, `but also said "…"`: a verb coordinated with an earlier one shares its subject. */
export function startsCoordinate(tokens: Token[], v: number): boolean {
  // Adverbs may stand between: `but also said`.
  let k = v - 1;
  while (k > 0 && BETWEEN_SUBJECT_AND_VERB.has(tokens[k]!.lower) && tokens[k]!.after === "" && !tokens[k]!.quoted) k--;
  const before = tokens[k];
  return Boolean(before && ["and", "but", "or"].includes(before.lower) && !before.quoted && before.after === "");
}

/** `was told`, `has been called`: the subject receives the words, it does not say them. */
export function isPassive(tokens: Token[], v: number): boolean {
  const before = tokens[v - 1]?.lower ?? "";
  return PASSIVE_AUXILIARIES.has(before) || (BETWEEN_SUBJECT_AND_VERB.has(before) && PASSIVE_AUXILIARIES.has(tokens[v - 2]?.lower ?? ""));
}

/** Auxiliaries and modals: a name after one of them in its clause is not the clause's subject. */
export const AUXILIARIES = new Set([...PASSIVE_AUXILIARIES, "has", "have", "had", "will", "would", "can", "could", "did", "does", "do", "may", "might", "must", "should", "shall"]);

/**
 * Whether a mention can be its clause's subject: not a possessive, not after a preposition,
 * and no verb before it in its clause (`X was greeted by the First Lady, Y`), which ends at a
 * comma or a clause word.
 */
export function isSubjectLike(tokens: Token[], mention: Pick<Mention, "first" | "possessive">): boolean {
  if (mention.possessive || afterPreposition(tokens, mention.first)) return false;
  for (let k = mention.first - 1; k >= 0 && tokens[k]!.after === "" && !tokens[k]!.quoted; k--) {
    const word = tokens[k]!.lower;
    // A subordinating word starts the name's own clause: `and when Mrs. Thatcher was asked`;
    // "and" may join names instead (`greeted by the President and the First Lady`).
    if (CLAUSE_OPENERS.has(word) && word !== "and" && word !== "but") break;
    if (AUXILIARIES.has(word) || SPEECH_VERBS.has(word) || (/[a-z]ed$/.test(word) && !tokens[k]!.cap)) return false;
  }
  return true;
}

/** Whether the token at `k` follows a preposition, so it cannot be a subject: "in a statement". */
export function afterPreposition(tokens: Token[], k: number): boolean {
  let j = k - 1;
  while (j >= 0 && ["the", "a", "an"].includes(tokens[j]!.lower) && tokens[j]!.after === "") j--;
  const before = tokens[j];
  return Boolean(before && before.after === "" && PREPOSITIONS.has(before.lower));
}

/** The first token of the clause that ends at `k`: after a comma, a clause word, or `floor`. */
export function clauseStart(tokens: Token[], k: number, floor: number): number {
  let s = k;
  while (s > floor && !tokens[s - 1]!.quoted && tokens[s - 1]!.after === "" && !CLAUSE_OPENERS.has(tokens[s - 1]!.lower) && !SPEECH_VERBS.has(tokens[s - 1]!.lower)) s--;
  return s;
}

/** The end of a role phrase that starts at `at`: before a verb or a second preposition phrase. */
export function roleEnd(tokens: Token[], at: number, end: number): number {
  let k = at;
  while (k < end && !SPEECH_VERBS.has(tokens[k + 1]!.lower)) k++;
  return k;
}
