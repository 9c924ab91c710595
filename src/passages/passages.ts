import type { Article } from "../corpus/article";
import { splitSentences } from "./sentences";

/** One citable sentence of an article. */
export interface Passage {
  /** The citation id: `doc:paragraph.sentence`, both counted from 1. */
  id: string;
  doc: string;
  paragraph: number;
  sentence: number;
  /** The sentence exactly as the article has it. */
  text: string;
}

/** Builds the citation id of a sentence. */
export function citationId(doc: string, paragraph: number, sentence: number): string {
  return `${doc}:${paragraph}.${sentence}`;
}

const CITATION_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*):(\d+)\.(\d+)$/;

/** Reads a citation id back into its parts, or returns null when it is not one. */
export function parseCitationId(id: string): { doc: string; paragraph: number; sentence: number } | null {
  const match = CITATION_PATTERN.exec(id.trim());
  if (!match) return null;
  return { doc: match[1]!, paragraph: Number(match[2]), sentence: Number(match[3]) };
}

/**
 * Splits an article into citable sentences. Ids depend only on the article's text,
 * so they stay the same as long as the file is unchanged.
 */
export function toPassages(article: Article): Passage[] {
  return article.paragraphs.flatMap((paragraphText, p) =>
    splitSentences(paragraphText).map((span, s) => ({
      id: citationId(article.id, p + 1, s + 1),
      doc: article.id,
      paragraph: p + 1,
      sentence: s + 1,
      text: span.text,
    })),
  );
}
