import { workerData } from "node:worker_threads";
import type { Article } from "../../src/corpus/article";
import { loadSubject } from "./subject";

/** A refresh off the main thread: build a new engine from the articles, save its snapshot, flag done. */
const { articles, done, snapshotFile } = workerData as { articles: Article[]; done: Int32Array; snapshotFile: string | null };
const subject = await loadSubject();
if ("error" in subject) throw new Error(subject.error);
// On one thread, as the bot's refresh does: the other core keeps answering.
const engine = await subject.build(articles, 1);
if (snapshotFile && subject.snapshot) await subject.snapshot.save(engine, snapshotFile);
Atomics.store(done, 0, 1);
