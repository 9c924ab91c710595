import { parse as parseYaml } from "yaml";
import { type Article, docIdSchema, frontMatterSchema, titleSchema } from "./article";

/** An article file that cannot be used, with the reason in words a moderator can act on. */
export class CorpusFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = "CorpusFileError";
  }
}

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Decodes bytes as UTF-8, refusing anything that is not.
 * @throws CorpusFileError naming `file`
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new CorpusFileError(file, "is not valid UTF-8 text");
  }
}

/** Splits a body into paragraphs at blank lines, folding whitespace inside each. */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph.length > 0);
}

/**
 * Parses a corpus file: YAML front matter between `---` fences, then the body.
 * @param id the document id (the file name without its extension)
 * @param text the file's text
 * @param file the file name used in error messages
 * @throws CorpusFileError when the id, the front matter or the body is unusable
 */
export function parseArticle(id: string, text: string, file: string): Article {
  assertDocId(id, file);
  const fence = FENCE.exec(text);
  if (!fence) throw new CorpusFileError(file, "has no front matter: start the file with a --- line, a title: line and another --- line");
  const data = parseFrontMatter(fence[1] ?? "", file);
  const meta = frontMatterSchema.safeParse(data);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    const field = issue?.path.join(".") || "front matter";
    throw new CorpusFileError(file, `${field}: ${issue?.message ?? "invalid"}`);
  }
  const paragraphs = splitParagraphs(text.slice(fence[0].length));
  if (paragraphs.length === 0) throw new CorpusFileError(file, "has an empty body: add the article's paragraphs after the front matter");

  const { title, url, source, published, date, author, license } = meta.data;
  return dropUndefined({ id, title, url, source, published: published ?? date, author, license, paragraphs });
}

/**
 * Reads front matter as YAML. Hand-written front matter often has a colon inside a plain value
 * (`notes: caption omitted ("Image: Sgt. Dion")`), which strict YAML refuses; when every line is a
 * flat `key: value`, read it that way instead of rejecting the article.
 */
function parseFrontMatter(text: string, file: string): unknown {
  try {
    return parseYaml(text) ?? {};
  } catch (error) {
    const flat = readFlatKeyValues(text);
    if (flat) return flat;
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new CorpusFileError(file, `front matter is not valid YAML${line ? ` (line ${line + 1})` : ""}: ${(error as Error).message.split("\n")[0]}`);
  }
}

const FLAT_LINE = /^([A-Za-z_][\w-]*):[ \t]+(?![[{])(.*)$/;

function readFlatKeyValues(text: string): Record<string, string> | null {
  const entries: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const match = FLAT_LINE.exec(line);
    if (!match) return null;
    entries.push([match[1]!, unquote(match[2]!.replace(/\s+#\s.*$/, "").trim())]);
  }
  return Object.fromEntries(entries);
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$/.exec(value);
  if (quoted) return quoted[1]!.replace(/\\"/g, '"');
  return /^'(.*)'$/.exec(value)?.[1]?.replace(/''/g, "'") ?? value;
}

/**
 * Parses plain text whose first line is the title and whose rest is the body.
 * @throws CorpusFileError when there is no title or no body
 */
export function parsePlainArticle(id: string, text: string, file: string): Article {
  assertDocId(id, file);
  const [first = "", ...rest] = text.split(/\r?\n/);
  const title = titleSchema.safeParse(first);
  if (!title.success) {
    const problem = title.error.issues[0]?.code === "too_small" ? "has no title: the first line must be the article's title" : `title: ${title.error.issues[0]?.message}`;
    throw new CorpusFileError(file, problem);
  }
  const paragraphs = splitParagraphs(rest.join("\n"));
  if (paragraphs.length === 0) throw new CorpusFileError(file, "has an empty body: add the article's paragraphs after the title line");
  return { id, title: title.data, paragraphs };
}

function assertDocId(id: string, file: string): void {
  const check = docIdSchema.safeParse(id);
  if (!check.success) throw new CorpusFileError(file, `file name: ${check.error.issues[0]?.message ?? "not a valid document id"}`);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
