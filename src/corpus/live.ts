import { Engine, type EngineStats } from "../answers/engine";
import type { Article } from "./article";
import type { LoadedCorpus } from "./load";
import type { CorpusFileError } from "./parse";
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
}

interface Built {
  engine: Engine;
  skipped: readonly CorpusFileError[];
  builtAt: Date;
  buildMs: number;
  generation: number;
}

/**
 * The corpus the bot answers from. Every change builds a new engine beside the live one from
 * the corpus as it will be; only when that succeeds is the change written and the new engine
 * swapped in, in one assignment. Questions asked meanwhile are answered by the live engine.
 */
export class LiveCorpus {
  /** Builds are numbered in the order the store commits them, so an older build never replaces a newer one. */
  private generation = 0;

  private constructor(
    readonly store: CorpusStore,
    private built: Built,
    private readonly offThreadFrom: number,
  ) {}

  /**
   * Opens a corpus folder and builds the first engine. A rejected file does not stop the bot:
   * it is left out and listed in `status().skipped`.
   * @throws Error when the folder does not exist or cannot be read
   */
  static async open(dir: string, options: LiveCorpusOptions = {}): Promise<LiveCorpus> {
    const store = await CorpusStore.open(dir);
    // Nothing is answered before the first engine: build it here, at once.
    return new LiveCorpus(store, await buildEngine(await store.list(), 0, false), options.offThreadFrom ?? 40);
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
    const { checked } = await this.store.reload(who, (corpus) => {
      if (corpus.rejected.length > 0) throw new CorpusRebuildError(corpus.rejected);
      return this.build(corpus);
    });
    return { action: "reload", ...this.swap(checked) };
  }

  /** Counts, the last change and who made it, the last audit entries, and the files left out. */
  async status(recent = 5): Promise<CorpusStatus> {
    const entries = await this.store.recentAudit(50);
    const lastChange = entries.findLast((entry) => entry.action !== "reload");
    const { engine, skipped, builtAt, buildMs } = this.built;
    return {
      dir: this.store.dir,
      stats: engine.stats(),
      ...(lastChange ? { lastChange } : {}),
      recent: entries.slice(-recent),
      skipped,
      builtAt,
      buildMs,
    };
  }

  /**
   * Builds the engine for a changed corpus, beside the live one.
   * @throws CorpusRebuildError when the corpus would be empty or the engine cannot be built
   */
  private build(corpus: LoadedCorpus): Promise<Built> {
    if (corpus.articles.length === 0) {
      throw new CorpusRebuildError([{ file: "corpus", problem: "it would have no articles left, and the bot could not answer anything" }]);
    }
    return buildEngine(corpus, ++this.generation, corpus.articles.length >= this.offThreadFrom);
  }

  private commit(change: StoredChange<Built>): LiveChange {
    return { action: change.action, article: change.article, ...this.swap(change.checked) };
  }

  /** Puts a built engine live, unless a newer one already is, and says what changed. */
  private swap(next: Built): Omit<LiveChange, "action" | "article"> {
    const before = this.engine.articles;
    if (next.generation > this.built.generation) this.built = next;
    return { diff: diff(before, next.engine.articles), stats: next.engine.stats(), skipped: next.skipped };
  }
}

/** @throws CorpusRebuildError when the engine cannot be built */
async function buildEngine(corpus: LoadedCorpus, generation: number, offThread: boolean): Promise<Built> {
  const started = performance.now();
  let engine: Engine;
  try {
    // Imported when first needed: small corpora never start a worker or read a snapshot.
    engine = offThread ? await (await import("./off-thread")).buildOffThread(corpus.articles) : Engine.fromArticles(corpus.articles);
  } catch (error) {
    throw new CorpusRebuildError([{ file: "corpus", problem: `the engine could not be built: ${(error as Error).message}` }]);
  }
  return { engine, skipped: corpus.rejected, builtAt: new Date(), buildMs: performance.now() - started, generation };
}

/** The ids added, changed and removed between two sets of articles. */
function diff(before: readonly Article[], after: readonly Article[]): CorpusDiff {
  const old = new Map(before.map((article) => [article.id, JSON.stringify(article)]));
  const next = new Map(after.map((article) => [article.id, JSON.stringify(article)]));
  return {
    added: [...next.keys()].filter((id) => !old.has(id)),
    changed: [...next.keys()].filter((id) => old.has(id) && old.get(id) !== next.get(id)),
    removed: [...old.keys()].filter((id) => !next.has(id)),
  };
}
