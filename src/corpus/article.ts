import { z } from "zod";

/** A document id: a lowercase slug, safe as a file name and inside a citation id. */
export const DOC_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const docIdSchema = z
  .string()
  .max(80, "a document id has at most 80 characters")
  .regex(DOC_ID_PATTERN, "a document id is lowercase letters, digits and single hyphens, such as putin-us-peace-plan");

/** Titles longer than this are not headlines. */
export const MAX_TITLE_LENGTH = 300;

/** Control and bidirectional-override characters: invisible, and able to make a title read backwards. */
const INVISIBLE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A title as shown in citations: without invisible controls, whitespace folded. */
export function cleanTitle(raw: string): string {
  return raw.replace(INVISIBLE_CONTROLS, "").replace(/\s+/g, " ").trim();
}

/** A headline: cleaned, not empty, not longer than a headline. */
export const titleSchema = z
  .string({ error: "the front matter needs a title" })
  .transform(cleanTitle)
  .pipe(
    z
      .string()
      .min(1, "the title is empty")
      .max(MAX_TITLE_LENGTH, `the title has more than ${MAX_TITLE_LENGTH} characters: give the headline only`),
  );

/** YAML dates arrive as Date objects; keep the calendar day the file wrote. */
const dateField = z
  .union([z.date(), z.string().trim().min(1)])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value));

/** The front matter of a corpus file. Unknown keys are allowed and ignored. */
export const frontMatterSchema = z.looseObject({
  title: titleSchema,
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) link" }).optional(),
  source: z.string().trim().min(1).optional(),
  published: dateField.optional(),
  date: dateField.optional(),
  author: z.string().trim().min(1).optional(),
  license: z.string().trim().min(1).optional(),
});

/** One article of the corpus, parsed and validated. */
export interface Article {
  /** The document id, taken from the file name. */
  id: string;
  title: string;
  url?: string;
  source?: string;
  published?: string;
  author?: string;
  license?: string;
  /** Body paragraphs in order, whitespace inside each folded to single spaces. */
  paragraphs: string[];
}
