/**
 * Speaker resolution: who says a quote, from the sentence around it and the sentences before.
 * In order of strength: an attribution right after the quote (`"…," Putin stated`), a speech
 * verb before it (`Sybhia accused Putin of "…"`), `quoting X` / `according to X`, a colon after
 * a subject (`It set a target: "…"`), and a quote that continues the previous speaker's words.
 * Pronouns and role nouns ("he", "the Russian leader") resolve to an actor named earlier.
 */

import type { Actor, AttributionMethod } from "./types";
import { addAlias, fold, type ActorRegistry, type Mention } from "./actors";
import { textOf } from "./names";
import {
  AUXILIARIES,
  CLAUSE_OPENERS,
  INDEFINITES,
  afterPreposition,
  clauseStart,
  hasSpeechVerb,
  isFiniteSpeechVerb,
  isPassive,
  isSubjectLike,
  looksLikeAttribution,
  opensNounPhrase,
  roleEnd,
  startsCoordinate,
  unquoted,
} from "./clauses";
import { resolveParty } from "./lexicon";
import type { QuoteSpan } from "./quotes";
import type { Token } from "./tokens";
import {
  BETWEEN_SUBJECT_AND_VERB,
  FEMALE_WORDS,
  GROUP_PRONOUNS,
  LEADER_NOUNS,
  LEADER_TITLES,
  MALE_WORDS,
  PASSIVE_AUXILIARIES,
  PERSON_OBJECT_PRONOUNS,
  PERSON_PRONOUNS,
  PREPOSITIONS,
  ROLE_NOUNS,
  SPEAKING_INSTITUTIONS,
  SPEECH_NOUNS,
  SPEECH_VERBS,
} from "./words";

/** One sentence ready for attribution. */
export interface Sentence {
  text: string;
  paragraph: number;
  tokens: Token[];
  quotes: QuoteSpan[];
  mentions: Mention[];
  /** Capitalized names the article never marks as anyone's (no title, no speech verb): token ranges. */
  strangers: { first: number; last: number }[];
  /** Filled in as quotes are attributed: each quote's speaker, in order. */
  speakers: (Actor | null)[];
}

/** A speaker found for a quote, and how. */
export interface Attribution {
  actor: Actor | null;
  method?: AttributionMethod;
}

/** Documents that speak for whoever issued them: "the statement", "the release". */
const DOCUMENTS = new Set(["statement", "release", "communique", "communiqué", "report", "letter", "resolution"]);

/** Verbs of quoting someone, whose object speaks: `quoted her as saying`. */
const QUOTING_VERBS = new Set(["quoted", "quotes", "quote", "cited", "cites"]);

/** Institution nouns general enough to stand for any institution: "the organization said". */
const GENERIC_INSTITUTIONS = new Set(["organization", "organisation", "group", "company", "firm", "agency", "body", "institution"]);

/** Resolves speakers for the quotes of an article, sentence by sentence, in reading order. */
export class Attributor {
  private readonly done: Sentence[] = [];
  /** Whether a person is a woman or a man, as the article's pronouns for them have shown. */
  private readonly genders = new Map<Actor, Gender>();
  /** Set while recentStater runs; see there. */
  private findingStater = false;

  constructor(private readonly registry: ActorRegistry) {}

  /**
   * Attributes every quote of `sentence`, which must follow the sentences attributed before.
   * @returns one attribution per quote, in order
   */
  attributeSentence(sentence: Sentence): Attribution[] {
    const results: Attribution[] = [];
    for (let n = 0; n < sentence.quotes.length; n++) {
      const found = this.attributeQuote(sentence, n, results);
      results.push(found);
      sentence.speakers.push(found.actor);
    }
    this.done.push(sentence);
    return results;
  }

  /** The strongest attribution for quote `n` of the sentence, `earlier` holding those of the quotes before it. */
  private attributeQuote(sentence: Sentence, n: number, earlier: Attribution[]): Attribution {
    const quote = sentence.quotes[n]!;
    const preStart = n > 0 ? sentence.quotes[n - 1]!.outerEnd : 0;
    const postEnd = sentence.quotes[n + 1]?.outerStart ?? sentence.text.length;
    const pre = unquoted(sentence.tokens, preStart, quote.outerStart);
    const post = unquoted(sentence.tokens, quote.outerEnd, postEnd);
    const previousInSentence = [...earlier].reverse().find((a) => a.actor);
    // `When asked "Will you run again?", Hale replied`: a question put to the speaker is not theirs.
    if (isQuestionPut(sentence.tokens, pre)) return { actor: null };

    // `…said that Castro sends "fraternal greetings" according to Prensa Latina`: the speech verb
    // names the speaker, the source after the quote only reports it.
    const after = this.afterQuote(sentence, post);
    const before = after && after.method !== "according-to" ? null : this.beforeQuote(sentence, pre, previousInSentence);
    return (
      before ??
      after ??
      this.sourcedBy(sentence) ??
      this.colonSubject(sentence, pre) ??
      (previousInSentence ? { actor: previousInSentence.actor, method: "continuation" } : null) ??
      // Words after the quote that did not resolve are someone else's attribution: better no speaker than the last one.
      (looksLikeAttribution(sentence.tokens, post) || hasSpeechVerb(sentence.tokens, pre) ? null : this.continuation(sentence, pre)) ?? { actor: null }
    );
  }

  /** `"…," said KCNA` / `"…," the Russian leader asserted` / `"…," according to Putin`. */
  private afterQuote(sentence: Sentence, post: number[]): Attribution | null {
    const tokens = sentence.tokens;
    const first = post[0];
    if (first === undefined || CLAUSE_OPENERS.has(tokens[first]!.lower)) return null;
    if (tokens[first]!.lower === "according" && tokens[first + 1]?.lower === "to") {
      const actor = this.phraseAfter(sentence, first + 2, false);
      return actor ? { actor, method: "according-to" } : null;
    }
    if (isFiniteSpeechVerb(tokens, first)) {
      const actor = this.phraseAfter(sentence, first + 1, true);
      return actor ? { actor: actor, method: methodOf(tokens[first + 1]!) } : null;
    }
    // Subject then verb within the first words: `"…," team member Rodaba Noori told the press`.
    const word = tokens[first]!.lower;
    if (!opensNounPhrase(tokens[first]!) && !PERSON_PRONOUNS.has(word) && !GROUP_PRONOUNS.has(word)) return null;
    for (let k = 1; k < Math.min(post.length, 16); k++) {
      const v = post[k]!;
      // A long subject only when its verb ends the clause: `"…", State Secretary … Bianca Debaets said.`
      if (!isFiniteSpeechVerb(tokens, v) || (k >= 12 && tokens[v]!.after === "" && v < tokens.length - 1)) continue;
      const subject = this.subjectBefore(sentence, v, first);
      return subject && subject.actor ? subject : null;
    }
    return null;
  }

  /** The first finite speech verb before the quote whose subject resolves: `Sybhia accused Putin of "…"`. */
  private beforeQuote(sentence: Sentence, pre: number[], previousInSentence: Attribution | undefined): Attribution | null {
    const relative = this.relativeSpeaker(sentence, pre) ?? this.quotedAs(sentence, pre);
    if (relative) return relative;
    const tokens = sentence.tokens;
    let sawNonFinite = false;
    // The verb nearest the quote governs it: `He said …, and when Mrs. Thatcher was asked, she said "New Labour"`.
    for (const v of [...pre].reverse()) {
      if (!SPEECH_VERBS.has(tokens[v]!.lower)) continue;
      // `described by the Washington Post as "…"`: a passive speech verb names its speaker after "by".
      if (tokens[v + 1]?.lower === "by" && tokens[v]!.after === "" && /ed$/.test(tokens[v]!.lower)) {
        const agent = this.phraseAfter(sentence, v + 2, true);
        if (agent) return { actor: agent, method: "named" };
      }
      // `It is noted on the Congressional Website that "…"`: a publication carrying the words.
      if (isPassive(tokens, v) && ["in", "on"].includes(tokens[v + 1]?.lower ?? "") && tokens[v]!.after === "") {
        const source = this.phraseAfter(sentence, v + 2, true);
        if (source?.kind === "organization") return { actor: source, method: "according-to" };
      }
      if (isPassive(tokens, v)) continue;
      if (!isFiniteSpeechVerb(tokens, v) || startsCoordinate(tokens, v)) {
        sawNonFinite = true;
        continue;
      }
      const subject = this.subjectBefore(sentence, v, pre[0] ?? 0);
      if (subject?.actor) return subject;
    }
    if (!sawNonFinite) return null;
    // `…, noting that "…"` / `and said "…"`: the subject of the sentence's main clause speaks.
    if (previousInSentence) return { actor: previousInSentence.actor, method: previousInSentence.method ?? "named" };
    return this.mainClauseSpeaker(sentence, pre.at(-1) ?? -1);
  }

  /** `The BBC quoted her as saying "…"`: the one quoted speaks, not the one quoting. */
  private quotedAs(sentence: Sentence, pre: number[]): Attribution | null {
    const tokens = sentence.tokens;
    for (const v of pre) {
      if (!QUOTING_VERBS.has(tokens[v]!.lower) || tokens[v]!.after !== "") continue;
      const as = tokens.findIndex((t, i) => i > v && i <= v + 6 && t.lower === "as" && !t.quoted);
      if (as < 0 || !SPEECH_VERBS.has(tokens[as + 1]?.lower ?? "")) continue;
      if (PERSON_OBJECT_PRONOUNS.has(tokens[v + 1]?.lower ?? "")) {
        const actor = this.resolvePronoun(sentence, v + 1);
        if (actor) return { actor, method: "pronoun" };
      }
      const quoted = sentence.mentions.find((m) => m.first > v && m.last < as && m.actor.kind !== "party");
      if (quoted) return { actor: quoted.actor, method: "named" };
    }
    return null;
  }

  /**
   * `AFP spoke to Terence Fan, an air industry expert, who said "…"`: a relative clause's speech
   * verb belongs to the name the relative pronoun follows, whatever the main clause says.
   */
  private relativeSpeaker(sentence: Sentence, pre: number[]): Attribution | null {
    const tokens = sentence.tokens;
    for (const v of pre) {
      if (!isFiniteSpeechVerb(tokens, v)) continue;
      let k = v - 1;
      while (k >= 0 && BETWEEN_SUBJECT_AND_VERB.has(tokens[k]!.lower)) k--;
      if (tokens[k]?.lower !== "who") continue;
      // "who" stands for a person: the last one named before it, even as an object (`spoke to Terence Fan`).
      const antecedent = sentence.mentions.filter((m) => m.last < k && !m.possessive && m.actor.kind === "person").at(-1);
      if (antecedent) return { actor: antecedent.actor, method: "named" };
    }
    return null;
  }

  /**
   * The speaker of the sentence's main clause, before token `limit`: the subject of its first
   * finite speech verb, else its first subject, else a role phrase opening it.
   */
  private mainClauseSpeaker(sentence: Sentence, limit: number): Attribution | null {
    const tokens = sentence.tokens;
    for (let v = 0; v <= limit; v++) {
      if (!isFiniteSpeechVerb(tokens, v)) continue;
      const subject = this.subjectBefore(sentence, v, 0);
      if (subject?.actor) return subject;
    }
    const firstVerb = tokens.findIndex((t) => !t.quoted && SPEECH_VERBS.has(t.lower));
    return firstVerb >= 0 ? (this.firstSubject(sentence, firstVerb) ?? this.leadingRole(sentence)) : null;
  }

  /**
   * A role phrase opening the sentence as its subject: `The senator was quoted as saying "…"`.
   * When not `create`, only a role that refers back to a known actor counts.
   */
  private leadingRole(sentence: Sentence, create = true): Attribution | null {
    const tokens = sentence.tokens;
    const verb = tokens.findIndex((t) => t.quoted || t.after !== "" || AUXILIARIES.has(t.lower) || SPEECH_VERBS.has(t.lower) || /[a-z]ed$/.test(t.text));
    const opener = tokens[0]?.lower ?? "";
    if (verb <= 0 || PERSON_PRONOUNS.has(opener) || GROUP_PRONOUNS.has(opener)) return null;
    return this.rolePhrase(sentence, 0, verb - 1, create);
  }

  /** `quoting X`, `per X` and `according to X`, anywhere outside the quotes. */
  private sourcedBy(sentence: Sentence): Attribution | null {
    const tokens = sentence.tokens;
    for (const [lead, skip] of [["quoting", 1], ["per", 1], ["according", 2]] as const) {
      const at = tokens.findIndex((t, i) => !t.quoted && t.lower === lead && (skip === 1 || tokens[i + 1]?.lower === "to"));
      if (at < 0) continue;
      const actor = this.phraseAfter(sentence, at + skip, false);
      if (actor) return { actor, method: "according-to" };
    }
    return null;
  }

  /** `It also set a target for an agreement: "…"`: the subject of the clause the colon ends. */
  private colonSubject(sentence: Sentence, pre: number[]): Attribution | null {
    const last = pre.at(-1);
    if (last === undefined || !sentence.tokens[last]!.after.startsWith(":")) return null;
    return this.firstSubject(sentence, last + 1);
  }

  /**
   * A quote opening its sentence continues the words of the last quote of the sentence before,
   * or is the words a sentence ending in a colon announces (`Brown put it bluntly:`).
   */
  private continuation(sentence: Sentence, pre: number[]): Attribution | null {
    if (pre.length > 0) return null;
    const previous = this.done.at(-1);
    if (!previous || previous.paragraph < sentence.paragraph - 1) return null;
    if (previous.text.trimEnd().endsWith(":") && previous.quotes.length === 0) return this.sentenceSubject(previous);
    const speaker = previous.speakers.at(-1);
    if (speaker) return { actor: speaker, method: "continuation" };
    // `Ahmadinejad questioned U.S. nuclear policy. "Making nuclear … bombs …"`: the sentence
    // before, in the same paragraph and without quotes of its own, introduces the speaker.
    if (previous.paragraph === sentence.paragraph && previous.quotes.length === 0) return this.sentenceSubject(previous);
    return null;
  }

  /** The subject of a whole sentence: a name or pronoun standing as subject, or a role phrase opening it. */
  private sentenceSubject(sentence: Sentence): Attribution | null {
    // A role phrase that names no one known ("Officials") does not introduce a speaker for the next sentence.
    return this.firstSubject(sentence, sentence.tokens.length) ?? this.leadingRole(sentence, false);
  }

  /**
   * The subject of the speech verb at `v`: a mention right before it (an apposition between
   * allowed), a pronoun, or a role phrase. Words before `floor` are not looked at.
   */
  private subjectBefore(sentence: Sentence, v: number, floor: number): Attribution | null {
    const tokens = sentence.tokens;
    let k = v - 1;
    while (k >= floor && BETWEEN_SUBJECT_AND_VERB.has(tokens[k]!.lower) && !tokens[k]!.quoted) k--;
    if (k < floor || tokens[k]!.quoted) return null;
    const word = tokens[k]!.lower;
    if (PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word)) {
      const actor = this.resolvePronoun(sentence, k);
      return actor ? { actor, method: "pronoun" } : null;
    }
    if (["who", "which", "that"].includes(word)) return null;
    const mention = this.mentionEndingAt(sentence, k, floor);
    if (mention) return { actor: mention.actor, method: "named" };
    const apposed = this.nameBefore(sentence, clauseStart(tokens, k, floor), floor);
    if (apposed) return { actor: apposed, method: "named" };
    const role = this.rolePhrase(sentence, clauseStart(tokens, k, floor), k);
    if (role || !tokens[k]!.after.startsWith(",")) return role;
    // `the suspect, 24, told`: the role stands before the apposition.
    let j = k - 1;
    while (j >= floor && !tokens[j]!.after.startsWith(",")) j--;
    return j >= floor ? this.rolePhrase(sentence, clauseStart(tokens, j, floor), j) : null;
  }

  /** The mention that is the subject ending at `k`, directly or through an apposition `Name, role,`. */
  private mentionEndingAt(sentence: Sentence, k: number, floor: number): Mention | null {
    const tokens = sentence.tokens;
    const candidates = sentence.mentions.filter((m) => m.first >= floor && m.last <= k && !m.possessive && !afterPreposition(tokens, m.first));
    const direct = candidates.find((m) => m.last === k && m.actor.kind !== "party");
    if (direct) return direct;
    // A country speaks only as a clause's whole subject: "Russia said", not ", Damascus, Syria, saw".
    const party = candidates.find((m) => m.last === k);
    const opensClause = (first: number) => first === 0 || CLAUSE_OPENERS.has(tokens[first - 1]!.lower) || tokens[first - 1]!.quoted;
    if (party && clauseStart(tokens, k, floor) === party.first && opensClause(party.first)) return party;
    // `Yuri Ushakov, Putin’s senior foreign policy adviser and principal negotiator, characterized`.
    const apposed = candidates.filter((m) => tokens[m.last]!.after.startsWith(",") && m.last < k && m.actor.kind !== "party");
    // The name before the apposition opens the clause: `Trump, speaking aboard Air Force One, said`.
    if (tokens[k]!.after.startsWith(",") && apposed.length > 0) return apposed[0]!;
    // `Olaf Scholz on Sunday warned`: an adjunct between the subject and the verb.
    const start = clauseStart(tokens, k, floor);
    return candidates.find((m) => m.first === start && m.actor.kind !== "party") ?? null;
  }

  /**
   * The actor named by the words after `at`: `said Aaron David Miller`, `according to Putin`,
   * `quoting North Korea's main news agency KCNA`. When `adjacent`, the name must come first.
   */
  private phraseAfter(sentence: Sentence, at: number, adjacent: boolean): Actor | null {
    const tokens = sentence.tokens;
    let k = at;
    while (k < tokens.length && !tokens[k]!.quoted && ["the", "a", "an"].includes(tokens[k]!.lower)) k++;
    const word = tokens[k]?.lower ?? "";
    if (PERSON_PRONOUNS.has(word) || GROUP_PRONOUNS.has(word)) return this.resolvePronoun(sentence, k);
    // The first non-party mention before the phrase ends at a comma or full stop.
    let end = at;
    while (end < tokens.length - 1 && tokens[end]!.after === "" && !tokens[end + 1]!.quoted) end++;
    // Adjacent: the name comes first, or after lowercase words only (`said 45-year-old farmer Ali Hassan`).
    const lowercaseUpTo = (first: number) => tokens.slice(k, first).every((t) => !t.cap && t.after === "" && !PREPOSITIONS.has(t.lower));
    const named = sentence.mentions.find((m) => (adjacent ? m.first >= k && lowercaseUpTo(m.first) : m.first >= at) && m.first <= end && m.actor.kind !== "party");
    // "Cuban press agency Prensa Latina": the name after a descriptive institution is the speaker.
    const described = named && sentence.mentions.find((m) => m.first === named.last + 1 && tokens[named.last]!.after === "" && !named.possessive);
    if (named) return (described ?? named).actor;
    if (adjacent && tokens[k] && (tokens[k]!.cap || tokens[k]!.quoted)) return null;
    const role = this.rolePhrase(sentence, at, roleEnd(tokens, at, end));
    return role?.actor ?? null;
  }

  /** The first mention or pronoun of the sentence that stands as a subject, before token `limit`. */
  private firstSubject(sentence: Sentence, limit: number): Attribution | null {
    const tokens = sentence.tokens;
    for (let k = 0; k < limit; k++) {
      if (tokens[k]!.quoted) continue;
      if ((PERSON_PRONOUNS.has(tokens[k]!.lower) || GROUP_PRONOUNS.has(tokens[k]!.lower)) && !afterPreposition(tokens, k)) {
        const actor = this.resolvePronoun(sentence, k);
        return actor ? { actor, method: "pronoun" } : null;
      }
      const mention = sentence.mentions.find((m) => m.first === k);
      if (mention && isSubjectLike(tokens, mention) && mention.actor.kind !== "party") return { actor: mention.actor, method: "named" };
      // `Ahmadinejad's most pointed arguments were…`: the owner of the words is the subject.
      if (mention?.possessive && k === 0 && tokens.slice(mention.last + 1, mention.last + 4).some((t) => SPEECH_NOUNS.has(t.lower))) {
        return { actor: mention.actor, method: "named" };
      }
    }
    return null;
  }

  /**
   * A role phrase as speaker: "the Russian leader" resolves to the last actor with a matching
   * title and party; "the joint statement", "an advisor to the Palestinian team" become role actors.
   */
  private rolePhrase(sentence: Sentence, start: number, end: number, create = true): Attribution | null {
    const tokens = sentence.tokens;
    const author = this.authorEndingAt(sentence, end);
    if (author) return { actor: author, method: "named" };
    if (end - start > 9 || start > end) return null;
    // `a statement from the ministry`: the words speak for who issued them.
    const from = tokens.findIndex((t, i) => i > start && i <= start + 3 && i < end && ["by", "from"].includes(t.lower) && (DOCUMENTS.has(tokens[i - 1]!.lower) || SPEECH_NOUNS.has(tokens[i - 1]!.lower)));
    if (from > 0) return this.rolePhrase(sentence, from + 1, end, create);
    const words = tokens.slice(start, end + 1);
    if (words.length === 0 || words.some((t) => t.quoted) || !opensNounPhrase(words[0]!)) return null;
    const complement = words.findIndex((t, i) => i > 0 && PREPOSITIONS.has(t.lower));
    // A part of a group names its head after "of": "One of the children".
    const partitive = complement === 1 && INDEFINITES.has(words[0]!.lower) && words[1]!.lower === "of";
    const core = partitive ? words : complement > 0 ? words.slice(0, complement) : words;
    const headAt = core.findLastIndex((t) => ROLE_NOUNS.has(t.lower) || SPEAKING_INSTITUTIONS.has(t.lower));
    if (headAt < 0) return create ? this.ellipticRole(sentence, sentence.text.slice(words[0]!.start, words.at(-1)!.end)) : null;
    const head = core[headAt]!.lower;
    const determiner = words[0]!.lower;
    const party = core
      .slice(0, headAt)
      .map((t) => resolveParty(t.text))
      .find((p): p is string => Boolean(p));
    const phrase = sentence.text.slice(words[0]!.start, words.at(-1)!.end);
    const institution = SPEAKING_INSTITUTIONS.has(head) && !ROLE_NOUNS.has(head);
    // `"…," read the statement`: a document speaks for the institution its paragraph names.
    const issuer = DOCUMENTS.has(head)
      ? (this.paragraphActors(sentence, start).find((actor) => actor.kind === "organization" && (!party || actor.party === party)) ??
        // Only a bare "the statement" points back to one just made; "the joint statement" is another's.
        (determiner === "the" && headAt === 1 ? this.recentStater(sentence) : undefined))
      : undefined;
    if (issuer) return { actor: issuer, method: "role" };
    if (!INDEFINITES.has(determiner)) {
      // "the organization" may stand for any institution, so only for one named in its paragraph.
      const candidates = GENERIC_INSTITUTIONS.has(head) ? this.paragraphActors(sentence, start) : this.recentActors(sentence, start);
      const earlier = candidates.find((actor) => fitsRole(actor, head, party, institution));
      if (earlier) {
        addAlias(earlier, phrase);
        return { actor: earlier, method: "role" };
      }
    }
    if (!create) return null;
    const name = phrase.replace(/^the\s+/i, "");
    const actor = this.registry.addSpeaker(name, institution ? "organization" : "role", party);
    return { actor, method: "named" };
  }

  /**
   * `"…" one attendee noted. A second said …`: "a second", "another" leave out the role noun of
   * the unnamed speaker before them in the paragraph, and name someone new in the same role.
   */
  private ellipticRole(sentence: Sentence, phrase: string): Attribution | null {
    if (!/^(?:(?:a|an) (?:second|third|fourth|other)|another)$/i.test(phrase)) return null;
    const before = this.done.filter((s) => s.paragraph === sentence.paragraph).flatMap((s) => s.speakers);
    const last = [...before, ...sentence.speakers].reverse().find((actor) => actor?.kind === "role");
    const head = last?.name.split(/\s+/).findLast((word) => ROLE_NOUNS.has(word.toLowerCase()));
    return head ? { actor: this.registry.addSpeaker(`${phrase} ${head}`, "role"), method: "named" } : null;
  }

  /**
   * The author of words or a document, named after "by"/"from" and ending at token `k`: `One
   * post by him`, `A statement by the Brady Campaign`.
   */
  private authorEndingAt(sentence: Sentence, k: number): Actor | null {
    const tokens = sentence.tokens;
    const mention = sentence.mentions.find((m) => m.last === k && m.actor.kind !== "party");
    const first = mention ? mention.first : PERSON_OBJECT_PRONOUNS.has(tokens[k]?.lower ?? "") ? k : -1;
    let by = first - 1;
    while (by >= 0 && ["the", "a", "an"].includes(tokens[by]!.lower)) by--;
    const noun = tokens[by - 1];
    if (first < 0 || !["by", "from"].includes(tokens[by]?.lower ?? "") || !noun || noun.quoted || noun.after !== "") return null;
    if (!DOCUMENTS.has(noun.lower) && !SPEECH_NOUNS.has(noun.lower)) return null;
    return mention ? mention.actor : this.resolvePronoun(sentence, k);
  }

  /**
   * The name in front of the clause starting at `start`, across a comma: `Jarret Brachman,
   * consultant to the US government, said`, `Evan Kohlmann, who tracks jihadi Web sites said`.
   * A full name the article gives no title still counts when it opens the sentence or a clause.
   */
  private nameBefore(sentence: Sentence, start: number, floor: number): Actor | null {
    const tokens = sentence.tokens;
    const end = tokens[start - 1]?.lower === "who" ? start - 2 : start - 1;
    if (end < floor || !tokens[end]!.after.startsWith(",") || tokens[end]!.quoted) return null;
    const mention = sentence.mentions.find((m) => m.last === end && !m.possessive && m.actor.kind !== "party" && !afterPreposition(tokens, m.first));
    if (mention) return mention.actor;
    const opens = (first: number) => first === floor || first === 0 || CLAUSE_OPENERS.has(tokens[first - 1]!.lower);
    const stranger = sentence.strangers.find((name) => name.last === end && opens(name.first));
    return stranger ? this.registry.addSpeaker(textOf(tokens, sentence.text, stranger.first, stranger.last), "person") : null;
  }

  /**
   * The actor a pronoun at token `k` stands for: he/she the person last in subject position or
   * last quoted, it/they the last institution speaking.
   */
  private resolvePronoun(sentence: Sentence, k: number): Actor | null {
    const gender = PRONOUN_GENDERS.get(sentence.tokens[k]!.lower);
    const actor = this.antecedent(sentence, k, gender);
    if (actor && gender && actor.kind === "person") this.genders.set(actor, gender);
    return actor;
  }

  /** Whether an actor can be the person a pronoun of `gender` stands for. */
  private mayBe(actor: Actor, gender: Gender | undefined): boolean {
    const known = this.genders.get(actor) ?? genderOfTitles(actor);
    return !gender || !known || known === gender;
  }

  /** The antecedent of the pronoun at token `k`; see resolvePronoun. */
  private antecedent(sentence: Sentence, k: number, gender: Gender | undefined): Actor | null {
    const person = PERSON_PRONOUNS.has(sentence.tokens[k]!.lower) || PERSON_OBJECT_PRONOUNS.has(sentence.tokens[k]!.lower);
    const fits = (actor: Actor | null | undefined): actor is Actor =>
      Boolean(actor) && (person ? (actor!.kind === "person" || actor!.kind === "role") && this.mayBe(actor!, gender) : actor!.kind === "organization");
    // Earlier in the same sentence: `Szatkowski also mentioned …, which he called "…"`.
    const here = sentence.mentions.find((m) => m.last < k && isSubjectLike(sentence.tokens, m) && fits(m.actor));
    if (here) return here.actor;
    // A pronoun reaches back into its paragraph and the one before; "they" only within its paragraph.
    const reach = sentence.tokens[k]!.lower === "they" ? sentence.paragraph : sentence.paragraph - 1;
    for (const previous of [...this.done].reverse().slice(0, 4)) {
      if (previous.paragraph < reach) break;
      const speaker = [...previous.speakers].reverse().find(fits);
      if (speaker) return speaker;
      // `This move was criticized by Nassar al-Rubaie. "…," he said`: the agent of a passive speech verb.
      const agent = previous.mentions.find((m) => fits(m.actor) && previous.tokens[m.first - 1]?.lower === "by" && isPassive(previous.tokens, m.first - 2) && SPEECH_VERBS.has(previous.tokens[m.first - 2]!.lower));
      if (agent) return agent.actor;
      const subject = previous.mentions.find((m) => isSubjectLike(previous.tokens, m) && fits(m.actor));
      if (subject) return subject.actor;
      // `Putin's spokesman said …. "We haven't seen it," he said`: a role naming a known actor.
      const role = this.leadingRole(previous, false)?.actor;
      if (fits(role)) return role;
      // A full name the article gave no title or speech verb, standing as subject, is the one meant.
      const strangerName = (name: { first: number; last: number }) => textOf(previous.tokens, previous.text, name.first, name.last);
      const stranger = person
        ? previous.strangers.find((name) => {
            const known = this.registry.findPerson(strangerName(name));
            return isSubjectLike(previous.tokens, { ...name, possessive: false }) && !modifiesNoun(previous.tokens, name.last) && (!known || this.mayBe(known, gender));
          })
        : undefined;
      if (stranger) return this.registry.addSpeaker(strangerName(stranger), "person");
    }
    // Nobody nearby: he or she is the person last standing as a subject, up to three paragraphs
    // back, as in a profile that names its subject once (`Aretha Louise Franklin was born …`).
    if (!person) return null;
    for (const previous of [...this.done].reverse()) {
      if (previous.paragraph < sentence.paragraph - 3) break;
      const subject = previous.mentions.find((m) => isSubjectLike(previous.tokens, m) && m.actor.kind === "person" && this.mayBe(m.actor, gender));
      if (subject) return subject.actor;
    }
    return null;
  }

  /**
   * Who last made a statement without quoting it, in this paragraph or the one before: `her
   * publicist Gwendolyn Quinn stated …. Per the statement, "…"`. The subject of a finite speech verb.
   */
  private recentStater(sentence: Sentence): Actor | undefined {
    // Finding that subject may resolve a pronoun, which may look at a role phrase, which may ask
    // for the recent stater again, of another sentence: one level is enough, and never loops.
    if (this.findingStater) return undefined;
    this.findingStater = true;
    try {
      for (const previous of [...this.done].reverse()) {
        if (previous.paragraph < sentence.paragraph - 1) break;
        const verb = previous.tokens.findIndex((_, v) => isFiniteSpeechVerb(previous.tokens, v));
        const subject = verb > 0 ? this.subjectBefore(previous, verb, 0)?.actor : null;
        if (subject && subject.kind !== "party") return subject;
      }
      return undefined;
    } finally {
      this.findingStater = false;
    }
  }

  /** Actors mentioned in the paragraph of `sentence` before its token `before`, most recent first. */
  private paragraphActors(sentence: Sentence, before: number): Actor[] {
    const order: Actor[] = [];
    for (const previous of this.done) if (previous.paragraph === sentence.paragraph) for (const m of previous.mentions) order.push(m.actor);
    for (const m of sentence.mentions) if (m.last < before) order.push(m.actor);
    return [...new Set(order.reverse())];
  }

  /** Actors mentioned or speaking before token `before` of `sentence`, most recent first. */
  private recentActors(sentence: Sentence, before: number): Actor[] {
    const order: Actor[] = [];
    for (const previous of this.done) {
      for (const m of previous.mentions) order.push(m.actor);
      for (const s of previous.speakers) if (s) order.push(s);
    }
    for (const m of sentence.mentions) if (m.last < before) order.push(m.actor);
    return [...new Set(order.reverse())];
  }
}

/** Whether the quote after the tokens `pre` is a question put to someone: `When asked "…?"`, `was asked "…?"`. */
function isQuestionPut(tokens: Token[], pre: number[]): boolean {
  const last = pre.at(-1);
  if (last === undefined || tokens[last]!.lower !== "asked" || !/^[\s"“”'‘’]*$/.test(tokens[last]!.after)) return false;
  const before = tokens[last - 1]?.lower;
  return before === undefined || ["when", "if", "once", "after"].includes(before) || PASSIVE_AUXILIARIES.has(before);
}

/** A person's gender, as far as the article tells it. */
type Gender = "female" | "male";

/** The gender each personal pronoun gives away. */
const PRONOUN_GENDERS = new Map<string, Gender>([
  ["she", "female"],
  ["her", "female"],
  ["he", "male"],
  ["him", "male"],
]);

/** The gender a person's title or role words tell ("Mrs.", "spokeswoman", "father"), if any. */
function genderOfTitles(actor: Actor): Gender | undefined {
  const words = [actor.title ?? "", ...actor.aliases, actor.kind === "role" ? actor.name : ""]
    .join(" ")
    .toLowerCase()
    .split(/[^a-z]+/);
  if (words.some((w) => FEMALE_WORDS.has(w))) return "female";
  if (words.some((w) => MALE_WORDS.has(w))) return "male";
  return undefined;
}

/** Whether the name ending at `last` modifies the noun after it: "Sadr City policemen" is not a person. */
function modifiesNoun(tokens: Token[], last: number): boolean {
  const next = tokens[last + 1];
  return Boolean(next && tokens[last]!.after === "" && !next.cap && (ROLE_NOUNS.has(next.lower) || SPEAKING_INSTITUTIONS.has(next.lower)));
}

/** How a speaker found after a verb was named: by pronoun or by name. */
function methodOf(token: Token): AttributionMethod {
  return PERSON_PRONOUNS.has(token.lower) || GROUP_PRONOUNS.has(token.lower) ? "pronoun" : "named";
}

/** Whether an actor fits a role noun: a matching title (or a leader's for "leader"), and the party if one is given. */
function fitsRole(actor: Actor, head: string, party: string | undefined, institution: boolean): boolean {
  if (party && actor.party !== party) return false;
  if (institution) return actor.kind === "organization" && (GENERIC_INSTITUTIONS.has(head) || fold(actor.name).split(/\s+/).includes(head));
  if (actor.kind !== "person") return false;
  const title = fold(actor.title ?? "").split(/\s+/);
  return title.includes(head) || (LEADER_NOUNS.has(head) && title.some((w) => LEADER_TITLES.has(w)));
}
