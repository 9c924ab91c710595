import { DOC_ID_PATTERN } from "./article";

/** The longest slug derived from a title; room is left for a "-2" suffix under the 80-character id limit. */
const MAX_SLUG_LENGTH = 60;

/**
 * Derives a document id from a title: ASCII letters and digits joined by single hyphens,
 * cut at a word boundary. A title with no letters or digits gives "article".
 */
export function slugify(title: string): string {
  const words = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // the accents NFKD splits off: "Żagań" becomes "zagan"
    .toLowerCase()
    .replace(/['’]/g, "") // "Putin's" -> "putins", not "putin-s"
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  // A single word longer than the limit: cut it rather than lose it.
  if (!slug && words[0]) slug = words[0].slice(0, MAX_SLUG_LENGTH);
  return slug || "article";
}

/** The slug of `title`, with -2, -3, … appended until `taken` no longer has it. */
export function uniqueSlug(title: string, taken: (id: string) => boolean): string {
  const base = slugify(title);
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  if (!DOC_ID_PATTERN.test(id)) throw new Error(`derived id "${id}" is not a valid document id`);
  return id;
}
