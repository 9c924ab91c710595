import { MAX_INPUT_LENGTH } from "../../../commands/limits";
import type { WhoSaidAnswer } from "../../answers/types";
import { splitSentences } from "../../passages/sentences";

/** Quoted stretches: “…”, "…", «…», „…“. */
const QUOTED = /“([^”]+)”|"([^"]+)"|«([^»]+)»|„([^“”]+)[“”]/g;

/** Message text without the Markdown a person may have typed around a quote. */
function plain(content: string): string {
  return content
    .replace(/^\s*>>?>?\s?/gm, "")
    .replace(/[*_~|`]+/g, "")
    .trim();
}

/**
 * The stretches of a message that may be a quote, most likely first: the whole text, then
 * each quoted span, then each sentence. Only stretches a command accepts (1 to 500 characters).
 */
export function quoteCandidates(content: string): string[] {
  const text = plain(content);
  const quoted = [...text.matchAll(QUOTED)].map((match) => match.slice(1).find((group) => group !== undefined) ?? "");
  const sentences = text.split(/\n+/).flatMap((line) => splitSentences(line).map((span) => span.text));
  const all = [text, ...quoted, ...sentences].map((candidate) => candidate.trim());
  return [...new Set(all)].filter((candidate) => candidate.length > 0 && candidate.length <= MAX_INPUT_LENGTH);
}

/**
 * Finds the quote in a message that may hold other words too. Tries the candidates in order and
 * takes the first the article has word for word; failing that, the closest match of any; failing
 * that, the answer for the first candidate (a "not in the corpus" answer). Null when the message
 * has no text to look up.
 */
export function whoSaidInMessage(content: string, whoSaid: (quote: string) => WhoSaidAnswer): WhoSaidAnswer | null {
  let closest: WhoSaidAnswer | null = null;
  for (const candidate of quoteCandidates(content)) {
    const answer = whoSaid(candidate);
    const best = answer.matches[0];
    if (best && !best.misquoted) return answer;
    if (closest === null || (best?.score ?? -1) > (closest.matches[0]?.score ?? -1)) closest = answer;
  }
  return closest;
}
