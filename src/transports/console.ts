import { createInterface } from "node:readline";
import type { Engine } from "../answers/engine";
import { renderForConsole } from "../renderers/console";
import { invoke, parseInvocation, usageLines, UsageError } from "./invoke";

const HELP = ["Commands:", ...usageLines().map((line) => `  ${line}`), "  help  this list", "  quit  leave"].join("\n");

/**
 * The console: a person types commands and reads the answers. When stdin is not a terminal
 * it answers line by line without prompts, so it can be scripted.
 * @returns when the input ends or the person quits
 */
export async function runConsole(engine: Engine, input = process.stdin, output = process.stdout): Promise<void> {
  const interactive = Boolean((input as { isTTY?: boolean }).isTTY);
  const lines = createInterface({ input, output, terminal: interactive, crlfDelay: Infinity });
  const stats = engine.stats();
  if (interactive) {
    output.write(`Citebot: ${stats.articles} articles, ${stats.passages} passages, ${stats.quotes} quotes. Type "help" for the commands.\n`);
    lines.setPrompt("citebot> ");
    lines.prompt();
  }
  for await (const line of lines) {
    const text = line.trim();
    if (text === "quit" || text === "exit") break;
    if (text === "help") output.write(`${HELP}\n`);
    else if (text) output.write(`${answer(engine, text)}\n`);
    if (interactive) lines.prompt();
  }
  lines.close();
}

function answer(engine: Engine, line: string): string {
  try {
    return renderForConsole(invoke(engine, parseInvocation(line)));
  } catch (error) {
    if (error instanceof UsageError) return `${error.message}\n(type "help" for the commands)`;
    throw error;
  }
}
