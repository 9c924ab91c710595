import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/attribution/analyze";
import type { ArticleAnalysis, Quote } from "../../src/attribution/types";
import { loadEvaluationArticles } from "./load-articles";

interface GoldQuote {
  doc: string;
  passage: string;
  quote: string;
  speaker: string[];
}

const gold: GoldQuote[] = JSON.parse(readFileSync("test/eval/gold/who-said.json", "utf8"));
const articles = loadEvaluationArticles();
const analyses = new Map<string, ArticleAnalysis>(articles.map(({ article, passages }) => [article.id, analyzeArticle(article, passages)]));

/** Compares names and quotes the way a reader would: case and apostrophe style do not matter. */
const norm = (text: string) => text.replace(/[’‘]/g, "'").toLowerCase().trim();

function findQuote(entry: GoldQuote): Quote | undefined {
  return analyses.get(entry.doc)?.quotes.find((q) => q.passage === entry.passage && norm(q.text).includes(norm(entry.quote)));
}

function isRight(entry: GoldQuote): boolean {
  const quote = findQuote(entry);
  return Boolean(quote?.speaker && entry.speaker.some((name) => norm(name) === norm(quote.speaker!)));
}

describe("attribution against the human-annotated gold", () => {
  it("covers every evaluation article", () => {
    expect(new Set(gold.map((g) => g.doc))).toEqual(new Set(articles.map((a) => a.article.id)));
  });

  it("finds every gold quote and attributes it to an accepted speaker", () => {
    const lines: string[] = [];
    for (const { article } of articles) {
      const cases = gold.filter((g) => g.doc === article.id);
      const right = cases.filter(isRight).length;
      const found = analyses.get(article.id)!.quotes.length;
      lines.push(`  ${article.id}: ${right}/${cases.length} right (${found} quotes extracted)`);
    }
    const right = gold.filter(isRight).length;
    console.log(`who-said attribution accuracy: ${right}/${gold.length} = ${((100 * right) / gold.length).toFixed(1)}%\n${lines.join("\n")}`);
    const wrong = gold.filter((g) => !isRight(g)).map((g) => `${g.passage} "${g.quote}" -> ${findQuote(g)?.speaker ?? "(quote not found or no speaker)"}`);
    expect(wrong).toEqual([]);
  });

  it("extracts no quote that the gold does not have", () => {
    const extra = [...analyses.values()]
      .flatMap((a) => a.quotes)
      .filter((q) => !gold.some((g) => g.passage === q.passage && norm(q.text).includes(norm(g.quote))))
      .map((q) => `${q.passage} "${q.text}"`);
    expect(extra).toEqual([]);
  });

  it("keeps every quote's offsets true to its passage", () => {
    for (const { article, passages } of articles) {
      for (const quote of analyses.get(article.id)!.quotes) {
        expect(passages.find((p) => p.id === quote.passage)!.text.slice(quote.start, quote.end)).toBe(quote.text);
      }
    }
  });
});

describe("the product owner's requirements on the seed article", () => {
  const seed = analyses.get("putin-us-peace-plan")!;
  const quote = (fragment: string) => seed.quotes.find((q) => q.text.includes(fragment))!;

  it.each([
    ["it does take two to tango", "Donald Trump"],
    ["wasting the world’s time", "Andrii Sybhia"],
    ["no compromise", "Yuri Ushakov"],
    ["Either we take back these territories", "Vladimir Putin"],
    ["need to wait for promises from Russia", "Ukraine’s ambassador to the US"],
    ["expressed himself in those terms", "Élysée Palace"],
  ])("%s -> %s", (fragment, speaker) => {
    expect(quote(fragment).speaker).toBe(speaker);
  });

  it("resolves the Russian leader as a role noun", () => {
    expect(quote("Either we take back these territories").method).toBe("role");
  });

  it("keeps the hedges on Macron's and Merz's words", () => {
    expect(quote("there is a possibility").hedge).toContain("reportedly");
    expect(quote("there is a possibility").hedge).toContain("according to an English transcript");
    expect(quote("extremely careful").hedge).toContain("allegedly");
  });

  it("merges Putin's forms into one actor with title and party", () => {
    const putin = seed.actors.find((a) => a.name === "Vladimir Putin")!;
    expect(putin).toMatchObject({ kind: "person", title: "President", party: "Russia" });
    expect(putin.aliases).toEqual(expect.arrayContaining(["Putin", "President Putin", "Vladimir Putin", "the Russian leader"]));
    expect(seed.actors.filter((a) => a.aliases.includes("Putin"))).toHaveLength(1);
  });

  it("infers a party from the paragraph when the article gives no demonym", () => {
    expect(seed.actors.find((a) => a.name === "Andrii Sybhia")).toMatchObject({ title: "Foreign Minister", party: "Ukraine" });
  });

  it("lists people named with a title even when they never speak", () => {
    expect(seed.actors.find((a) => a.name === "Steve Witkoff")?.title).toBe("envoy");
  });
});
