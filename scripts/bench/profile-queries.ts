import { Engine } from "../../src/answers/engine";
import { generateCorpus } from "./generate";
import { percentile, round, timed } from "./measure";
import { buildQueries, QUERY_KINDS } from "./queries";
import { runQuery } from "./subject";

/**
 * Query time by kind on one corpus size, for a CPU profile of the engine's answers:
 * `node --import tsx --cpu-prof scripts/bench/profile-queries.ts [articles] [kind] [count]`.
 */
const size = Number(process.argv[2] ?? 1000);
const only = process.argv[3];
const count = Number(process.argv[4] ?? 50);
const corpus = generateCorpus(size);
const engine = timed(() => Engine.fromArticles(corpus.articles));
console.log(`built ${size} articles in ${round(engine.ms, 0)} ms`);
const queries = buildQueries(corpus, count);
for (const kind of QUERY_KINDS) {
  if (only && kind !== only) continue;
  const times = queries.filter((q) => q.kind === kind).map((q) => timed(() => runQuery(engine.value, q)).ms);
  console.log(kind.padEnd(16), "p50", round(percentile(times, 50), 3), "p99", round(percentile(times, 99), 3));
}
