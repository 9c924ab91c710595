import type { Answer } from "../answers/types";

/**
 * The CLI's JSON view of an answer: a small, stable shape per command, for tools and tests.
 * Citations are given as `doc` and `passage` (the citation id).
 */
export function toJson(answer: Answer): Record<string, unknown> {
  switch (answer.kind) {
    case "ask":
      return {
        results: answer.results.map(({ passage, score }) => ({ doc: passage.article.doc, passage: passage.citation, text: passage.text, score })),
      };
    case "who-said":
      return {
        matches: answer.matches.map((match) => ({
          speaker: match.speaker?.name ?? match.quote.speaker,
          quote: match.quote.text,
          doc: match.passage.article.doc,
          passage: match.passage.citation,
          text: match.passage.text,
          ...(match.quote.hedge ? { hedge: match.quote.hedge } : {}),
          misquoted: match.misquoted,
        })),
      };
    case "position":
      return {
        actor: answer.resolved?.name ?? null,
        members: answer.members,
        offset: answer.offset,
        total: answer.total,
        results: answer.results.map(({ passage, speaker }) => ({ doc: passage.article.doc, passage: passage.citation, text: passage.text, speaker })),
      };
    case "quotes":
      return {
        quotes: answer.groups.flatMap((group) =>
          group.quotes.map(({ quote, passage }) => ({
            speaker: group.speaker?.name ?? null,
            quote: quote.text,
            doc: passage.article.doc,
            passage: passage.citation,
          })),
        ),
      };
    case "source": {
      const found = answer.passage;
      return {
        doc: found?.article.doc ?? null,
        passage: found?.citation ?? null,
        text: found?.text ?? null,
        title: found?.article.title ?? null,
        url: found?.article.url ?? null,
        ...(found ? {} : { suggestions: answer.suggestions }),
      };
    }
  }
}
