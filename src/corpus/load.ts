import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Article } from "./article";
import { CorpusFileError, decodeUtf8, parseArticle, parsePlainArticle } from "./parse";

/** The result of reading a corpus folder: what loaded, and what was rejected and why. */
export interface LoadedCorpus {
  dir: string;
  articles: Article[];
  rejected: CorpusFileError[];
}

/** Corpus files: front matter (.md) or plain text with the title on the first line (.txt). */
const ARTICLE_EXTENSIONS = [".md", ".txt"] as const;

/**
 * Reads every article file of a corpus folder. A bad file is rejected with its reason;
 * the other files still load. Files load in name order, so ids and citations are stable.
 * @throws Error when the folder itself cannot be read
 */
export async function loadCorpus(dir: string): Promise<LoadedCorpus> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`corpus folder ${dir}: ${error.code === "ENOENT" ? "does not exist" : error.message}`);
  });
  const files = entries
    .filter((entry) => entry.isFile() && ARTICLE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => entry.name)
    .sort(byIdThenMarkdownFirst);

  const articles: Article[] = [];
  const rejected: CorpusFileError[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const id = path.parse(file).name;
    const earlier = seen.get(id);
    if (earlier) {
      rejected.push(new CorpusFileError(file, `duplicate document id "${id}": ${earlier} already has it`));
      continue;
    }
    try {
      const text = decodeUtf8(await readFile(path.join(dir, file)), file);
      articles.push(file.endsWith(".md") ? parseArticle(id, text, file) : parsePlainArticle(id, text, file));
      seen.set(id, file);
    } catch (error) {
      if (!(error instanceof CorpusFileError)) throw error;
      rejected.push(error);
    }
  }
  return { dir, articles, rejected };
}

function byIdThenMarkdownFirst(a: string, b: string): number {
  const [idA, idB] = [path.parse(a).name, path.parse(b).name];
  if (idA !== idB) return idA < idB ? -1 : 1;
  return a.endsWith(".md") ? -1 : 1;
}
