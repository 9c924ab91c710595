/**
 * Reads runs of articles into shards for {@link analyzeInWorkers}: receives one run at a time,
 * answers with its shard. Run as a worker, never imported.
 */
import { parentPort } from "node:worker_threads";
import type { Article } from "../corpus/article";
import { analyzeShard } from "./shards";

parentPort!.on("message", ({ job, articles }: { job: number; articles: Article[] }) => {
  try {
    const shard = analyzeShard(articles);
    const transfer = [shard.stance, shard.mentions.offsets, shard.mentions.runs, shard.mentions.irregular];
    for (const terms of [shard.passageTerms, shard.quoteTerms]) {
      for (const field of terms.fields) transfer.push(field.present, field.unique, field.offsets, field.terms, field.counts);
    }
    parentPort!.postMessage({ job, shard }, transfer.map((array) => array.buffer as ArrayBuffer));
  } catch (error) {
    parentPort!.postMessage({ job, error: (error as Error).message });
  }
});
parentPort!.postMessage({ ready: true });
