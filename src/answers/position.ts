import type { Quote } from "../attribution/types";
import { stem, wordTokens } from "../index/normalize";
import { mentioningPassages, resolveActor } from "./actors";
import { cite, type Library } from "./library";
import type { PositionAnswer, PositionResult } from "./types";

/** Verbs and nouns of stance: a sentence that names an actor and one of these reports what they want or hold. */
const STANCE_WORDS = new Set(
  (
    "say said says state stated assert asserted warn warned caution cautioned emphasize emphasized emphasise " +
    "emphasised note noted tell told add added insist insists insisted demand demands demanded reiterate " +
    "reiterated reject rejects rejected accuse accuses accused want wants wanted urge urges urged call calls " +
    "called refuse refuses refused deny denies denied agree agrees agreed disagree disagrees disagreed " +
    "disagreement oppose opposes opposed support supports supported back backs backed express expressed " +
    "acknowledge acknowledged stress stressed maintain maintains maintained believe believes believed claim " +
    "claims claimed criticise criticised criticize criticized threaten threatens threatened vow vowed pledge " +
    "pledged propose proposed demand position stance view views seek seeks sought remark remarked describe " +
    "described characterize characterized characterise characterised consider considered concern concerns"
  )
    .split(" ")
    .map(stem),
);

/**
 * What a person or party says or wants: their quotes, then the sentences that report their
 * stance, each cited; with a topic, only what bears on it, most relevant first.
 */
export function position(library: Library, asked: string, topic?: string): PositionAnswer {
  const resolved = resolveActor(library, asked);
  const base = { kind: "position" as const, actor: asked, ...(topic ? { topic } : {}) };
  if (!resolved) return { ...base, resolved: null, members: [], results: [] };

  const speakers = new Set([resolved.actor.name, ...resolved.members.map((member) => member.name)]);
  // Each passage's first quote by one of the speakers (in corpus order), from the speakers' own quotes.
  const quoted = new Map<number, { quote: Quote; at: number }>();
  for (const speaker of speakers) {
    for (const at of library.quotesBySpeaker.get(speaker) ?? []) {
      const quote = library.quotes[at]!;
      const passageAt = library.passageOrder.get(quote.passage)!;
      const known = quoted.get(passageAt);
      if (!known || known.at > at) quoted.set(passageAt, { quote, at });
    }
  }
  // Results are the passages holding such a quote, and those naming the actor that report a
  // stance; in corpus order. Marked in a bitmap: a party can be named in a third of the corpus.
  const NAMED = 1;
  const QUOTED = 2;
  const marks = new Uint8Array(library.passages.length);
  for (const at of mentioningPassages(library, resolved.mentionedIn)) marks[at] = NAMED;
  for (const at of quoted.keys()) marks[at]! |= QUOTED;
  const quoteAt: number[] = [];
  const stanceAt: number[] = [];
  for (let at = 0; at < marks.length; at++) {
    if (marks[at]! & QUOTED) quoteAt.push(at);
    else if (marks[at] === NAMED && library.stance[at] === 1) stanceAt.push(at);
  }
  // Cited only when given: with a topic, most of them are not.
  const resultAt = (at: number): PositionResult => {
    const passage = library.passages[at]!;
    const quote = quoted.get(at)?.quote;
    return quote
      ? { passage: cite(library, passage), quote, speaker: quote.speaker!, reason: "quote" }
      : { passage: cite(library, passage), speaker: resolved.actor.name, reason: "stance" };
  };
  const members = resolved.members.map((member) => member.name);
  if (!topic) return { ...base, resolved: resolved.actor, members, results: [...quoteAt, ...stanceAt].map(resultAt) };

  const candidates = new Map([...quoteAt, ...stanceAt].map((at) => [library.passages[at]!.id, at]));
  const onTopic = library.passageIndex
    .find(topic, { limit: candidates.size, filter: (id) => candidates.has(id) })
    .map((hit) => resultAt(candidates.get(hit.id)!));
  return { ...base, resolved: resolved.actor, members, results: onTopic };
}

/** Whether each passage holds a word of stance (1) or not (0): worked out once, when the engine is built. */
export function stanceFlags(passages: readonly { text: string }[]): Uint8Array {
  return Uint8Array.from(passages, (passage) => (wordTokens(passage.text).some((token) => STANCE_WORDS.has(stem(token.word))) ? 1 : 0));
}
