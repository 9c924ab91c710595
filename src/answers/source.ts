import { parseCitationId } from "../passages/passages";
import { foldText } from "../index/normalize";
import { cite, type Library, paragraphOf, passagesOf, passagesWithPrefix } from "./library";
import type { SourceAnswer } from "./types";

const SUGGESTIONS = 5;

/** Shows a cited passage with the rest of its paragraph, or suggests close citation ids. */
export function source(library: Library, citation: string): SourceAnswer {
  const id = citation.trim();
  const passage = library.passageById.get(id);
  if (!passage) return { kind: "source", citation: id, passage: null, before: [], after: [], suggestions: suggest(library, id) };
  const paragraph = paragraphOf(library, passage);
  return {
    kind: "source",
    citation: id,
    passage: cite(library, passage),
    before: paragraph.filter((other) => other.sentence < passage.sentence).map((other) => cite(library, other)),
    after: paragraph.filter((other) => other.sentence > passage.sentence).map((other) => cite(library, other)),
    suggestions: [],
  };
}

/** Ids from the same article and paragraph, then ids that start alike, then passages whose words match. */
function suggest(library: Library, asked: string): string[] {
  const parsed = parseCitationId(asked);
  if (parsed && library.articles.has(parsed.doc)) {
    return [...passagesOf(library, parsed.doc)]
      .sort((a, b) => distance(a, parsed) - distance(b, parsed))
      .slice(0, SUGGESTIONS)
      .map((p) => p.id);
  }
  const folded = foldText(asked);
  const byPrefix = passagesWithPrefix(library, folded, SUGGESTIONS);
  if (byPrefix.length > 0) return byPrefix.map((p) => p.id);
  return library.passageIndex.find(asked, { limit: SUGGESTIONS }).map((hit) => hit.id);
}

function distance(p: { paragraph: number; sentence: number }, target: { paragraph: number; sentence: number }): number {
  return Math.abs(p.paragraph - target.paragraph) * 100 + Math.abs(p.sentence - target.sentence);
}
