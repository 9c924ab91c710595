import { mkdir, readdir, unlink } from "node:fs/promises";
import path from "node:path";
import { Engine } from "../answers/engine";
import { corpusHash, type LoadOptions, loadSnapshot, readSnapshotHeader, saveSnapshot, SnapshotError } from "../index/snapshot";
import { loadCorpus } from "./load";
import type { CorpusFileError } from "./parse";
import { isRunning } from "./store";

/**
 * The engine snapshot as a cache file beside the corpus: read at a start (or a rebuild) when it
 * was built from exactly the articles to answer from, written after every build. A snapshot that
 * cannot be read or written only costs time, never answers: callers build the engine instead.
 */

/**
 * The corpus hash a snapshot file was built from, read from its header line alone.
 * @returns undefined when the file is missing, torn, or of another format version
 */
export async function snapshotCorpusHash(file: string): Promise<string | undefined> {
  return (await readSnapshotHeader(file).catch(() => undefined))?.corpusHash;
}

/** Why a snapshot was not used, for the log; absent when it was. */
export type SnapshotMiss = "missing or unreadable" | "built from other articles" | `unusable: ${string}`;

/**
 * The engine saved in `file` when it was built from the articles whose `corpusHash` is `hash`.
 * @returns the engine, or why the snapshot cannot be used (the caller builds the engine instead)
 */
export async function readSnapshotIfCurrent(file: string, hash: string, options: LoadOptions = {}): Promise<{ engine: Engine } | { miss: SnapshotMiss }> {
  const saved = await snapshotCorpusHash(file);
  if (saved === undefined) return { miss: "missing or unreadable" };
  if (saved !== hash) return { miss: "built from other articles" };
  try {
    return { engine: await loadSnapshot(file, hash, options) };
  } catch (error) {
    // Torn after its header, or replaced by another process since: build instead.
    if (error instanceof SnapshotError) return { miss: `unusable: ${error.problem}` };
    throw error;
  }
}

/** What {@link engineForFolder} did with the snapshot: read it, or built the engine (and why) and saved it or failed to. */
export type SnapshotUse = { read: true } | { read: false; miss: SnapshotMiss; buildMs: number; saveError?: Error };

/**
 * A corpus folder's engine, from `snapshot` when it was made from exactly the folder's articles;
 * otherwise built and saved there for the next start. A snapshot that cannot be saved costs the
 * next start time, never this one its answers: the error comes back for the caller to report.
 * @throws Error when the folder cannot be read
 */
export async function engineForFolder(dir: string, snapshot: string): Promise<{ engine: Engine; rejected: CorpusFileError[]; snapshot: SnapshotUse }> {
  const { articles, rejected } = await loadCorpus(dir);
  const read = await readSnapshotIfCurrent(snapshot, corpusHash(articles));
  if ("engine" in read) return { engine: read.engine, rejected, snapshot: { read: true } };
  const started = performance.now();
  const engine = await Engine.build(articles);
  const buildMs = performance.now() - started;
  try {
    await writeSnapshotFile(engine, snapshot);
    return { engine, rejected, snapshot: { read: false, miss: read.miss, buildMs } };
  } catch (error) {
    return { engine, rejected, snapshot: { read: false, miss: read.miss, buildMs, saveError: error as Error } };
  }
}

/**
 * Saves an engine's snapshot to `file`, creating its folder; written to a temporary file and
 * renamed, so a reader sees the old snapshot or the new one. Temporary files of writers that
 * died (killed mid-write) are deleted first: each can be hundreds of megabytes.
 * @throws Error from the file system (read-only folder, full disk); callers log it and go on
 */
export async function writeSnapshotFile(engine: Engine, file: string): Promise<void> {
  const folder = path.dirname(file);
  await mkdir(folder, { recursive: true });
  await removeStaleTemporaries(file);
  await saveSnapshot(engine, file);
}

/** Deletes `<file>.<pid>….tmp` left by a snapshot writer or a build whose process is gone. */
async function removeStaleTemporaries(file: string): Promise<void> {
  const base = path.basename(file);
  for (const name of await readdir(path.dirname(file))) {
    if (!name.startsWith(`${base}.`) || !name.endsWith(".tmp")) continue;
    const pid = Number(/^\d+/.exec(name.slice(base.length + 1))?.[0]);
    if (Number.isInteger(pid) && !isRunning(pid)) await unlink(path.join(path.dirname(file), name)).catch(() => undefined);
  }
}
