import { blocOf } from "../attribution/lexicon";
import { CachedSearch } from "../index/cached-search";
import { foldText } from "../index/normalize";
import { lowerBound } from "../index/sorted";
import { ITEMS_PER_STEP, runNow, type Steps } from "../steps";
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

/**
 * A completion list: names in their display order (by name), and two sorted views for prefix
 * search: the folded names, and every word of every folded name, each with the name's rank.
 */
interface NameList {
  names: readonly string[];
  byFolded: ReadonlyArray<readonly [string, number]>;
  byWord: ReadonlyArray<readonly [string, number]>;
}

/** A library's completion lists, worked out once (the engine does it when built). */
interface CompletionLists {
  actors: NameList;
  speakers: NameList;
  /** Passages by their words, as the passage index finds them, with common words' scores remembered. */
  passages: CachedSearch;
}

const listsOf = new WeakMap<Library, CompletionLists>();

export function completionLists(library: Library): CompletionLists {
  return listsOf.get(library) ?? runNow(completionSteps(library));
}

/** Works out a library's completion lists in steps (see {@link completionLists}), and keeps them. */
export function* completionSteps(library: Library): Steps<CompletionLists> {
  const known = listsOf.get(library);
  if (known) return known;
  const actors = yield* nameList(actorNames(library));
  const speakers = yield* nameList(speakerNames(library));
  // A question may have worked them out meanwhile: keep the first.
  const lists = listsOf.get(library) ?? { actors, speakers, passages: new CachedSearch(library.passageIndex) };
  listsOf.set(library, lists);
  return lists;
}

/** Names in the order people read them (the locale's, as `localeCompare` orders them). */
const byName = new Intl.Collator().compare;

function* nameList(unsorted: string[]): Steps<NameList> {
  // A stable sort: names that compare equal keep the list's order, as they always did.
  const names = [...unsorted].sort(byName);
  yield;
  const byFolded: Array<[string, number]> = [];
  const byWord: Array<[string, number]> = [];
  for (let rank = 0; rank < names.length; rank++) {
    const folded = foldText(names[rank]!);
    byFolded.push([folded, rank]);
    for (const word of new Set(folded.split(/[\s'-]+/))) byWord.push([word, rank]);
    if ((rank + 1) % ITEMS_PER_STEP === 0) yield;
  }
  const byText = (a: readonly [string, number], b: readonly [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);
  byFolded.sort(byText);
  yield;
  return { names, byFolded, byWord: byWord.sort(byText) };
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
 * by name within each. Both sets are ranges of a sorted view, found by binary search.
 */
function rankByPrefix(list: NameList, typed: string, limit: number): string[] {
  const folded = foldText(typed.trim());
  if (limit <= 0) return [];
  if (folded === "") return list.names.slice(0, limit);
  const first = ranksWithPrefix(list.byFolded, folded);
  const chosen = smallest(first, limit);
  if (chosen.length < limit) {
    const starting = new Set(first);
    const second = ranksWithPrefix(list.byWord, folded).filter((rank) => !starting.has(rank));
    chosen.push(...smallest([...new Set(second)], limit - chosen.length));
  }
  return chosen.map((rank) => list.names[rank]!);
}

/** The ranks of the entries whose text starts with `prefix`. */
function ranksWithPrefix(sorted: ReadonlyArray<readonly [string, number]>, prefix: string): number[] {
  const ranks: number[] = [];
  for (let at = lowerBound(0, sorted.length, (k) => sorted[k]![0] < prefix); at < sorted.length && sorted[at]![0].startsWith(prefix); at++) ranks.push(sorted[at]![1]);
  return ranks;
}

/** The `count` smallest numbers, ascending. */
function smallest(ranks: number[], count: number): number[] {
  return ranks.length <= count ? ranks.sort((a, b) => a - b) : ranks.sort((a, b) => a - b).slice(0, count);
}

function completeCitation(library: Library, typed: string, limit: number): string[] {
  const folded = typed.trim().toLowerCase();
  const byId = passagesWithPrefix(library, folded, limit);
  if (byId.length > 0 || folded.length === 0) return byId.map((passage) => passage.id);
  return completionLists(library).passages.find(typed, limit).map((hit) => hit.id);
}
