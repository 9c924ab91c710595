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
  const quoted = new Map<string, { quote: Quote; at: number }>();
  for (const speaker of speakers) {
    for (const at of library.quotesBySpeaker.get(speaker) ?? []) {
      const quote = library.quotes[at]!;
      const known = quoted.get(quote.passage);
      if (!known || known.at > at) quoted.set(quote.passage, { quote, at });
    }
  }
  // Only passages that hold a quote or name the actor can be results: visit those, in corpus order.
  const named = new Set(mentioningPassages(library, resolved.mentionedIn));
  const visit = new Set(named);
  for (const passageId of quoted.keys()) visit.add(library.passageOrder.get(passageId)!);
  const results: PositionResult[] = [];
  for (const at of [...visit].sort((a, b) => a - b)) {
    const passage = library.passages[at]!;
    const quote = quoted.get(passage.id)?.quote;
    if (quote) results.push({ passage: cite(library, passage), quote, speaker: quote.speaker!, reason: "quote" });
    else if (named.has(at) && library.stance[at] === 1) {
      results.push({ passage: cite(library, passage), speaker: resolved.actor.name, reason: "stance" });
    }
  }
  const members = resolved.members.map((member) => member.name);
  if (!topic) return { ...base, resolved: resolved.actor, members, results: [...byReason(results, "quote"), ...byReason(results, "stance")] };

  const candidates = new Map(results.map((result) => [result.passage.citation, result]));
  const onTopic = library.passageIndex
    .find(topic, { limit: candidates.size, filter: (id) => candidates.has(id) })
    .map((hit) => candidates.get(hit.id)!);
  return { ...base, resolved: resolved.actor, members, results: onTopic };
}

/** Whether each passage holds a word of stance (1) or not (0): worked out once, when the engine is built. */
export function stanceFlags(passages: readonly { text: string }[]): Uint8Array {
  return Uint8Array.from(passages, (passage) => (wordTokens(passage.text).some((token) => STANCE_WORDS.has(stem(token.word))) ? 1 : 0));
}

function byReason(results: PositionResult[], reason: PositionResult["reason"]): PositionResult[] {
  return results.filter((result) => result.reason === reason);
}
