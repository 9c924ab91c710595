import { cite, type Library } from "./library";
import type { AskAnswer } from "./types";

/** Answers a question with the article sentences that best match it, best first. */
export function ask(library: Library, question: string, limit = 5): AskAnswer {
  const hits = library.passageIndex.find(question, { limit });
  return {
    kind: "ask",
    question,
    results: hits.map((hit, rank) => ({
      passage: cite(library, library.passageById.get(hit.id)!),
      score: Math.round(hit.score * 100) / 100,
      best: rank === 0,
    })),
  };
}
