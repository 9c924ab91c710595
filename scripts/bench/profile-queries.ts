import os from "node:os";
import path from "node:path";
import { Engine } from "../../src/answers/engine";
import { corpusHash, loadSnapshot, saveSnapshot, SnapshotError } from "../../src/index/snapshot";
import { generateCorpus } from "./generate";
import { percentile, round, timed, timedAsync } from "./measure";
import { buildQueries, QUERY_KINDS } from "./queries";
import { runQuery } from "./subject";

/**
 * Query time by kind on one corpus size, for a CPU profile of the engine's answers:
 * `node --import tsx --cpu-prof scripts/bench/profile-queries.ts [articles] [kind] [count]`.
 * The engine is kept as a snapshot in the temporary folder, so a second run starts in seconds;
 * the slowest queries of each kind are listed.
 */
const size = Number(process.argv[2] ?? 1000);
const only = process.argv[3];
const count = Number(process.argv[4] ?? 50);
const corpus = generateCorpus(size);
const cached = path.join(os.tmpdir(), `citebot-profile-${size}.snapshot`);
// A snapshot of another corpus or format version (older code) is built again.
const engine = await timedAsync(() =>
  loadSnapshot(cached, corpusHash(corpus.articles)).catch(async (error: unknown) => {
    if (!(error instanceof SnapshotError)) throw error;
    const built = await Engine.build(corpus.articles);
    await saveSnapshot(built, cached);
    return built;
  }),
);
console.log(`${size} articles ready in ${round(engine.ms, 0)} ms (snapshot ${cached})`);
const queries = buildQueries(corpus, count);
for (const kind of QUERY_KINDS) {
  if (only && kind !== only) continue;
  const timedQueries = queries.filter((q) => q.kind === kind).map((query) => ({ query, ms: timed(() => runQuery(engine.value, query)).ms }));
  const times = timedQueries.map((q) => q.ms);
  console.log(kind.padEnd(16), "p50", round(percentile(times, 50), 3), "p99", round(percentile(times, 99), 3));
  for (const { query, ms } of timedQueries.sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    console.log(`  ${round(ms, 2)} ms  ${JSON.stringify({ text: query.text, topic: query.topic, list: query.list })}`);
  }
}
