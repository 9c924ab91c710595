/**
 * Reading names in a sentence: each capitalized run as a party, an institution or a person,
 * with the title, affiliation and party the sentence gives around it ("German Chancellor
 * Friedrich Merz", "Jeff Rathke, the State Department Spokesperson,", "Putin’s adviser").
 * Capitalization alone does not make a person: a title, a role in apposition or a speech verb
 * next to the name does.
 */

import { isSeatOfGovernment, mayStartPartyTerm, resolveParty } from "./lexicon";
import type { Token } from "./tokens";
import {
  BETWEEN_SUBJECT_AND_VERB,
  INSTITUTION_WORDS,
  NOT_NAME_WORDS,
  PASSIVE_AUXILIARIES,
  ROLE_NOUNS,
  SPEECH_VERBS,
  TITLE_CONNECTORS,
  TITLE_MODIFIERS,
  TITLE_WORDS,
} from "./words";

/** A capitalized name in a sentence, read with the title and affiliation around it. */
export interface NameRun {
  kind: "person" | "organization" | "party" | "unknown";
  /** The name itself: "Vladimir Putin", "Korean Central News Agency", "Russia". */
  name: string;
  /** Token range of the whole mention, title included, and of the name alone. */
  first: number;
  last: number;
  nameFirst: number;
  title?: string;
  /** The title stands before the name ("President Putin"), so title + surname is a form of the name. */
  titleBefore?: boolean;
  party?: string;
  /** A person named by possessive before the title: `Putin’s adviser` -> "Putin". */
  possessor?: string;
  /** An acronym given in brackets after an institution's name. */
  acronym?: string;
  /** Some context marks the run as a person: a title, a role in apposition, a speech verb. */
  personSignal: boolean;
  possessive: boolean;
}

/** Titles that are part of how a person is named: "Pope Francis", "Prince Harry", "Sheikh Hasina". */
const NAME_TITLES = new Set(["pope", "prince", "princess", "king", "queen", "sheikh", "sheikha", "emir", "sultan", "ayatollah", "emperor", "empress", "cardinal", "archbishop", "rabbi", "imam", "sir", "dame", "lord", "lady"]);

/** Name particles that may stand lowercase inside a name: "Osama bin Laden", "Vincent van Gogh". */
const PARTICLES = new Set(["bin", "ibn", "de", "van", "von", "der", "da", "di", "du", "le", "la", "al", "el", "dos", "del"]);

/** Institution nouns that a name in apposition stands for: "the state news agency, Petra,". */
const APPOSED_INSTITUTIONS = new Set(["agency", "newspaper", "broadcaster", "channel", "network", "group", "company", "firm", "organisation", "organization", "party", "charity", "magazine", "website", "union"]);

/** Lowercase institution heads that make an organization of the capitalized words before them: "Yonhap news agency". */
const LOWERCASE_INSTITUTION = /^(?:(?:news|press) )?(?:agency|military|navy|army|government|ministry|police|parliament|embassy|coast guard|foreign ministry|defence ministry|defense ministry|(?:city |town |county )?council)$/;

/** Reads every capitalized run of a sentence's unquoted tokens as a name with its title and party. */
export function readNameRuns(tokens: Token[], text: string): NameRun[] {
  const runs: NameRun[] = [];
  const partyAt = partySpans(tokens);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.cap || tokens[i]!.quoted) continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j]!.after === "" && !tokens[j]!.possessive && !tokens[j + 1]!.quoted) {
      const next = tokens[j + 1]!;
      if (next.cap) j++;
      else {
        // "von der Leyen", "bin Laden": lowercase particles between capitalized words.
        let k = j + 1;
        while (k < j + 3 && PARTICLES.has(tokens[k]?.lower ?? "") && tokens[k]!.after === "") k++;
        if (k === j + 1 || !tokens[k]?.cap || tokens[k]!.quoted) break;
        j = k;
      }
    }
    const run = readRun(tokens, text, i, j, partyAt);
    if (run) runs.push(run);
    // An institution name may run on past the capitals: "Brady Campaign and Center to Prevent Gun Violence".
    i = Math.max(j, run?.last ?? j);
  }
  return runs;
}

/** For each token inside a multi-word or single party term ("United States", "Russian"), the party and the term's first token. */
function partySpans(tokens: Token[]): ({ party: string; first: number; last: number } | undefined)[] {
  const spans: ({ party: string; first: number; last: number } | undefined)[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]!.cap || tokens[i]!.lower === "the" || !mayStartPartyTerm(tokens[i]!.text)) continue;
    for (let len = 4; len >= 1; len--) {
      const slice = tokens.slice(i, i + len);
      if (slice.length < len || slice.slice(0, -1).some((t) => t.after !== "" || t.possessive)) continue;
      const party = resolveParty(slice.map((t) => t.text).join(" "));
      if (!party) continue;
      for (let k = i; k < i + len; k++) spans[k] = { party, first: i, last: i + len - 1 };
      i += len - 1;
      break;
    }
  }
  return spans;
}

/** Reads the capitalized run of tokens `i`..`j` as a party, an institution or a possible person. */
function readRun(tokens: Token[], text: string, i: number, j: number, partyAt: ReturnType<typeof partySpans>): NameRun | null {
  let first = i;
  while (first <= j && (NOT_NAME_WORDS.has(tokens[first]!.lower) || TITLE_MODIFIERS.has(tokens[first]!.lower))) first++;
  if (first > j) return null;
  // A sentence opening with a participle ("Countering claims…", "Asked about…") is not a name.
  if (first === 0 && first === j && /(?:ing|ed)$/.test(tokens[0]!.lower)) return null;
  const possessive = tokens[j]!.possessive;

  const institution = headsPerson(tokens, first, j) ? null : readInstitution(tokens, text, first, j, partyAt);
  if (institution) return institution;
  // "the human rights organization Amnesty International", "the newspaper Der Spiegel".
  const before = tokens[first - 1];
  // In apposition too: "Jordan's state news agency, Petra, identified".
  const apposed = before?.after === "," && tokens[j]!.after === "," && APPOSED_INSTITUTIONS.has(before.lower);
  if (before && !before.cap && (before.after === "" || apposed) && isInstitutionWord(before) && first === i) {
    const run: NameRun = { kind: "organization", name: textOf(tokens, text, first, j), first, last: j, nameFirst: first, personSignal: false, possessive };
    const party = resolveParty(run.name);
    if (party) run.party = party;
    return run;
  }

  // Strip the title and party words at the head of the run: what is left is the name.
  let nameFirst = first;
  // "Iraqi Armed Forces Hussein Rashid Mohammed": the name follows the institution.
  if (headsPerson(tokens, first, j)) {
    while (!isInstitutionWord(tokens[nameFirst]!) || tokens.slice(nameFirst + 1, j + 1).some(isInstitutionWord)) nameFirst++;
    nameFirst++;
  }
  while (nameFirst <= j && (isTitleToken(tokens[nameFirst]!) || partyAt[nameFirst] || isAffiliation(tokens, nameFirst, j) || TITLE_CONNECTORS.has(tokens[nameFirst]!.lower))) {
    nameFirst = partyAt[nameFirst] ? partyAt[nameFirst]!.last + 1 : nameFirst + 1;
  }
  // "Lebanese Information Minister Tarek Mitri": the name follows the run's last title word.
  for (let k = j - 1; k > nameFirst; k--) {
    if (isTitleToken(tokens[k]!) && !NAME_TITLES.has(tokens[k]!.lower)) {
      nameFirst = k + 1;
      break;
    }
  }
  if (nameFirst > j) {
    const whole = partyAt[first];
    if (whole && whole.first === first && whole.last === j) {
      const term = textOf(tokens, text, first, j);
      // "the Kremlin said": a seat of government speaks as itself, for its party.
      if (isSeatOfGovernment(term)) return { kind: "organization", name: term, party: whole.party, first, last: j, nameFirst: first, personSignal: false, possessive };
      return { kind: "party", name: whole.party, first, last: j, nameFirst: first, personSignal: false, possessive };
    }
    return null;
  }
  // A name is more than function words: "One" of "Air Force One" is not a person.
  if (tokens.slice(nameFirst, j + 1).every((t) => NOT_NAME_WORDS.has(t.lower))) return null;
  // Royal and religious titles belong to the name: "Pope Francis", "Prince Harry"; they mark a
  // person too. Not after another title word: "First Lady Nancy Reagan" is titled, not a lady.
  const titledName = nameFirst;
  while (nameFirst > first && NAME_TITLES.has(tokens[nameFirst - 1]!.lower) && !TITLE_WORDS.has(tokens[nameFirst - 2]?.lower ?? "")) nameFirst--;
  const name = textOf(tokens, text, nameFirst, j);
  const prefix = readTitle(tokens, text, nameFirst, partyAt);
  const apposition = prefix.title ? null : readApposition(tokens, text, j, partyAt);
  const title = prefix.title ?? apposition?.title ?? openingTitle(tokens, text, nameFirst);
  const run: NameRun = {
    kind: "unknown",
    name,
    // "Senate Majority Leader Harry Reid": the institution heading the run is part of the mention.
    first: headsPerson(tokens, first, j) ? Math.min(first, prefix.first) : prefix.first,
    last: j,
    nameFirst,
    personSignal: Boolean(title) || nameFirst < titledName || nextToSpeechVerb(tokens, prefix.first, j),
    possessive,
  };
  if (title) run.title = title;
  if (prefix.title) run.titleBefore = true;
  const party = prefix.party ?? apposition?.party;
  if (party) run.party = party;
  const possessor = prefix.possessor ?? apposition?.possessor;
  if (possessor) run.possessor = possessor;
  if (partyAt[nameFirst]?.last === j) run.kind = "party";
  else if (/^\p{Lu}{2,6}$/u.test(name)) run.kind = "organization";
  return run;
}

/** An institution run: one with an institution head word, or a capitalized word before a lowercase one ("Yonhap news agency"). */
function readInstitution(tokens: Token[], text: string, first: number, j: number, partyAt: ReturnType<typeof partySpans>): NameRun | null {
  let last = -1;
  for (let k = first; k <= j; k++) if (isInstitutionWord(tokens[k]!)) last = k;
  if (last < 0) {
    // A lowercase head after the run: "Yonhap news agency", "the Indonesian military".
    for (const len of [3, 2, 1]) {
      const tail = tokens.slice(j + 1, j + 1 + len);
      if (tail.length === len && tokens[j]!.after === "" && tail.slice(0, -1).every((t) => t.after === "") && !tail.some((t) => t.cap || t.quoted)) {
        if (LOWERCASE_INSTITUTION.test(tail.map((t) => t.lower).join(" "))) {
          last = j + len;
          break;
        }
      }
    }
    if (last < 0) return null;
  } else {
    // "Center for Strategic and International Studies": connectors joining more capitalized words.
    let k = last;
    while (k + 2 < tokens.length && tokens[k]!.after === "" && TITLE_CONNECTORS.has(tokens[k + 1]!.lower) && tokens[k + 1]!.after === "") {
      let m = k + 2;
      if (tokens[m]!.lower === "the" && tokens[m]!.after === "") m++;
      if (!tokens[m]?.cap || tokens[m]!.quoted) break;
      while (tokens[m + 1]?.cap && tokens[m]!.after === "" && !tokens[m + 1]!.quoted) m++;
      k = m;
    }
    last = k;
  }
  const name = textOf(tokens, text, first, last);
  const run: NameRun = { kind: "organization", name, first, last, nameFirst: first, personSignal: false, possessive: tokens[last]!.possessive };
  const party = resolveParty(name) ?? partyAt[first]?.party;
  if (party) run.party = party;
  const acronym = /^\(\s*(\p{Lu}{2,8})\s*\)/u.exec(tokens[last]!.after + (tokens[last + 1]?.text ?? "") + (tokens[last + 1]?.after ?? ""));
  if (acronym) run.acronym = acronym[1];
  return run;
}

/**
 * Whether a run that holds an institution word goes on to a person's name: "Police Chief Ana
 * Ruiz" is a person with a title, "State Department Spokesperson" an institution and a role.
 */
function headsPerson(tokens: Token[], first: number, j: number): boolean {
  let last = -1;
  for (let k = first; k <= j; k++) if (isInstitutionWord(tokens[k]!)) last = k;
  return last >= 0 && last < j && tokens.slice(last + 1, j + 1).some((t) => !isTitleToken(t) && !isInstitutionWord(t));
}

/** An acronym standing for an organization before a title: "UN Secretary-General", "NATO chief". */
function isAffiliation(tokens: Token[], k: number, j: number): boolean {
  return k < j && /^\p{Lu}{2,6}$/u.test(tokens[k]!.text) && isTitleToken(tokens[k + 1]!);
}

/** A token that can be part of a title: "Foreign", "Minister", "general". */
function isTitleToken(token: Token): boolean {
  if (/^\p{Lu}{3,}$/u.test(token.text)) return false; // an acronym such as FIRST is a name
  if (token.lower === "first" && !token.cap) return false; // "the first FIRST Global competition"
  // Role nouns stand as titles before a name too: "farmer Ali Hassan", "team member Rodaba Noori".
  // Capitalized only because it opens the sentence: "Passenger Derek Pettaway told…".
  // A plural names a group, not one person's title: "One of the study's authors, Professor Elio Riboli".
  const plural = /(?:[^s]s|men|people|children)$/.test(token.lower);
  return TITLE_WORDS.has(token.lower) || TITLE_MODIFIERS.has(token.lower) || ((!token.cap || token.start === 0) && ROLE_NOUNS.has(token.lower) && !plural);
}

/** An institution head word, singular or plural: "Agency", "Departments". */
function isInstitutionWord(token: Token): boolean {
  return INSTITUTION_WORDS.has(token.lower) || INSTITUTION_WORDS.has(token.lower.replace(/s$/, ""));
}

/**
 * Reads the title before a name, across capitalized and lowercase title words, party terms,
 * and one comma after a title ("Malaysia's Prime Minister, Najib Razak").
 */
function readTitle(tokens: Token[], text: string, nameFirst: number, partyAt: ReturnType<typeof partySpans>): { first: number; title?: string; party?: string; possessor?: string } {
  // A name right after "of" or "to" completes a title (First Minister of Scotland), it does not bear one.
  if (TITLE_CONNECTORS.has(tokens[nameFirst - 1]?.lower ?? "")) return { first: nameFirst };
  let k = nameFirst - 1;
  let commaCrossed = false;
  let possessor: string | undefined;
  while (k >= 0 && !tokens[k]!.quoted) {
    const token = tokens[k]!;
    if (token.after !== "") {
      if (token.after !== "," || commaCrossed || !isTitleToken(token) || TITLE_CONNECTORS.has(token.lower)) break;
      commaCrossed = true;
    }
    if (token.possessive && !partyAt[k]) {
      possessor = textOf(tokens, text, capitalStart(tokens, k), k);
      break;
    }
    if (partyAt[k]) {
      k = partyAt[k]!.first - 1;
      continue;
    }
    // "Information Minister": a capitalized word naming the portfolio before a capitalized title.
    const portfolio = token.cap && !token.possessive && k + 1 < nameFirst && tokens[k + 1]!.cap && isTitleToken(tokens[k + 1]!);
    // "and" joins two people ("the President and the First Lady, Carla Bruni-Sarkozy"), not title words.
    if ((!isTitleToken(token) && !TITLE_CONNECTORS.has(token.lower) && !portfolio) || token.lower === "and") break;
    // A connector continues a title only after a capitalized title word ("Secretary of State"),
    // not after a common noun ("critics of U.S. President Donald Trump").
    if (TITLE_CONNECTORS.has(token.lower) && !connectsTitle(tokens, k)) break;
    k--;
  }
  let first = k + 1;
  while (first < nameFirst && (TITLE_CONNECTORS.has(tokens[first]!.lower) || TITLE_MODIFIERS.has(tokens[first]!.lower))) first++;
  let head = firstIndex(first, nameFirst, (m) => isTitleToken(tokens[m]!) && !TITLE_MODIFIERS.has(tokens[m]!.lower) && !partyAt[m] && !TITLE_CONNECTORS.has(tokens[m]!.lower));
  if (head < 0) return { first: nameFirst };
  if (head > first && tokens[head - 1]!.cap && !partyAt[head - 1] && !tokens[head - 1]!.possessive && tokens[head]!.cap) head--; // the portfolio
  const result: { first: number; title?: string; party?: string; possessor?: string } = { first, title: textOf(tokens, text, head, lastTitleToken(tokens, head, nameFirst, partyAt)) };
  const party = firstIndex(first, head, (m) => Boolean(partyAt[m]));
  if (party >= 0) result.party = partyAt[party]!.party;
  if (possessor) {
    result.first = capitalStart(tokens, k);
    result.possessor = possessor;
  }
  return result;
}

/** Whether the connector at `k` follows a capitalized title word, skipping an article: "Ambassador to the". */
function connectsTitle(tokens: Token[], k: number): boolean {
  let j = k - 1;
  while (j >= 0 && TITLE_CONNECTORS.has(tokens[j]!.lower) && tokens[j]!.after === "") j--;
  const before = tokens[j];
  return Boolean(before && before.cap && before.after === "" && isTitleToken(before));
}

/** The last token of a title that ends before a name, leaving out a trailing comma's connectors. */
function lastTitleToken(tokens: Token[], head: number, nameFirst: number, partyAt: ReturnType<typeof partySpans>): number {
  let end = nameFirst - 1;
  while (end > head && (TITLE_CONNECTORS.has(tokens[end]!.lower) || (partyAt[end] && !TITLE_CONNECTORS.has(tokens[partyAt[end]!.first - 1]?.lower ?? "") && tokens[partyAt[end]!.first - 1]?.lower !== "the"))) {
    end = partyAt[end] ? partyAt[end]!.first - 1 : end - 1;
  }
  return end;
}

/**
 * A title phrase opening the sentence, then a comma and the name: "Vice President of Taxpayers
 * for Common Sense, Steve Ellis, offered". It holds a title word and a connector to its institution.
 */
function openingTitle(tokens: Token[], text: string, nameFirst: number): string | undefined {
  const comma = nameFirst - 1;
  if (comma < 1 || comma > 10 || tokens[comma]!.after !== ",") return undefined;
  const phrase = tokens.slice(0, comma + 1);
  if (phrase.slice(0, -1).some((t) => t.after !== "" || t.quoted) || !phrase[0]!.cap || !isTitleToken(phrase[0]!)) return undefined;
  return phrase.some((t) => ["of", "for", "to"].includes(t.lower)) ? textOf(tokens, text, 0, comma) : undefined;
}

/** The role in apposition after a name: "Jeff Rathke, the State Department Spokesperson,". */
function readApposition(tokens: Token[], text: string, nameLast: number, partyAt: ReturnType<typeof partySpans>): { title: string; party?: string; possessor?: string } | null {
  if (tokens[nameLast]!.after !== ",") return null;
  let end = nameLast + 1;
  while (end < tokens.length && end - nameLast <= 16 && tokens[end]!.after === "" && !tokens[end]!.quoted) end++;
  if (end >= tokens.length || end - nameLast > 16 || !/^[,.;:]?$/.test(tokens[end]!.after.slice(0, 1))) return null;
  const phrase = tokens.slice(nameLast + 1, end + 1);
  const role = phrase.findIndex((t) => ROLE_NOUNS.has(t.lower) || (t.cap && isTitleToken(t) && ROLE_NOUNS.has(t.lower.replace(/^(?:under|vice|deputy)-?/, ""))));
  // A role is a noun phrase: no verb in it ("Nameh, was taken into custody by officials"), none
  // opening it ("Petra, identified the officer") or right after its noun ("the family settled in").
  if (role < 0 || role > 6 || phrase.some((t) => (SPEECH_VERBS.has(t.lower) || PASSIVE_AUXILIARIES.has(t.lower)) && !t.cap)) return null;
  if ([phrase[0], phrase[role + 1]].some((t) => t && !t.cap && /[a-z]ed$/.test(t.lower))) return null;
  let from = nameLast + 1;
  while (["the", "a", "an"].includes(tokens[from]!.lower)) from++;
  const result: { title: string; party?: string; possessor?: string } = { title: textOf(tokens, text, from, end) };
  const party = firstIndex(nameLast + 1, nameLast + 1 + role, (m) => Boolean(partyAt[m]));
  if (party >= 0) result.party = partyAt[party]!.party;
  const owner = firstIndex(nameLast + 1, nameLast + 1 + role, (m) => tokens[m]!.possessive && tokens[m]!.cap && !partyAt[m]);
  if (owner >= 0) result.possessor = textOf(tokens, text, capitalStart(tokens, owner), owner);
  return result;
}

/**
 * Whether a speech verb stands right after the run (adverbs or an apposition between allowed:
 * `Smith, who led the party, said`) or right before it (`said John Smith`).
 */
function nextToSpeechVerb(tokens: Token[], first: number, last: number): boolean {
  let k = last + 1;
  if (tokens[last]!.after === ",") {
    while (k < tokens.length && k - last < 14 && tokens[k]!.after === "" && !tokens[k]!.quoted) k++;
    if (tokens[k]?.after !== ",") k = tokens.length;
    k++;
  } else if (tokens[last]!.after !== "") {
    k = tokens.length;
  } else if (["of", "from", "at"].includes(tokens[k]?.lower ?? "")) {
    // "Muhammad Alwi of the Indonesian Transportation Ministry said": an affiliation between.
    while (k < tokens.length && k - last < 9 && tokens[k]!.after === "" && !SPEECH_VERBS.has(tokens[k]!.lower)) k++;
  }
  while (k < tokens.length && BETWEEN_SUBJECT_AND_VERB.has(tokens[k]!.lower) && tokens[k - 1]!.after === "") k++;
  if (k < tokens.length && SPEECH_VERBS.has(tokens[k]!.lower) && !tokens[k]!.quoted) return true;
  // Inverted order only right after a quotation: `"…," said John Smith`.
  const before = tokens[first - 1];
  const opener = tokens[first - 2];
  return Boolean(before && before.after === "" && SPEECH_VERBS.has(before.lower) && !before.quoted && (!opener || opener.quoted));
}

/** The first index in [from, to) that passes `test`, or -1. */
function firstIndex(from: number, to: number, test: (m: number) => boolean): number {
  for (let m = from; m < to; m++) if (test(m)) return m;
  return -1;
}

/** The first token of the capitalized words ending at `k`: "Donald Trump’s" from "Trump’s". */
function capitalStart(tokens: Token[], k: number): number {
  let s = k;
  while (s > 0 && tokens[s - 1]!.cap && tokens[s - 1]!.after === "" && !tokens[s - 1]!.possessive && !isTitleToken(tokens[s - 1]!) && !NOT_NAME_WORDS.has(tokens[s - 1]!.lower)) s--;
  return s;
}

/** The text of a token range as the sentence writes it, without the last word's possessive ending. */
export function textOf(tokens: Token[], text: string, first: number, last: number): string {
  return text.slice(tokens[first]!.start, tokens[last]!.end);
}
