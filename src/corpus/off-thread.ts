import { randomBytes } from "node:crypto";
import { unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Engine } from "../answers/engine";
import { corpusHash, loadSnapshot } from "../index/snapshot";
import { startTsWorker } from "../ts-worker";
import type { Article } from "./article";

/**
 * Builds an engine in a worker thread, so that the bot keeps answering while it analyses and
 * indexes every article (seconds for a few hundred articles); the main thread only reads the
 * finished engine back from a snapshot, in slices between the questions it keeps answering, and
 * warms it up before handing it over.
 * @throws Error with the worker's reason when the build fails
 */
export async function buildOffThread(articles: readonly Article[]): Promise<Engine> {
  const file = path.join(tmpdir(), `citebot-build-${process.pid}-${randomBytes(6).toString("hex")}.snapshot`);
  const worker = startTsWorker(new URL("./build-worker.ts", import.meta.url), { articles, file });
  try {
    const result = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the build worker stopped before it finished (exit code ${code})`)));
    });
    if (!result.ok) throw new Error(result.message);
    return await loadSnapshot(file, corpusHash(articles), { beside: true });
  } finally {
    await worker.terminate();
    await unlink(file).catch(() => undefined);
  }
}
