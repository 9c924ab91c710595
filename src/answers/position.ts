import type { Quote } from "../attribution/types";
import { stem, wordTokens } from "../index/normalize";
import { resolveActor } from "./actors";
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
  const quoted = new Map<string, Quote>();
  for (const quote of library.quotes) {
    if (quote.speaker && speakers.has(quote.speaker) && !quoted.has(quote.passage)) quoted.set(quote.passage, quote);
  }
  const results: PositionResult[] = [];
  for (const passage of library.passages) {
    const quote = quoted.get(passage.id);
    if (quote) results.push({ passage: cite(library, passage), quote, speaker: quote.speaker!, reason: "quote" });
    else if (resolved.mentionedIn(passage.text) && reportsStance(passage.text)) {
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

function reportsStance(text: string): boolean {
  return wordTokens(text).some((token) => STANCE_WORDS.has(stem(token.word)));
}

function byReason(results: PositionResult[], reason: PositionResult["reason"]): PositionResult[] {
  return results.filter((result) => result.reason === reason);
}
