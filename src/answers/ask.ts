import { cite, type Library } from "./library";
import type { AskAnswer } from "./types";

/** How much the best other matching sentence of the same paragraph adds to a sentence's score. */
const PARAGRAPH_CONTEXT = 0.3;
/** Candidates looked at per result given, so that context can reorder them. */
const CANDIDATES_PER_RESULT = 4;

/**
 * Answers a question with the article sentences that best match it, best first. A sentence
 * whose paragraph also matches the question ranks higher: the paragraph is what it is about.
 */
export function ask(library: Library, question: string, limit = 5): AskAnswer {
  const hits = library.passageIndex.find(question, { limit: limit * CANDIDATES_PER_RESULT });
  const paragraphKey = (id: string) => {
    const passage = library.passageById.get(id)!;
    return `${passage.doc}:${passage.paragraph}`;
  };
  const ranked = hits
    .map((hit) => {
      const key = paragraphKey(hit.id);
      const context = Math.max(0, ...hits.filter((other) => other !== hit && paragraphKey(other.id) === key).map((other) => other.score));
      return { ...hit, score: hit.score + PARAGRAPH_CONTEXT * context };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
  return {
    kind: "ask",
    question,
    results: ranked.map((hit, rank) => ({
      passage: cite(library, library.passageById.get(hit.id)!),
      score: Math.round(hit.score * 100) / 100,
      best: rank === 0,
    })),
  };
}
