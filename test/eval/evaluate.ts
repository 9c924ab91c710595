import { readFileSync } from "node:fs";
import { z } from "zod";
import { Engine } from "../../src/answers/engine";
import { loadCorpus } from "../../src/corpus/load";

/**
 * The evaluation: gold questions over the seed article and the Wikinews fixtures, all loaded
 * into one engine so that every article is a distractor for the others.
 */

const goldDir = new URL("./gold/", import.meta.url);
const read = <T extends z.ZodType>(file: string, schema: T): z.infer<T> =>
  schema.parse(JSON.parse(readFileSync(new URL(file, goldDir), "utf8")));

const whoSaidGold = z.array(z.object({ doc: z.string(), passage: z.string(), quote: z.string(), speaker: z.array(z.string()).min(1) }));
const absentGold = z.array(z.object({ query: z.string() }));
const askGold = z.array(z.object({ question: z.string(), passages: z.array(z.string()).min(1) }));
const positionGold = z.array(
  z.object({
    actor: z.string(),
    topic: z.string().optional(),
    resolved: z.string(),
    members: z.array(z.string()).optional(),
    notMembers: z.array(z.string()).optional(),
    passages: z.array(z.string()).min(1),
  }),
);

/** One command's score: how many cases were right, and which were not. */
export interface Score {
  right: number;
  total: number;
  failures: string[];
}

export interface EvaluationReport {
  whoSaid: Score;
  whoSaidTypos: Score;
  whoSaidVariants: Score;
  absent: Score;
  ask: Score;
  position: Score;
}

/** Builds the evaluation engine over the seed corpus and the Wikinews fixtures. */
export async function evaluationEngine(): Promise<Engine> {
  const folders = await Promise.all(["corpus", "test/fixtures/wikinews"].map((dir) => loadCorpus(dir)));
  const rejected = folders.flatMap((folder) => folder.rejected);
  if (rejected.length > 0) throw new Error(`evaluation articles rejected: ${rejected.map((error) => error.message).join("; ")}`);
  return Engine.fromArticles(folders.flatMap((folder) => folder.articles));
}

/** A typo a person makes: two letters of the longest word swapped. */
export function withTypo(text: string): string {
  const words = text.split(" ");
  const longest = words.reduce((best, word, at) => (word.length > (words[best]?.length ?? 0) ? at : best), 0);
  const word = words[longest]!;
  if (word.length < 5) return text;
  const mid = Math.floor(word.length / 2);
  words[longest] = word.slice(0, mid - 1) + word[mid] + word[mid - 1] + word.slice(mid + 1);
  return words.join(" ");
}

/** How people type a quote: shouting, straight marks, no punctuation. */
function variants(text: string): string[] {
  return [text.toUpperCase(), text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"'), text.replace(/[^\p{L}\p{N}\s]/gu, "")];
}

function score(cases: Array<{ name: string; right: boolean }>): Score {
  return {
    right: cases.filter((c) => c.right).length,
    total: cases.length,
    failures: cases.filter((c) => !c.right).map((c) => c.name),
  };
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Runs every gold case and scores each command. */
export async function evaluate(engine?: Engine): Promise<EvaluationReport> {
  const subject = engine ?? (await evaluationEngine());
  const whoSaidCases = read("who-said.json", whoSaidGold);

  const attributes = (query: string, gold: z.infer<typeof whoSaidGold>[number]) => {
    const top = subject.whoSaid(query).matches[0];
    const speaker = top?.speaker?.name ?? top?.quote.speaker ?? "(none)";
    const right = top?.passage.citation === gold.passage && gold.speaker.some((name) => sameName(name, speaker));
    return { name: `${query} -> ${speaker} [${top?.passage.citation ?? "no match"}], want ${gold.speaker[0]} [${gold.passage}]`, right };
  };

  return {
    whoSaid: score(whoSaidCases.map((gold) => attributes(gold.quote, gold))),
    whoSaidTypos: score(whoSaidCases.filter((gold) => withTypo(gold.quote) !== gold.quote).map((gold) => attributes(withTypo(gold.quote), gold))),
    whoSaidVariants: score(whoSaidCases.flatMap((gold) => variants(gold.quote).map((variant) => attributes(variant, gold)))),
    absent: score(
      read("who-said-absent.json", absentGold).map(({ query }) => {
        const matches = subject.whoSaid(query).matches;
        return { name: `${query} -> ${matches[0]?.quote.text ?? "not in corpus"}`, right: matches.length === 0 };
      }),
    ),
    ask: score(
      read("ask.json", askGold).map(({ question, passages }) => {
        const top = subject.ask(question).results[0]?.passage.citation ?? "(none)";
        return { name: `${question} -> ${top}, want ${passages.join(" or ")}`, right: passages.includes(top) };
      }),
    ),
    position: score(
      read("position.json", positionGold).map((gold) => {
        // Every result, not the first page: the gold passages may be anywhere among them.
        const answer = subject.position(gold.actor, gold.topic, { offset: 0, limit: Number.MAX_SAFE_INTEGER });
        const found = new Set(answer.results.map((result) => result.passage.citation));
        const missing = gold.passages.filter((passage) => !found.has(passage));
        const missingMembers = (gold.members ?? []).filter((member) => !answer.members.some((name) => sameName(name, member)));
        const wrongMembers = (gold.notMembers ?? []).filter((member) => answer.members.some((name) => sameName(name, member)));
        const right = answer.resolved !== null && sameName(answer.resolved.name, gold.resolved) && missing.length === 0 && missingMembers.length === 0 && wrongMembers.length === 0;
        const name = `${gold.actor}${gold.topic ? ` on ${gold.topic}` : ""} -> ${answer.resolved?.name ?? "unknown"}; missing ${[...missing, ...missingMembers].join(", ") || "nothing"}${wrongMembers.length > 0 ? `; wrongly counts ${wrongMembers.join(", ")}` : ""}`;
        return { name, right };
      }),
    ),
  };
}
