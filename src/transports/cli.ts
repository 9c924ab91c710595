import { createInterface } from "node:readline";
import { Engine, loadEngine } from "../answers/engine";
import { toJson } from "../renderers/json";
import { renderForConsole } from "../renderers/console";
import { invoke, parseInvocation, usageLines, UsageError } from "./invoke";

/**
 * One-shot command line: `cli <command> <text> [--topic T] [--corpus DIR] [--json]`.
 * With no command and --json, answers one command per line of stdin, one JSON line each.
 * Bad input: a message on stderr and exit code 2.
 */
const USAGE = [
  "usage: npm run -s cli -- <command> <text> [--option value] [--corpus DIR] [--json]",
  "       npm run -s cli -- --json   (one command per line on stdin, one JSON line out per command)",
  "",
  ...usageLines().map((line) => `  ${line}`),
].join("\n");

interface CliArgs {
  corpus: string;
  json: boolean;
  line: string;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { corpus: process.env.CORPUS_DIR ?? "corpus", json: false, line: "" };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") args.json = true;
    else if (arg === "--corpus") {
      const dir = argv[++i];
      if (!dir) throw new UsageError("--corpus needs a folder");
      args.corpus = dir;
    } else if (arg === "--help" || arg === "-h") throw new UsageError(USAGE);
    else words.push(arg);
  }
  args.line = words.join(" ");
  return args;
}

function answerLine(engine: Engine, line: string, json: boolean): string {
  const answer = invoke(engine, parseInvocation(line));
  return json ? JSON.stringify(toJson(answer)) : renderForConsole(answer);
}

async function answerStdin(engine: Engine, json: boolean): Promise<number> {
  let status = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    try {
      process.stdout.write(`${answerLine(engine, line, json)}\n`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      status = 2;
      process.stderr.write(`citebot: ${error.message}\n`);
      // Keep one output line per input line, so a tool can pair them up.
      process.stdout.write(`${json ? JSON.stringify({ error: error.message }) : `error: ${error.message}`}\n`);
    }
  }
  return status;
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (!args.line && !args.json) throw new UsageError(USAGE);
    const { engine, rejected } = await loadEngine(args.corpus).catch((error: Error) => {
      throw new UsageError(error.message);
    });
    for (const file of rejected) process.stderr.write(`citebot: skipped ${file.message}\n`);
    if (!args.line) return await answerStdin(engine, args.json);
    process.stdout.write(`${answerLine(engine, args.line, args.json)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`citebot: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
