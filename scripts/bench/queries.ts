import { splitSentences } from "../../src/passages/sentences";
import type { GeneratedCorpus } from "./generate";
import { Rng } from "./random";

/**
 * The fixed, seeded queries the benchmark times, drawn from the corpus being measured so that
 * most of them have answers: questions built from an article sentence's words, quotes copied
 * exactly or with typos, words no one said, speakers with and without a topic, and prefixes
 * a user types into autocomplete.
 */

export type QueryKind = "ask" | "who-said" | "who-said-typo" | "who-said-absent" | "position" | "complete" | "source";

export const QUERY_KINDS: readonly QueryKind[] = ["ask", "who-said", "who-said-typo", "who-said-absent", "position", "complete", "source"];

export interface BenchQuery {
  kind: QueryKind;
  /** The text a user typed (the question, the words, the actor, the prefix or the citation). */
  text: string;
  /** The topic of a position query. */
  topic?: string;
  /** The list an autocomplete query completes from. */
  list?: "actors" | "speakers" | "citations";
  /** What a plain full-text library is asked for the same query. */
  baseline: string;
}

const COMMON = "the a of to and in that we our will not is for with this must be have they are".split(" ");

/** A word with one typo: two letters swapped, one replaced, or one dropped. */
export function typo(word: string, rng: Rng): string {
  if (word.length < 5) return word;
  const at = rng.int(1, word.length - 2);
  const op = rng.int(0, 2);
  if (op === 0) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  if (op === 1) return word.slice(0, at) + "etaoinsr"[rng.int(0, 7)] + word.slice(at + 1);
  return word.slice(0, at) + word.slice(at + 1);
}

function withTypos(text: string, rng: Rng, count: number): string {
  const words = text.split(" ");
  const long = words.map((word, k) => (/^[\p{L}]{5,}$/u.test(word) ? k : -1)).filter((k) => k >= 0);
  for (let n = 0; n < count && long.length > 0; n++) {
    const k = long.splice(rng.int(0, long.length - 1), 1)[0]!;
    words[k] = typo(words[k]!, rng);
  }
  return words.join(" ");
}

function contentWords(text: string): string[] {
  return [...text.matchAll(/[\p{L}][\p{L}’'-]{3,}/gu)].map((m) => m[0]).filter((w) => !COMMON.includes(w.toLowerCase()));
}

/** `perKind` queries of every kind for this corpus; the same corpus and seed give the same queries. */
export function buildQueries(corpus: GeneratedCorpus, perKind: number, seed = 7): BenchQuery[] {
  const rng = Rng.derive(seed, "queries", corpus.articles.length);
  const queries: BenchQuery[] = [];
  const randomSentence = (): { text: string; citation: string } => {
    const article = rng.pick(corpus.articles);
    const p = rng.int(0, article.paragraphs.length - 1);
    const sentences = splitSentences(article.paragraphs[p]!);
    const s = rng.int(0, sentences.length - 1);
    return { text: sentences[s]!.text, citation: `${article.id}:${p + 1}.${s + 1}` };
  };
  const surname = (name: string): string => name.split(" ").at(-1)!;

  for (let n = 0; n < perKind; n++) {
    // ask: the words of a sentence, as a question or as keywords, sometimes with a typo.
    const words = contentWords(randomSentence().text);
    const start = rng.int(0, Math.max(0, words.length - 4));
    const picked = words.slice(start, start + rng.int(2, 4));
    const speaker = rng.pick(corpus.speakers);
    const form = rng.int(0, 3);
    let question =
      form === 0
        ? `What did ${surname(speaker.name)} say about ${picked.join(" ")}?`
        : form === 1
          ? `Why ${picked.join(" ")}?`
          : picked.join(" ");
    if (rng.chance(0.2)) question = withTypos(question, rng, 1);
    queries.push({ kind: "ask", text: question, baseline: question });
  }
  for (let n = 0; n < perKind; n++) {
    const quote = rng.pick(corpus.quotes);
    const words = quote.text.split(" ");
    const length = Math.min(words.length, rng.int(5, 10));
    const from = rng.int(0, words.length - length);
    const exact = words.slice(from, from + length).join(" ");
    queries.push({ kind: "who-said", text: exact, baseline: exact });
    const typed = withTypos(exact, rng, rng.int(1, 2));
    queries.push({ kind: "who-said-typo", text: typed, baseline: typed });
  }
  for (let n = 0; n < perKind; n++) {
    const length = rng.int(6, 10);
    const words = Array.from({ length }, (_, k) => (k % 3 === 1 ? rng.pick(COMMON) : corpus.lexicon[rng.int(2000, corpus.lexicon.length - 1)]!));
    const absent = words.join(" ");
    queries.push({ kind: "who-said-absent", text: absent, baseline: absent });
  }
  for (let n = 0; n < perKind; n++) {
    const speaker = rng.pick(corpus.speakers);
    const form = rng.int(0, 3);
    const actor = form === 0 ? speaker.name : form === 1 ? speaker.country.name : surname(speaker.name);
    const topic = rng.chance(0.5) ? rng.pick(contentWords(randomSentence().text).concat("peace")) : undefined;
    queries.push({ kind: "position", text: actor, ...(topic ? { topic } : {}), baseline: topic ? `${actor} ${topic}` : actor });
  }
  for (let n = 0; n < perKind; n++) {
    const form = rng.int(0, 4);
    if (form <= 2) {
      const name = rng.pick(corpus.speakers).name;
      const typed = (form === 2 ? surname(name) : name).slice(0, rng.int(1, 6));
      const prefix = rng.chance(0.5) ? typed.toLowerCase() : typed;
      queries.push({ kind: "complete", list: form === 1 ? "actors" : "speakers", text: prefix, baseline: prefix });
    } else if (form === 3) {
      const id = rng.pick(corpus.articles).id;
      const prefix = id.slice(0, rng.int(2, 8));
      queries.push({ kind: "complete", list: "citations", text: prefix, baseline: prefix });
    } else {
      const words = contentWords(randomSentence().text).slice(0, 2).join(" ");
      const prefix = words.slice(0, Math.max(3, words.length - rng.int(0, 3)));
      queries.push({ kind: "complete", list: "citations", text: prefix, baseline: prefix });
    }
  }
  for (let n = 0; n < perKind; n++) {
    const { citation } = randomSentence();
    const form = rng.int(0, 2);
    const asked = form === 0 ? citation : form === 1 ? citation.replace(/\.(\d+)$/, (_, s: string) => `.${Number(s) + 7}`) : citation.slice(0, -4);
    queries.push({ kind: "source", text: asked, baseline: asked });
  }
  return queries;
}
