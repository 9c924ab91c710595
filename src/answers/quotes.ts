import type { Actor, Quote } from "../attribution/types";
import { resolveActor } from "./actors";
import { cite, type Library } from "./library";
import type { QuotesAnswer } from "./types";

/** Every quote, grouped by speaker in the order speakers first speak; or one speaker's (or party's) quotes. */
export function quotes(library: Library, speaker?: string): QuotesAnswer {
  if (!speaker) return { kind: "quotes", resolved: null, groups: groupBySpeaker(library, library.quotes) };
  const resolved = resolveActor(library, speaker);
  if (!resolved) return { kind: "quotes", speaker, resolved: null, groups: [] };
  const names = new Set([resolved.actor.name, ...resolved.members.map((member) => member.name)]);
  const theirs = library.quotes.filter((quote) => quote.speaker !== null && names.has(quote.speaker));
  return { kind: "quotes", speaker, resolved: resolved.actor, groups: groupBySpeaker(library, theirs) };
}

function groupBySpeaker(library: Library, list: readonly Quote[]): QuotesAnswer["groups"] {
  const groups = new Map<string | null, Quote[]>();
  for (const quote of list) groups.set(quote.speaker, [...(groups.get(quote.speaker) ?? []), quote]);
  const unattributedLast = [...groups.entries()].sort(([a], [b]) => Number(a === null) - Number(b === null));
  return unattributedLast.map(([name, group]) => ({
    speaker: name === null ? null : (library.actorByName.get(name) ?? ({ name, kind: "person", aliases: [name] } satisfies Actor)),
    quotes: group.map((quote) => ({ quote, passage: cite(library, library.passageById.get(quote.passage)!) })),
  }));
}
