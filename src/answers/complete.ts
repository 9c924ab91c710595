import { blocOf } from "../attribution/lexicon";
import { foldText } from "../index/normalize";
import type { Library } from "./library";

/** The lists an option can be completed from. */
export type CompletionList = "actors" | "speakers" | "citations";

/**
 * Suggestions for what a user is typing, from the corpus's own lists: actors (people, bodies,
 * parties), speakers (whoever has a quote), or citation ids (by id, or by the words of the passage).
 */
export function complete(library: Library, list: CompletionList, typed: string, limit = 25): string[] {
  if (list === "citations") return completeCitation(library, typed, limit);
  return rankByPrefix(list === "actors" ? actorNames(library) : speakerNames(library), typed, limit);
}

function actorNames(library: Library): string[] {
  const parties = library.actors.flatMap((actor) => (actor.party ? [actor.party, blocOf(actor.party) ?? actor.party] : []));
  return [...new Set([...library.actors.map((actor) => actor.name), ...parties])];
}

function speakerNames(library: Library): string[] {
  return [...new Set(library.quotes.flatMap((quote) => (quote.speaker ? [quote.speaker] : [])))];
}

/** Names starting with what was typed come first, then names with a word starting with it. */
function rankByPrefix(names: string[], typed: string, limit: number): string[] {
  const folded = foldText(typed.trim());
  const scored = names
    .map((name) => {
      const candidate = foldText(name);
      const rank = candidate.startsWith(folded) ? 0 : candidate.split(/[\s'-]+/).some((word) => word.startsWith(folded)) ? 1 : 2;
      return { name, rank };
    })
    .filter((entry) => entry.rank < 2);
  scored.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((entry) => entry.name);
}

function completeCitation(library: Library, typed: string, limit: number): string[] {
  const folded = typed.trim().toLowerCase();
  const byId = library.passages.filter((passage) => passage.id.startsWith(folded)).slice(0, limit);
  if (byId.length > 0 || folded.length === 0) return byId.map((passage) => passage.id);
  return library.passageIndex.find(typed, { limit }).map((hit) => hit.id);
}
