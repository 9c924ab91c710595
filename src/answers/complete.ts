import { blocOf } from "../attribution/lexicon";
import { foldText } from "../index/normalize";
import { type Library, passagesWithPrefix } from "./library";

/** The lists an option can be completed from. */
export type CompletionList = "actors" | "speakers" | "citations";

/**
 * Suggestions for what a user is typing, from the corpus's own lists: actors (people, bodies,
 * parties), speakers (whoever has a quote), or citation ids (by id, or by the words of the passage).
 */
export function complete(library: Library, list: CompletionList, typed: string, limit = 25): string[] {
  if (list === "citations") return completeCitation(library, typed, limit);
  const lists = completionLists(library);
  return rankByPrefix(list === "actors" ? lists.actors : lists.speakers, typed, limit);
}

/** A name ready to be matched as it is typed: folded whole, and folded word by word. */
interface Candidate {
  name: string;
  folded: string;
  words: readonly string[];
}

/** A library's completion lists, each sorted by name, worked out once (the engine does it when built). */
interface CompletionLists {
  actors: readonly Candidate[];
  speakers: readonly Candidate[];
}

const listsOf = new WeakMap<Library, CompletionLists>();

export function completionLists(library: Library): CompletionLists {
  let lists = listsOf.get(library);
  if (!lists) listsOf.set(library, (lists = { actors: candidates(actorNames(library)), speakers: candidates(speakerNames(library)) }));
  return lists;
}

function candidates(names: string[]): Candidate[] {
  // A stable sort: names that compare equal keep the list's order, as they always did.
  return [...names]
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const folded = foldText(name);
      return { name, folded, words: folded.split(/[\s'-]+/) };
    });
}

function actorNames(library: Library): string[] {
  const parties = library.actors.flatMap((actor) => (actor.party ? [actor.party, blocOf(actor.party) ?? actor.party] : []));
  return [...new Set([...library.actors.map((actor) => actor.name), ...parties])];
}

function speakerNames(library: Library): string[] {
  return [...library.quotesBySpeaker.keys()];
}

/**
 * Names starting with what was typed come first, then names with a word starting with it;
 * by name within each. The lists are sorted by name already, so one pass finds both.
 */
function rankByPrefix(names: readonly Candidate[], typed: string, limit: number): string[] {
  const folded = foldText(typed.trim());
  const first: string[] = [];
  const second: string[] = [];
  for (const candidate of names) {
    if (candidate.folded.startsWith(folded)) {
      first.push(candidate.name);
      if (first.length >= limit) break;
    } else if (second.length < limit && candidate.words.some((word) => word.startsWith(folded))) second.push(candidate.name);
  }
  return [...first, ...second].slice(0, limit);
}

function completeCitation(library: Library, typed: string, limit: number): string[] {
  const folded = typed.trim().toLowerCase();
  const byId = passagesWithPrefix(library, folded, limit);
  if (byId.length > 0 || folded.length === 0) return byId.map((passage) => passage.id);
  return library.passageIndex.find(typed, { limit }).map((hit) => hit.id);
}
