import { randomBytes } from "node:crypto";
import { mkdir, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Engine } from "../answers/engine";
import { loadSnapshot } from "../index/snapshot";
import { startTsWorker } from "../ts-worker";
import type { Article } from "./article";

/**
 * Builds an engine in a worker thread, so that the bot keeps answering while it analyses and
 * indexes every article (seconds for a few hundred articles); the main thread only reads the
 * finished engine back from the snapshot the worker saved, in slices between the questions it
 * keeps answering, and warms it up before handing it over.
 *
 * With `keepAs` (the snapshot file to keep for the next start), the worker saves beside it and
 * the file is handed back to be moved into place: saving again would hold up this thread.
 * @throws Error with the worker's reason when the build fails
 */
export async function buildOffThread(articles: readonly Article[], options: { keepAs?: string } = {}): Promise<{ engine: Engine; snapshot?: string }> {
  const unique = `${process.pid}.build-${randomBytes(6).toString("hex")}.tmp`;
  const beside = options.keepAs && (await mkdir(path.dirname(options.keepAs), { recursive: true }).then(() => true, () => false));
  const file = beside ? `${options.keepAs}.${unique}` : path.join(tmpdir(), `citebot-${unique}`);
  const worker = startTsWorker(new URL("./build-worker.ts", import.meta.url), { articles, file });
  let kept = false;
  try {
    const result = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the build worker stopped before it finished (exit code ${code})`)));
    });
    if (!result.ok) throw new Error(result.message);
    // Its memory released before the engine is read back, and its collector stopped.
    await worker.terminate();
    // Its own file, written from these very articles: no hash to check.
    const engine = await loadSnapshot(file, undefined, { beside: true });
    kept = Boolean(beside);
    return beside ? { engine, snapshot: file } : { engine };
  } finally {
    await worker.terminate();
    if (!kept) await unlink(file).catch(() => undefined);
  }
}
