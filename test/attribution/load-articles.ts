import { readFileSync, readdirSync } from "node:fs";
import type { Article } from "../../src/corpus/article";
import { splitParagraphs } from "../../src/corpus/parse";
import { toPassages, type Passage } from "../../src/passages/passages";

/** An article with its passages, as attribution sees it. */
export interface LoadedArticle {
  article: Article;
  passages: Passage[];
}

const FILES = [
  "corpus/putin-us-peace-plan.md",
  ...readdirSync("test/fixtures/wikinews")
    .filter((file) => file.endsWith(".md"))
    .map((file) => `test/fixtures/wikinews/${file}`),
];

/**
 * The seed article and the Wikinews fixtures. Only the bodies matter to attribution, so the
 * front matter is skipped rather than validated: a metadata problem in a fixture must not hide
 * an attribution regression (the corpus tests check front matter).
 */
export function loadEvaluationArticles(): LoadedArticle[] {
  return FILES.map((file) => {
    const id = file.split("/").at(-1)!.replace(/\.md$/, "");
    const body = readFileSync(file, "utf8").replace(/^---[\s\S]*?\n---[ \t]*\r?\n/, "");
    const article: Article = { id, title: id, paragraphs: splitParagraphs(body) };
    return { article, passages: toPassages(article) };
  });
}
