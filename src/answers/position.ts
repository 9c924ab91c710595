import { stem } from "../index/normalize";
import { indexInSorted } from "../index/sorted";
import type { TokenizedTexts } from "../index/text-index";
import { mentioningPassages, type ResolvedActor, resolveActor } from "./actors";
import { cite, type Library } from "./library";
import type { Page, PositionAnswer, PositionResult } from "./types";

/** Verbs and nouns of stance: a sentence that names an actor and one of these reports what they want or hold. */
export const STANCE_WORDS: ReadonlySet<string> = new Set(
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

/** The page a position answer carries when none is asked for. */
export const FIRST_PAGE: Page = { offset: 0, limit: 25 };

/** Result passages each library remembers in all (about 12 bytes each), the least recently asked actor's forgotten first. */
const REMEMBERED_POSITIONS = 4_000_000;

/** Everything an actor says or wants in the corpus, as passage positions (see {@link actorResults}). */
interface ActorResults {
  /** The passages holding the actor's quotes, then those that name the actor and report a stance; each in corpus order. */
  order: Uint32Array;
  /** How many passages of `order` hold a quote. */
  quoted: number;
  /** For each of those, the first quote in it by the actor (a position in `library.quotes`). */
  firstQuote: Uint32Array;
  /** The passages of `order` in corpus order, to tell whether a passage is one of them. */
  sorted: Uint32Array;
}

/**
 * What a person or party says or wants: their quotes, then the sentences that report their
 * stance, each cited; with a topic, only what bears on it, most relevant first. Only the page
 * asked for is cited; `total` counts them all.
 */
export function position(library: Library, asked: string, topic?: string, page: Page = FIRST_PAGE): PositionAnswer {
  const resolved = resolveActor(library, asked);
  const base = { kind: "position" as const, actor: asked, ...(topic ? { topic } : {}), offset: page.offset };
  if (!resolved) return { ...base, resolved: null, members: [], results: [], total: 0 };
  const all = actorResults(library, resolved);
  let shown: ArrayLike<number>;
  let total: number;
  if (topic) {
    // The passage index numbers its documents in corpus order: a document is a passage position.
    const onTopic = library.passageIndex.findCounted(topic, { limit: page.offset + page.limit, filter: (_, at) => indexInSorted(all.sorted, at) >= 0 });
    shown = onTopic.hits.slice(page.offset).map((hit) => library.passageOrder.get(hit.id)!);
    total = onTopic.total;
  } else {
    shown = all.order.subarray(Math.min(page.offset, all.order.length), page.offset + page.limit);
    total = all.order.length;
  }
  const results = Array.from(shown, (at): PositionResult => {
    const passage = cite(library, library.passages[at]!);
    const k = indexInSorted(all.order, at, 0, all.quoted);
    const quote = k < 0 ? undefined : library.quotes[all.firstQuote[k]!]!;
    return quote ? { passage, quote, speaker: quote.speaker!, reason: "quote" } : { passage, speaker: resolved.actor.name, reason: "stance" };
  });
  return { ...base, resolved: resolved.actor, members: resolved.members.map((member) => member.name), results, total };
}

const remembered = new WeakMap<Library, { actors: Map<string, ActorResults>; positions: number }>();

/**
 * The passages holding an actor's (or, for a party, its members') quotes, and those naming it
 * that report a stance. Remembered per library for the actors asked about last: a party's are
 * found among hundreds of thousands of passages, and the same parties are asked about again.
 */
function actorResults(library: Library, resolved: ResolvedActor): ActorResults {
  let memory = remembered.get(library);
  if (!memory) remembered.set(library, (memory = { actors: new Map(), positions: 0 }));
  const { actors } = memory;
  const known = actors.get(resolved.key);
  if (known) {
    actors.delete(resolved.key);
    actors.set(resolved.key, known);
    return known;
  }
  // Each passage's first quote by one of the speakers (in corpus order), from the speakers' own quotes.
  const firstQuoteAt = new Map<number, number>();
  for (const speaker of new Set([resolved.actor.name, ...resolved.members.map((member) => member.name)])) {
    for (const at of library.quotesBySpeaker.get(speaker) ?? []) {
      const passageAt = library.passageOrder.get(library.quotes[at]!.passage)!;
      const first = firstQuoteAt.get(passageAt);
      if (first === undefined || first > at) firstQuoteAt.set(passageAt, at);
    }
  }
  // Marked in a bitmap: a party can be named in a third of the corpus.
  const NAMED = 1;
  const QUOTED = 2;
  const marks = new Uint8Array(library.passages.length);
  const named = mentioningPassages(library, resolved);
  for (let k = 0; k < named.length; k++) marks[named[k]!] = NAMED;
  for (const at of firstQuoteAt.keys()) marks[at]! |= QUOTED;
  const quoted: number[] = [];
  const stance: number[] = [];
  const sorted: number[] = [];
  for (let at = 0; at < marks.length; at++) {
    if (marks[at]! & QUOTED) quoted.push(at);
    else if (marks[at] === NAMED && library.stance[at] === 1) stance.push(at);
    else continue;
    sorted.push(at);
  }
  const results: ActorResults = {
    order: Uint32Array.from([...quoted, ...stance]),
    quoted: quoted.length,
    firstQuote: Uint32Array.from(quoted, (at) => firstQuoteAt.get(at)!),
    sorted: Uint32Array.from(sorted),
  };
  actors.set(resolved.key, results);
  memory.positions += results.order.length;
  for (const [key, forgotten] of actors) {
    if (memory.positions <= REMEMBERED_POSITIONS || forgotten === results) break;
    actors.delete(key);
    memory.positions -= forgotten.order.length;
  }
  return results;
}

/**
 * Whether each passage holds a word of stance (1) or not (0), worked out once when the engine is
 * built, from the passages' words as the passage index read them: stemmed, without stop words,
 * none of which is a word of stance.
 */
export function stanceFlags(passageTerms: TokenizedTexts): Uint8Array {
  const stance = Uint8Array.from(passageTerms.vocabulary, (term) => (STANCE_WORDS.has(term) ? 1 : 0));
  const { offsets, terms } = passageTerms.fields[0]!;
  const flags = new Uint8Array(offsets.length - 1);
  for (let text = 0; text < flags.length; text++) {
    for (let k = offsets[text]!; k < offsets[text + 1]!; k++) {
      if (stance[terms[k]!]) {
        flags[text] = 1;
        break;
      }
    }
  }
  return flags;
}
