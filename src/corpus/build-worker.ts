/**
 * Builds an engine off the main thread and saves it as a snapshot for the main thread to read
 * back: see {@link buildOffThread}. Run as a worker, never imported.
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { Engine } from "../answers/engine";
import { saveSnapshot } from "../index/snapshot";
import type { Article } from "./article";

const { articles, file } = workerData as { articles: Article[]; file: string };
// The lowest priority, for this thread only (Linux keeps one per thread): while the build runs
// on one core, the thread answering questions gets the other whenever it needs it.
try {
  setPriority(19);
} catch {
  // Not allowed here: the build runs at the usual priority.
}
try {
  // Only saved here: the thread that reads it back warms it up.
  await saveSnapshot(Engine.fromArticles(articles, { warm: "never" }), file);
  parentPort!.postMessage({ ok: true });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: (error as Error).message });
}
