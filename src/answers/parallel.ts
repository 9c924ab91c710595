import { availableParallelism } from "node:os";
import type { Article } from "../corpus/article";
import { startTsWorker } from "../ts-worker";
import { analyzeShard, type Shard } from "./shards";

/** Below this many articles, starting workers costs more than it saves. */
const MIN_ARTICLES_FOR_WORKERS = 200;
/** Runs per worker: enough that a worker never waits long for the slowest run. */
const RUNS_PER_WORKER = 6;

/** How many worker threads a build uses by default: one per core, at most four. */
export function defaultBuildThreads(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Reads articles (sorted by id) into shards, in order, on `threads` worker threads: reading the
 * text (sentences, attribution, index terms) is most of a build, and each article is read on
 * its own. With one thread, or a corpus too small to gain from workers, on this thread.
 * @throws Error naming the run of articles that failed, with the worker's reason
 */
export async function analyzeInWorkers(articles: readonly Article[], threads: number): Promise<Shard[]> {
  if (threads <= 1 || articles.length < MIN_ARTICLES_FOR_WORKERS) return [analyzeShard(articles)];
  const size = Math.ceil(articles.length / (threads * RUNS_PER_WORKER));
  const runs: Article[][] = [];
  for (let from = 0; from < articles.length; from += size) runs.push(articles.slice(from, from + size));
  const shards: Shard[] = new Array(runs.length);
  const workers = Array.from({ length: Math.min(threads, runs.length) }, () => startTsWorker(new URL("./shard-worker.ts", import.meta.url), null));
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= runs.length) return resolve();
              const job = next++;
              worker.postMessage({ job, articles: runs[job] });
            };
            worker.on("message", (message: { ready?: true; job?: number; shard?: Shard; error?: string }) => {
              if (message.ready) return give();
              const run = runs[message.job!]!;
              if (message.error !== undefined) return reject(new Error(`reading articles ${run[0]!.id} to ${run.at(-1)!.id}: ${message.error}`));
              shards[message.job!] = message.shard!;
              give();
            });
            worker.once("error", reject);
            worker.once("exit", (code) => reject(new Error(`a build worker stopped before it finished (exit code ${code})`)));
          }),
      ),
    );
    return shards;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
