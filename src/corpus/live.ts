import { type FSWatcher, watch } from "node:fs";
import { rename, unlink } from "node:fs/promises";
import { Engine, type EngineStats } from "../answers/engine";
import { corpusHash, corpusHashSteps } from "../index/snapshot";
import { createLogger, type Logger } from "../log";
import { runSliced } from "../steps";
import type { Article } from "./article";
import type { LoadedCorpus } from "./load";
import type { CorpusFileError } from "./parse";
import { readSnapshotIfCurrent, writeSnapshotFile } from "./snapshot-file";
import { type ArticleDraft, type AuditEntry, CorpusStore, type StoredChange } from "./store";

/** What a change did to the set of articles, by document id. */
export interface CorpusDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

/** One reason a rebuild was refused: the file (or "corpus" for the whole) and what is wrong with it. */
export interface RebuildProblem {
  file: string;
  problem: string;
}

/** A rebuild that was refused; the live engine is unchanged. */
export class CorpusRebuildError extends Error {
  constructor(readonly problems: readonly RebuildProblem[]) {
    super(`the corpus was not changed:\n${problems.map((p) => `- ${p.file}: ${p.problem}`).join("\n")}`);
    this.name = "CorpusRebuildError";
  }
}

/** The result of a change that went live. */
export interface LiveChange {
  action: StoredChange<unknown>["action"] | "reload";
  /** The article added, replaced or removed; absent for reload. */
  article?: Article;
  diff: CorpusDiff;
  stats: EngineStats;
  /** Files on disk that the loader rejected and that are therefore not answered from. */
  skipped: readonly CorpusFileError[];
}

/** What `/corpus status` shows. */
export interface CorpusStatus {
  dir: string;
  stats: EngineStats;
  /** The last add, replace or remove, or undefined when the audit log has none. */
  lastChange?: AuditEntry;
  /** The last few audit entries, newest last. */
  recent: AuditEntry[];
  /** Files rejected by the last build, with reasons. */
  skipped: readonly CorpusFileError[];
  /** When the live engine was built, and how long that took. */
  builtAt: Date;
  buildMs: number;
  /** Whether the live engine was read back from the snapshot file rather than built from the articles. */
  fromSnapshot: boolean;
}

/** Options of {@link LiveCorpus.open}. */
export interface LiveCorpusOptions {
  /**
   * From this many articles on, a change builds the new engine in a worker thread, so that
   * questions are answered meanwhile; smaller corpora build faster on the main thread than a
   * worker starts. Measured here: 72 articles block the main thread 740 ms when built on it,
   * 68 ms at most when built in a worker; 300 articles, 9 s against 0.4 s.
   */
  offThreadFrom?: number;
  /**
   * The engine snapshot file: read instead of building when it was made from exactly the
   * articles on disk, and written after every build, so the next start is fast. Left out: none.
   */
  snapshot?: string;
  /** Where snapshot writes and folder reloads are logged; nowhere when left out. */
  logger?: Logger;
}

/** Options of {@link LiveCorpus.watch}. */
export interface WatchOptions {
  /** Reload once the folder has been quiet this long, so a burst of changes is one reload. */
  debounceMs?: number;
  /** Reload at the latest this long after the first change, even if changes keep coming. */
  maxWaitMs?: number;
}

interface Built {
  engine: Engine;
  /** The `corpusHash` of the articles the engine answers from. */
  hash: string;
  skipped: readonly CorpusFileError[];
  builtAt: Date;
  buildMs: number;
  generation: number;
  fromSnapshot: boolean;
  /** The engine's snapshot, saved already beside the configured file by the build: moved into place once live. */
  savedAs?: string;
}

/** Who the audit log names for reloads the bot starts itself when the folder changes. */
export const WATCH_WHO = "citebot:folder-watch";

/** The files the loader reads as articles; other names in the folder never trigger a reload. */
const ARTICLE_FILE = /\.(md|txt)$/;

/**
 * The corpus the bot answers from. Every change builds a new engine beside the live one from
 * the corpus as it will be; only when that succeeds is the change written and the new engine
 * swapped in, in one assignment. Questions asked meanwhile are answered by the live engine.
 */
export class LiveCorpus {
  /** Builds are numbered in the order the store commits them, so an older build never replaces a newer one. */
  private generation = 0;
  /** Snapshot writes, one after another: two writers in one process would share a temporary file. */
  private snapshotWrites: Promise<void> = Promise.resolve();
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;
  private firstUnseenChange?: number;
  /** Whether a folder reload is running, and whether the folder changed again since it started. */
  private refreshing = false;
  private changedAgain = false;

  private constructor(
    readonly store: CorpusStore,
    private built: Built,
    private readonly offThreadFrom: number,
    private readonly snapshot: string | undefined,
    private readonly log: Logger,
  ) {}

  /**
   * Opens a corpus folder and its first engine: read from the snapshot when it was made from
   * exactly these articles, built otherwise (and the snapshot then written, in the background).
   * A rejected file does not stop the bot: it is left out and listed in `status().skipped`.
   * @throws Error when the folder does not exist or cannot be read
   */
  static async open(dir: string, options: LiveCorpusOptions = {}): Promise<LiveCorpus> {
    const store = await CorpusStore.open(dir);
    const log = options.logger ?? createLogger({ level: "silent" });
    const corpus = await store.list();
    const hash = corpusHash(corpus.articles);
    // Nothing is answered before the first engine: build it here, at once.
    const built = (await fromSnapshot(corpus, hash, 0, options.snapshot, log)) ?? (await buildEngine(corpus, hash, 0, false));
    const live = new LiveCorpus(store, built, options.offThreadFrom ?? 40, options.snapshot, log);
    log.info({ dir, articles: corpus.articles.length, fromSnapshot: built.fromSnapshot, ms: Math.round(built.buildMs) }, "corpus open");
    if (!built.fromSnapshot) live.saveSnapshot(built);
    return live;
  }

  /** The engine to answer from now. Read it for every question, so a swap is seen at once. */
  get engine(): Engine {
    return this.built.engine;
  }

  /** The articles answered from now, in id order. */
  list(): readonly Article[] {
    return this.engine.articles;
  }

  /**
   * Adds an article under an id derived from its title.
   * @throws CorpusRebuildError when the corpus would not build; CorpusStoreError when the article would not load
   */
  async add(draft: ArticleDraft, who: string): Promise<LiveChange> {
    return this.commit(await this.store.add(draft, who, (next) => this.build(next)));
  }

  /**
   * Replaces the article `id` with a new version under the same id.
   * @throws CorpusStoreError when `id` is not an article's id; CorpusRebuildError when the corpus would not build
   */
  async replace(id: string, draft: ArticleDraft, who: string): Promise<LiveChange> {
    return this.commit(await this.store.replace(id, draft, who, (next) => this.build(next)));
  }

  /**
   * Removes the article `id`; the file is kept in the store's history.
   * @throws CorpusStoreError when `id` is not an article's id; CorpusRebuildError when it is the last article
   */
  async remove(id: string, who: string): Promise<LiveChange> {
    return this.commit(await this.store.remove(id, who, (next) => this.build(next)));
  }

  /**
   * Reads the folder again after hand edits or another process's changes. Every file must
   * load: one bad file refuses the whole reload, so nothing silently drops out.
   * @throws CorpusRebuildError naming each bad file and its problem
   */
  async reload(who: string): Promise<LiveChange> {
    return (await this.reloadFolder(who, true))!;
  }

  /**
   * Reloads by itself whenever article files in the folder change: `npm run corpus`, another
   * process, a hand edit or a copy. Changes are gathered until the folder is quiet for
   * `debounceMs`, then reloaded like `/corpus reload` (queued behind any change in progress, one
   * bad file refuses it); a folder that holds what is live already (this bot's own changes)
   * costs a read and a hash, no rebuild. A refused reload is logged and the live engine kept.
   */
  watch(options: WatchOptions = {}): void {
    if (this.watcher) return;
    const debounceMs = options.debounceMs ?? 1_000;
    const maxWaitMs = options.maxWaitMs ?? 10 * debounceMs;
    try {
      // Not persistent: watching never keeps a process alive that has nothing else to do.
      this.watcher = watch(this.store.dir, { persistent: false }, (_, name) => {
        // Some platforms give no name: then any change may be an article's.
        if (name !== null && !ARTICLE_FILE.test(name)) return;
        const now = Date.now();
        this.firstUnseenChange ??= now;
        clearTimeout(this.debounce);
        const wait = Math.max(0, Math.min(debounceMs, this.firstUnseenChange + maxWaitMs - now));
        this.debounce = setTimeout(() => this.refresh(), wait);
        this.debounce.unref();
      });
    } catch (error) {
      this.log.warn({ dir: this.store.dir, err: error }, "cannot watch the corpus folder: changes made outside the bot need /corpus reload");
      return;
    }
    this.watcher.on("error", (error) => {
      this.log.warn({ dir: this.store.dir, err: error }, "stopped watching the corpus folder: changes made outside the bot need /corpus reload");
      this.watcher?.close();
      this.watcher = undefined;
    });
  }

  /**
   * Stops watching, and waits for snapshot writes in progress, so that a stopping bot leaves the
   * snapshot whole. A reload in progress is not waited for (minutes at 10,000 articles): one
   * cut short by the process's exit changed nothing.
   */
  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.debounce);
    await this.snapshotWritten();
  }

  /** Resolves once every snapshot write started so far is done (or failed, and was logged). */
  async snapshotWritten(): Promise<void> {
    for (let seen: Promise<void> | undefined; seen !== this.snapshotWrites; ) {
      seen = this.snapshotWrites;
      await seen;
    }
  }

  /** Counts, the last change and who made it, the last audit entries, and the files left out. */
  async status(recent = 5): Promise<CorpusStatus> {
    const entries = await this.store.recentAudit(50);
    const lastChange = entries.findLast((entry) => entry.action !== "reload");
    const { engine, skipped, builtAt, buildMs, fromSnapshot } = this.built;
    return {
      dir: this.store.dir,
      stats: engine.stats(),
      ...(lastChange ? { lastChange } : {}),
      recent: entries.slice(-recent),
      skipped,
      builtAt,
      buildMs,
      fromSnapshot,
    };
  }

  /**
   * Reads the folder again through the store's queue. When it holds exactly the articles live
   * now, nothing is rebuilt; `always` (a moderator asked) still logs the reload and answers with
   * an empty diff, otherwise (the folder watch) it is as if nothing happened.
   * @throws CorpusRebuildError naming each bad file and its problem
   */
  private async reloadFolder(who: string, always: boolean): Promise<LiveChange | undefined> {
    const { corpus, checked } = await this.store.reload(
      who,
      async (next) => {
        if (next.rejected.length > 0) throw new CorpusRebuildError(next.rejected);
        const hash = await runSliced(corpusHashSteps(next.articles));
        return hash === this.built.hash ? undefined : this.build(next, hash);
      },
      (built) => always || built !== undefined,
    );
    if (checked) return { action: "reload", ...this.swap(checked) };
    if (!always) return undefined;
    // Files the last build skipped may have been fixed or deleted since: none are skipped now.
    this.built = { ...this.built, skipped: corpus.rejected };
    return { action: "reload", diff: { added: [], changed: [], removed: [] }, stats: this.engine.stats(), skipped: corpus.rejected };
  }

  /** Reloads after the folder changed, one reload at a time; changes during one make one more. */
  private refresh(): void {
    this.firstUnseenChange = undefined;
    if (this.refreshing) {
      this.changedAgain = true;
      return;
    }
    this.refreshing = true;
    void (async () => {
      do {
        this.changedAgain = false;
        try {
          const change = await this.reloadFolder(WATCH_WHO, false);
          if (change) this.log.info({ dir: this.store.dir, ...change.diff, articles: change.stats.articles }, "corpus folder changed: reloaded");
          else this.log.debug({ dir: this.store.dir }, "corpus folder changed: it holds what is live already");
        } catch (error) {
          const problems = error instanceof CorpusRebuildError ? error.problems.map(({ file, problem }) => ({ file, problem })) : undefined;
          this.log.warn(
            { dir: this.store.dir, ...(problems ? { problems } : { err: error }) },
            "corpus folder changed, and the reload was refused: still answering from the corpus as it was",
          );
        }
      } while (this.changedAgain && this.watcher);
    })().finally(() => (this.refreshing = false));
  }

  /**
   * The engine for a changed corpus, beside the live one: read from the snapshot when another
   * process (`npm run corpus`) already saved it for exactly these articles, built otherwise.
   * @throws CorpusRebuildError when the corpus would be empty or the engine cannot be built
   */
  private async build(corpus: LoadedCorpus, known?: string): Promise<Built> {
    if (corpus.articles.length === 0) {
      throw new CorpusRebuildError([{ file: "corpus", problem: "it would have no articles left, and the bot could not answer anything" }]);
    }
    // Hashed between questions: a large corpus's text takes a tenth of a second or more.
    const hash = known ?? (await runSliced(corpusHashSteps(corpus.articles)));
    const generation = ++this.generation;
    return (
      (await fromSnapshot(corpus, hash, generation, this.snapshot, this.log, true)) ??
      (await buildEngine(corpus, hash, generation, corpus.articles.length >= this.offThreadFrom, this.snapshot))
    );
  }

  private commit(change: StoredChange<Built>): LiveChange {
    return { action: change.action, article: change.article, ...this.swap(change.checked) };
  }

  /** Puts a built engine live, unless a newer one already is, and says what changed. */
  private swap(next: Built): Omit<LiveChange, "action" | "article"> {
    const before = this.built;
    if (next.generation > this.built.generation) {
      this.built = next;
      if (!next.fromSnapshot) this.saveSnapshot(next);
    } else if (next.savedAs) void unlink(next.savedAs).catch(() => undefined);
    return { diff: diff(before, next), stats: next.engine.stats(), skipped: next.skipped };
  }

  /**
   * Writes the snapshot of an engine that went live, after the writes before it, unless a newer
   * engine is live by then (its own write follows). Never fails: a snapshot that cannot be
   * written costs the next start time, so it is logged and the change stands.
   */
  private saveSnapshot(built: Built): void {
    const file = this.snapshot;
    if (file === undefined) return;
    this.snapshotWrites = this.snapshotWrites.then(async () => {
      if (built.engine !== this.engine) {
        if (built.savedAs) await unlink(built.savedAs).catch(() => undefined);
        return;
      }
      const started = performance.now();
      try {
        // Saved by its build already (in a worker): moved into place, not saved again on this thread.
        if (built.savedAs) await rename(built.savedAs, file);
        else await writeSnapshotFile(built.engine, file);
        const how = built.savedAs ? "moved" : "saved";
        this.log.info({ snapshot: file, how, articles: built.engine.articles.length, ms: Math.round(performance.now() - started) }, "snapshot written");
      } catch (error) {
        this.log.warn({ snapshot: file, err: error }, "the snapshot could not be written: the next start builds the engine from the articles again");
      }
    });
  }
}

/**
 * The engine from the snapshot file when it was saved from exactly these articles; undefined
 * otherwise. `beside` a live engine (a refresh), it is read in slices between questions.
 */
async function fromSnapshot(
  corpus: LoadedCorpus,
  hash: string,
  generation: number,
  file: string | undefined,
  log: Logger,
  beside = false,
): Promise<Built | undefined> {
  if (file === undefined) return undefined;
  const started = performance.now();
  const read = await readSnapshotIfCurrent(file, hash, { beside });
  if ("miss" in read) {
    log.debug({ snapshot: file, reason: read.miss }, "snapshot not used");
    return undefined;
  }
  return { engine: read.engine, hash, skipped: corpus.rejected, builtAt: new Date(), buildMs: performance.now() - started, generation, fromSnapshot: true };
}

/**
 * Builds the engine: at open, with nothing to answer yet, on worker threads (Engine.build); a
 * large rebuild off this thread, its snapshot saved beside `snapshot` by the worker.
 * @throws CorpusRebuildError when the engine cannot be built
 */
async function buildEngine(corpus: LoadedCorpus, hash: string, generation: number, offThread: boolean, snapshot?: string): Promise<Built> {
  const started = performance.now();
  let built: { engine: Engine; snapshot?: string };
  try {
    // Imported when first needed: small corpora never start a worker.
    built = offThread
      ? await (await import("./off-thread")).buildOffThread(corpus.articles, snapshot === undefined ? {} : { keepAs: snapshot })
      : { engine: await Engine.build(corpus.articles) };
  } catch (error) {
    throw new CorpusRebuildError([{ file: "corpus", problem: `the engine could not be built: ${(error as Error).message}` }]);
  }
  const savedAs = built.snapshot === undefined ? {} : { savedAs: built.snapshot };
  return { engine: built.engine, hash, skipped: corpus.rejected, builtAt: new Date(), buildMs: performance.now() - started, generation, fromSnapshot: false, ...savedAs };
}

/**
 * The ids added, changed and removed between two builds, for the moderator's answer. The same
 * corpus hash means nothing changed; otherwise articles are compared by id, field by field, and
 * an article's comparison stops at its first difference.
 */
function diff(before: Built, after: Built): CorpusDiff {
  if (before.hash === after.hash) return { added: [], changed: [], removed: [] };
  const old = new Map(before.engine.articles.map((article) => [article.id, article]));
  const next = new Map(after.engine.articles.map((article) => [article.id, article]));
  return {
    added: [...next.keys()].filter((id) => !old.has(id)),
    changed: [...next.keys()].filter((id) => old.has(id) && !sameArticle(old.get(id)!, next.get(id)!)),
    removed: [...old.keys()].filter((id) => !next.has(id)),
  };
}

/** Whether two versions of an article have the same metadata and paragraphs (a field left out equals one that is undefined). */
function sameArticle(a: Article, b: Article): boolean {
  const { paragraphs: pa, ...metaA } = a;
  const { paragraphs: pb, ...metaB } = b;
  const keys = new Set([...Object.keys(metaA), ...Object.keys(metaB)]) as Set<keyof typeof metaA>;
  for (const key of keys) if (metaA[key] !== metaB[key]) return false;
  return pa.length === pb.length && pa.every((paragraph, k) => paragraph === pb[k]);
}
