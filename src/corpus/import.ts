import path from "node:path";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { z } from "zod";
import { Engine } from "../answers/engine";
import { cleanTitle, MAX_TITLE_LENGTH } from "./article";
import { type FetchOptions, fetchPage, ImportError } from "./fetch";
import { CorpusFileError, decodeUtf8, parseArticle, parsePlainArticle } from "./parse";
import { slugify } from "./slug";
import type { ArticleDraft } from "./store";

export { ImportError };

/** What a moderator sees before publishing: nothing has changed yet. */
export interface ArticlePreview {
  /** The article as it would be stored. */
  draft: ArticleDraft;
  /** Where it came from: the link after redirects, or the file name. */
  origin: string;
  title: string;
  source?: string;
  published?: string;
  firstParagraph: string;
  /** What the engine finds in this article alone. */
  passages: number;
  quotes: number;
  speakers: number;
}

/** The largest file a moderator may upload. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Less article text than this is a page that is not an article (an index, a paywall, an error page). */
const MIN_ARTICLE_CHARS = 200;

const envSchema = z.object({
  CORPUS_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false", ""], { error: "CORPUS_ALLOW_PRIVATE_URLS must be true or false" })
    .optional()
    .transform((value) => value === "true"),
});

/**
 * The fetch settings from the environment: CORPUS_ALLOW_PRIVATE_URLS=true lets links reach
 * loopback and private addresses (tests, self-hosted sources); off by default.
 * @throws z.ZodError when the variable is neither true nor false
 */
export function fetchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FetchOptions {
  return { allowPrivate: envSchema.parse(env).CORPUS_ALLOW_PRIVATE_URLS };
}

/**
 * Fetches a news page and previews the article in it.
 * @throws ImportError when the link is refused, the page cannot be fetched, or it holds no article
 */
export async function previewLink(link: string, options: FetchOptions = {}): Promise<ArticlePreview> {
  const page = await fetchPage(link, options);
  return preview(extractArticle(page.html, page.url), page.url);
}

/**
 * Previews an uploaded file: .md in the corpus format (front matter with a title) or .txt
 * with the title on the first line.
 * @throws ImportError naming the file and what is wrong with it
 */
export function previewFile(bytes: Uint8Array, name: string, maxBytes = MAX_FILE_BYTES): ArticlePreview {
  const file = path.basename(name);
  const extension = path.extname(file).toLowerCase();
  if (extension !== ".md" && extension !== ".txt") throw new ImportError(`${file}: only .md (with front matter) and .txt (title on the first line) files can be added`);
  if (bytes.length > maxBytes) throw new ImportError(`${file}: is ${Math.ceil(bytes.length / 1024)} KiB; the limit is ${maxBytes / 1024} KiB`);
  if (bytes.includes(0)) throw new ImportError(`${file}: is not a text file (it contains NUL bytes)`);
  try {
    const text = decodeUtf8(bytes, file);
    // The id is the store's to choose on publish; "upload" only satisfies the parser.
    const { id: _, ...draft } = extension === ".md" ? parseArticle("upload", text, file) : parsePlainArticle("upload", text, file);
    return preview(draft, file);
  } catch (error) {
    if (error instanceof CorpusFileError) throw new ImportError(error.message);
    throw error;
  }
}

/**
 * Finds the article in a web page: title, byline, date and site from the page's metadata,
 * paragraphs from the main text as Readability sees it (navigation, ads and footers dropped).
 * @throws ImportError when the page holds no article text
 */
export function extractArticle(html: string, url: string): ArticleDraft {
  const { document } = parseHTML(html);
  const meta = (...names: string[]) => {
    for (const name of names) {
      const content = document.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`)?.getAttribute("content")?.trim();
      if (content) return content;
    }
    return undefined;
  };
  // Readability rewrites the document, so read the metadata first.
  const title = meta("og:title", "twitter:title");
  const site = meta("og:site_name", "application-name");
  const date = meta("article:published_time", "datePublished", "date", "dc.date") ?? document.querySelector("time[datetime]")?.getAttribute("datetime") ?? undefined;
  const author = meta("author", "article:author");

  const readable = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const byline = readable?.byline?.replace(/^by\s+/i, "").trim() || author;
  const paragraphs = paragraphsOf(readable?.content ?? "").filter((text, at) => !isByline(text, at, byline));
  const chars = paragraphs.reduce((sum, text) => sum + text.length, 0);
  if (chars < MIN_ARTICLE_CHARS) throw new ImportError(`${url} holds no article text that could be found: link to the article itself, or upload it as a .md or .txt file`);

  const host = new URL(url).hostname.replace(/^www\./, "");
  const headline = cleanTitle(title || readable?.title || host);
  if (headline.length > MAX_TITLE_LENGTH) throw new ImportError(`${url}: the page's title has more than ${MAX_TITLE_LENGTH} characters; upload the article as a .md or .txt file with its headline`);
  return dropUndefined({
    title: headline,
    url,
    source: site ?? readable?.siteName?.trim() ?? host,
    published: calendarDay(readable?.publishedTime ?? date),
    author: byline,
    paragraphs,
  });
}

/** Counts what the engine finds in one article, by building a throwaway engine of it alone. */
export function preview(draft: ArticleDraft, origin: string): ArticlePreview {
  const { passages, quotes, speakers } = Engine.fromArticles([{ ...draft, id: slugify(draft.title) }]).stats();
  return dropUndefined({
    draft,
    origin,
    title: draft.title,
    source: draft.source,
    published: draft.published,
    firstParagraph: draft.paragraphs[0] ?? "",
    passages,
    quotes,
    speakers,
  });
}

/** The text of each paragraph of Readability's article HTML, whitespace folded. */
function paragraphsOf(content: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${content}</body></html>`);
  return [...document.querySelectorAll("p")]
    .map((p) => (p.textContent ?? "").replace(/\s+/g, " ").trim())
    .filter((text) => text.length > 0);
}

/** "By Jane Doe" at the top of an article is the byline, not a sentence of it; "By Tuesday, troops arrived." is a sentence. */
function isByline(text: string, at: number, byline: string | undefined): boolean {
  if (at > 1) return false;
  return (byline !== undefined && text.replace(/^by\s+/i, "") === byline) || /^by\s+[^.!?]{1,60}$/i.test(text);
}

/** "2017-01-13T10:00:00Z" -> "2017-01-13"; other date forms as the day they name; undefined when none. */
function calendarDay(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : new Date(time).toISOString().slice(0, 10);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
