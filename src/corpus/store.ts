import { createHash, randomBytes } from "node:crypto";
import { link, mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { z } from "zod";
import { type Article, docIdSchema } from "./article";
import { type LoadedCorpus, loadCorpus } from "./load";
import { CorpusFileError, parseArticle } from "./parse";
import { uniqueSlug } from "./slug";

/** An article before it has an id: the store derives the id from the title. */
export type ArticleDraft = Omit<Article, "id">;

/** What a moderator did to the corpus. */
export const CORPUS_ACTIONS = ["add", "replace", "remove", "reload"] as const;
export type CorpusAction = (typeof CORPUS_ACTIONS)[number];

/** One line of the audit log. */
export const auditEntrySchema = z.object({
  /** ISO timestamp. */
  at: z.string(),
  /** Who did it, such as "discord:123456789012345678 (alice)" or "cli:root". */
  who: z.string().min(1),
  action: z.enum(CORPUS_ACTIONS),
  /** The document id; absent for reload. */
  id: docIdSchema.optional(),
  /** sha256 of the file written (add, replace) or taken away (remove). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A change the store refused, in words a moderator can act on. */
export class CorpusStoreError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = "CorpusStoreError";
  }
}

/**
 * Called with the whole corpus as it will be after a change, before anything is written.
 * Throw to refuse the change; what it returns comes back with the change's result.
 */
export type ChangeCheck<T> = (next: LoadedCorpus) => T | Promise<T>;

/** The outcome of add, replace or remove. */
export interface StoredChange<T> {
  action: Exclude<CorpusAction, "reload">;
  /** The article as written (add, replace) or as it was before removal (remove). */
  article: Article;
  sha256: string;
  /** What the check returned. */
  checked: T;
}

/** Where the store keeps its own files, inside the corpus folder; the loader reads only *.md and *.txt files at the top. */
const STORE_DIR = ".citebot";
/** The audit log: one JSON object a line, appended, never rewritten. */
export const AUDIT_FILE = path.join(STORE_DIR, "audit.jsonl");
/** Earlier versions of replaced articles and removed articles: nothing a moderator does is lost. */
export const HISTORY_DIR = path.join(STORE_DIR, "history");
/** One file per change in progress: what it will log once in place. */
const JOURNAL_DIR = path.join(STORE_DIR, "journal");

/** Temporary files: `.<id>.md.<pid>.<random>.tmp`; dot-named and not *.md, so the loader skips them. */
const TEMP_FILE = /^\.([a-z0-9-]+)\.md\.(\d+)\.[0-9a-f]+\.tmp$/;
/** How much of the audit log's end {@link CorpusStore.recentAudit} reads. */
const AUDIT_TAIL_BYTES = 64 * 1024;

/**
 * The corpus folder as a store of articles. Every write is atomic (temporary file in the same
 * folder, fsync, rename or link, fsync the folder), every change is serialized through one
 * queue, checked before it is written, and recorded in the audit log; a journal entry written
 * before each change lets the next open log a change whose writer died before logging it.
 */
export class CorpusStore {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    /** The corpus folder. */
    readonly dir: string,
  ) {}

  /**
   * Opens a corpus folder and deletes temporary files that a crashed writer left behind.
   * Writes nothing else: a read-only corpus still opens, and only changes to it are refused.
   * @throws Error when the folder does not exist: a mistyped CORPUS_DIR must not start an empty corpus
   */
  static async open(dir: string): Promise<CorpusStore> {
    const folder = await stat(dir).catch(() => null);
    if (!folder?.isDirectory()) throw new Error(`corpus folder ${dir}: does not exist`);
    const store = new CorpusStore(dir);
    await store.removeStaleTempFiles();
    await store.recoverJournals();
    return store;
  }

  /** The articles on disk now, and the files that were rejected with their reasons. */
  list(): Promise<LoadedCorpus> {
    return loadCorpus(this.dir);
  }

  /**
   * Adds an article under an id derived from its title, made unique in the folder. Never
   * overwrites a file, even one another process writes at the same moment.
   * @throws CorpusStoreError when the article would not load back; whatever `check` throws
   */
  add<T>(draft: ArticleDraft, who: string, check: ChangeCheck<T>): Promise<StoredChange<T>> {
    return this.serialized(who, async () => {
      // Another process may take the id between the listing and the link: then take the next one.
      for (let attempt = 0; ; attempt++) {
        const current = await this.list();
        const names = new Set(await readdir(this.dir));
        const id = uniqueSlug(draft.title, (slug) => names.has(`${slug}.md`) || names.has(`${slug}.txt`));
        const { article, text } = render(id, draft);
        const checked = await check({ ...current, articles: [...current.articles, article] });
        const sha256 = digest(text);
        try {
          await this.apply({ who, action: "add", id, sha256 }, async () => {
            const temp = await this.writeTemp(id, text);
            try {
              await link(temp, this.file(id));
            } finally {
              await unlink(temp);
            }
          });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "EEXIST" && attempt < 5) continue;
          throw error;
        }
        return { action: "add", article, sha256, checked };
      }
    });
  }

  /**
   * Replaces an article, keeping its id; the earlier version goes to the history folder.
   * @throws CorpusStoreError when the id is not a document id or no article has it
   */
  replace<T>(id: string, draft: ArticleDraft, who: string, check: ChangeCheck<T>): Promise<StoredChange<T>> {
    return this.serialized(who, async () => {
      const existing = await this.existing(id);
      const { article, text } = render(id, draft);
      const current = await this.list();
      const checked = await check({ ...current, articles: [...current.articles.filter((a) => a.id !== id), article] });
      const sha256 = digest(text);
      await this.apply({ who, action: "replace", id, sha256 }, async () => {
        for (const file of existing) await link(path.join(this.dir, file), this.historyFile(file));
        const temp = await this.writeTemp(id, text);
        await rename(temp, this.file(id)).catch(async (error: unknown) => {
          await unlink(temp).catch(() => undefined);
          throw error;
        });
        // A .txt article becomes .md: drop the .txt, which the loader would now reject as a duplicate.
        for (const file of existing) if (file !== `${id}.md`) await unlink(path.join(this.dir, file));
      });
      return { action: "replace", article, sha256, checked };
    });
  }

  /**
   * Removes an article: its file moves to the history folder, so a mistake can be undone.
   * @throws CorpusStoreError when the id is not a document id or no article has it
   */
  remove<T>(id: string, who: string, check: ChangeCheck<T>): Promise<StoredChange<T>> {
    return this.serialized(who, async () => {
      const existing = await this.existing(id);
      const current = await this.list();
      const article = current.articles.find((a) => a.id === id);
      const checked = await check({ ...current, articles: current.articles.filter((a) => a.id !== id) });
      const sha256 = digest(await readFile(path.join(this.dir, existing[0]!)));
      await this.apply({ who, action: "remove", id, sha256 }, async () => {
        for (const file of existing) await rename(path.join(this.dir, file), this.historyFile(file));
      });
      // A file the loader rejected can still be removed: describe it by its id alone.
      return { action: "remove", article: article ?? { id, title: id, paragraphs: [] }, sha256, checked };
    });
  }

  /**
   * Reads the folder again, as it is now, and logs the reload once the check accepts it.
   * @param logIf whether to log this reload, from what the check returned; by default always.
   *   A reload the bot starts by itself when nothing changed leaves no entry.
   * @throws whatever `check` throws
   */
  reload<T>(who: string, check: ChangeCheck<T>, logIf: (checked: T) => boolean = () => true): Promise<{ corpus: LoadedCorpus; checked: T }> {
    return this.serialized(who, async () => {
      const corpus = await this.list();
      const checked = await check(corpus);
      if (logIf(checked)) await this.audit(auditEntrySchema.parse({ at: new Date().toISOString(), who, action: "reload" }));
      return { corpus, checked };
    });
  }

  /** The last `limit` audit entries, oldest first. A line that is not an entry is skipped. */
  async recentAudit(limit = 5): Promise<AuditEntry[]> {
    const file = path.join(this.dir, AUDIT_FILE);
    const size = await stat(file).then((s) => s.size, () => 0);
    if (size === 0) return [];
    const handle = await open(file, "r");
    try {
      const length = Math.min(size, AUDIT_TAIL_BYTES);
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      const lines = buffer.toString("utf8").split("\n");
      if (length < size) lines.shift(); // the first line may be cut
      return lines
        .flatMap((line) => {
          if (!line.trim()) return [];
          try {
            const entry = auditEntrySchema.safeParse(JSON.parse(line));
            return entry.success ? [entry.data] : [];
          } catch {
            return [];
          }
        })
        .slice(-limit);
    } finally {
      await handle.close();
    }
  }

  /** Runs `task` after every change queued before it, so no two changes interleave. */
  private serialized<T>(who: string, task: () => Promise<T>): Promise<T> {
    if (!who.trim()) return Promise.reject(new CorpusStoreError("every change needs a who: the moderator's name or id, for the audit log"));
    const result = this.queue.then(async () => {
      await mkdir(path.join(this.dir, HISTORY_DIR), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
        throw new CorpusStoreError(`the corpus folder ${this.dir} cannot be written to (${error.code ?? error.message}): ask the operator to fix its permissions`);
      });
      return task().catch((error: NodeJS.ErrnoException) => {
        // A file system error here came before the change was in place: say so, with its code.
        if (!error.syscall || error.code === undefined) throw error;
        throw new CorpusStoreError(`the change could not be saved in ${this.dir} (${error.code}, ${error.syscall}): the corpus is as it was`);
      });
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The files of an article: `<id>.md`, `<id>.txt` or both. */
  private async existing(id: string): Promise<string[]> {
    assertDocId(id);
    const names = new Set(await readdir(this.dir));
    const files = [`${id}.md`, `${id}.txt`].filter((name) => names.has(name));
    if (files.length === 0) throw new CorpusStoreError(`no article has the id "${id}": list shows the ids`);
    return files;
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.md`);
  }

  private historyFile(file: string): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return path.join(this.dir, HISTORY_DIR, `${stamp}.${randomBytes(3).toString("hex")}.${file}`);
  }

  /** Writes `text` to a new temporary file beside the article and flushes it to disk. */
  private async writeTemp(id: string, text: string): Promise<string> {
    const temp = path.join(this.dir, `.${id}.md.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
    await writeFlushed(temp, text);
    return temp;
  }

  /** Flushes the corpus folder itself, so a rename or link survives a power cut. */
  private syncDir(): Promise<void> {
    return syncFolder(this.dir);
  }

  /**
   * Makes a change: notes it in the journal, runs `commit` (the one step that puts it in
   * place), then logs it and clears the journal. Killed after the commit and before the log,
   * the next open finds the journal and logs the change then, so the log always agrees with
   * the folder. A commit that fails leaves nothing behind.
   */
  private async apply(change: Omit<AuditEntry, "at">, commit: () => Promise<void>): Promise<void> {
    const entry = auditEntrySchema.parse({ at: new Date().toISOString(), ...change });
    const journal = path.join(this.dir, JOURNAL_DIR, `${process.pid}.${randomBytes(6).toString("hex")}.json`);
    await mkdir(path.dirname(journal), { recursive: true });
    await writeFlushed(journal, JSON.stringify(entry));
    await syncFolder(path.dirname(journal));
    try {
      await commit();
    } catch (error) {
      await unlink(journal).catch(() => undefined);
      throw error;
    }
    // In place now: whatever fails below, the change stands and is not reported as failed.
    await this.syncDir().catch(() => undefined);
    await this.audit(entry)
      .then(() => unlink(journal))
      .catch(() => undefined); // the journal stays, and the next open logs the change
  }

  /**
   * Logs the changes of writers that died between their commit and their audit entry, and
   * clears their journals; a change that never got in place is dropped with its journal.
   */
  private async recoverJournals(): Promise<void> {
    const folder = path.join(this.dir, JOURNAL_DIR);
    for (const name of await readdir(folder).catch(() => [])) {
      const pid = Number(name.split(".")[0]);
      if (isRunning(pid)) continue;
      const file = path.join(folder, name);
      try {
        const entry = auditEntrySchema.safeParse(JSON.parse(await readFile(file, "utf8")));
        // A torn journal was being written when its writer died: nothing was committed after it.
        if (entry.success && (await this.inPlace(entry.data)) && !(await this.logged(entry.data))) await this.audit(entry.data);
        await unlink(file);
      } catch {
        // Read-only, or unreadable: left for a later open.
      }
    }
  }

  /** Whether a journaled change is what the folder shows. */
  private async inPlace(entry: AuditEntry): Promise<boolean> {
    const digests = await Promise.all(
      [`${entry.id}.md`, `${entry.id}.txt`].map((file) => readFile(path.join(this.dir, file)).then(digest, () => null)),
    );
    return entry.action === "remove" ? !digests.includes(entry.sha256 ?? "") : digests[0] === entry.sha256;
  }

  /** Whether the audit log's tail already has this entry (the writer died after logging it). */
  private async logged(entry: AuditEntry): Promise<boolean> {
    return (await this.recentAudit(50)).some((known) => JSON.stringify(known) === JSON.stringify(entry));
  }

  /** Appends one entry to the audit log and flushes it. */
  private async audit(entry: AuditEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const handle = await open(path.join(this.dir, AUDIT_FILE), "a");
    try {
      await handle.write(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Deletes temporary files whose writer is gone; a live writer's file is left alone. */
  private async removeStaleTempFiles(): Promise<void> {
    for (const name of await readdir(this.dir)) {
      const match = TEMP_FILE.exec(name);
      if (match && !isRunning(Number(match[2]))) await unlink(path.join(this.dir, name)).catch(() => undefined);
    }
  }
}

/**
 * Writes an article in the corpus format and reads it back with the loader's own parser, so
 * what is stored is exactly what will load.
 * @throws CorpusStoreError naming the field when it would not load
 */
function render(id: string, draft: ArticleDraft): { article: Article; text: string } {
  const { title, url, source, published, author, license, paragraphs } = draft;
  const meta = Object.fromEntries(Object.entries({ title, url, source, published, author, license }).filter(([, v]) => v !== undefined));
  const text = `---\n${toYaml(meta, { lineWidth: 0 })}---\n\n${paragraphs.join("\n\n")}\n`;
  try {
    return { article: parseArticle(id, text, `${id}.md`), text };
  } catch (error) {
    if (error instanceof CorpusFileError) throw new CorpusStoreError(error.message);
    throw error;
  }
}

/** @throws CorpusStoreError unless `id` is a document id: no path, no dots, no NUL, nothing outside the folder */
function assertDocId(id: string): void {
  const check = docIdSchema.safeParse(id);
  if (!check.success) {
    const shown = id.slice(0, 100).replace(/[^\x20-\x7e]/g, "?"); // never echo a NUL or a control character
    throw new CorpusStoreError(`"${shown}" is not a document id: ${check.error.issues[0]?.message}`);
  }
}

/** Writes a new file and flushes it to disk; on failure (a full disk) the partial file is deleted, so it holds no space. */
async function writeFlushed(file: string, text: string): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/** Flushes a folder's entries (files created, renamed, linked). */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function digest(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Whether a process with this id is running (this one included), so that its files are left alone. */
export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
