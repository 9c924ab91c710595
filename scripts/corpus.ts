/**
 * The corpus for operators:
 *   npm run corpus -- add <url|file> [--dry-run] | replace <id> <url|file> [--dry-run] | remove <id> | list | reload | status
 * with --corpus DIR (default: CORPUS_DIR, then ./corpus). Every change is checked, written
 * atomically and logged as cli:<user>. Bad input: a message on stderr and exit code 2.
 * The engine snapshot (CORPUS_SNAPSHOT, default DIR/.citebot/engine.snapshot) is read when it
 * fits and rewritten after a change, so the bot's next start is fast. A running bot watches the
 * folder and reloads by itself a moment after a change made here.
 */
import { readFile } from "node:fs/promises";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { ConfigError, snapshotFile } from "../src/config";
import { describeArticle, describeChange, describePreview, describeStatus } from "../src/corpus/describe";
import { fetchOptionsFromEnv, ImportError, previewFile, previewLink, type ArticlePreview } from "../src/corpus/import";
import { CorpusRebuildError, LiveCorpus } from "../src/corpus/live";
import { CorpusStoreError } from "../src/corpus/store";
import { createLogger } from "../src/log";

const USAGE = `usage: npm run corpus -- <command> [--corpus DIR]
  add <url|file> [--dry-run]           add an article from a web page or a .md/.txt file
  replace <id> <url|file> [--dry-run]  replace an article, keeping its id
  remove <id>                          remove an article (kept in DIR/.citebot/history)
  list                                 the articles, one a line
  reload                               read the folder again after hand edits
  status                               counts, last change, recent audit entries`;

/** Bad input: what was wrong, for stderr; exit code 2. */
class UsageError extends Error {}

const ARITY: Record<string, number> = { add: 1, replace: 2, remove: 1, list: 0, reload: 0, status: 0 };

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { corpus: { type: "string" }, "dry-run": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const [command = "", ...rest] = positionals;
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!(command in ARITY)) throw new UsageError(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
  if (rest.length !== ARITY[command]) throw new UsageError(`${command} takes ${ARITY[command]} argument(s), got ${rest.length}\n${USAGE}`);

  const dir = values.corpus ?? process.env.CORPUS_DIR ?? "corpus";
  // Only problems reach stderr (a snapshot that cannot be written); stdout stays the answer.
  const logger = createLogger({ level: "warn", destination: process.stderr });
  const snapshot = snapshotFile(dir);
  const live = await LiveCorpus.open(dir, { ...(snapshot === undefined ? {} : { snapshot }), logger });
  try {
    await run(live, command, rest, values["dry-run"] === true);
  } finally {
    await live.close();
  }
}

async function run(live: LiveCorpus, command: string, rest: string[], dryRun: boolean): Promise<void> {
  const who = `cli:${userInfo().username}`;
  const print = (lines: string[]): void => void process.stdout.write(`${lines.join("\n")}\n`);

  switch (command) {
    case "list":
      return print(live.list().map(describeArticle));
    case "status":
      return print(describeStatus(await live.status()));
    case "reload":
      return print(describeChange(await live.reload(who)));
    case "remove":
      return print(describeChange(await live.remove(rest[0]!, who)));
    case "add":
    case "replace": {
      const preview = await previewOf(rest.at(-1)!);
      print(describePreview(preview));
      if (dryRun) return print(["(dry run: nothing changed)"]);
      const change = command === "add" ? await live.add(preview.draft, who) : await live.replace(rest[0]!, preview.draft, who);
      return print(["", ...describeChange(change)]);
    }
  }
}

/** A link when it looks like one (scheme://), otherwise a file path. */
async function previewOf(input: string): Promise<ArticlePreview> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) return previewLink(input, fetchOptionsFromEnv());
  const bytes = await readFile(input).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${input}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  return previewFile(bytes, input);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const bad = [UsageError, ImportError, CorpusStoreError, CorpusRebuildError, ConfigError].some((kind) => error instanceof kind);
  if (bad || error instanceof ZodError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`corpus: ${error instanceof ZodError ? error.issues.map((issue) => issue.message).join("; ") : (error as Error).message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`corpus: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
