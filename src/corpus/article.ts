import { z } from "zod";

/** A document id: a lowercase slug, safe as a file name and inside a citation id. */
export const DOC_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const docIdSchema = z
  .string()
  .max(80, "a document id has at most 80 characters")
  .regex(DOC_ID_PATTERN, "a document id is lowercase letters, digits and single hyphens, such as putin-us-peace-plan");

/** YAML dates arrive as Date objects; keep the calendar day the file wrote. */
const dateField = z
  .union([z.date(), z.string().trim().min(1)])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value));

/** The front matter of a corpus file. Unknown keys are allowed and ignored. */
export const frontMatterSchema = z.looseObject({
  title: z.string({ error: "the front matter needs a title" }).trim().min(1, "the title is empty"),
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
