import { commands, findCommand } from "../../commands";
import type { Command } from "../../commands/command";
import type { Engine } from "../answers/engine";
import { FIRST_PAGE } from "../answers/position";
import type { Answer, Page } from "../answers/types";

/** Input a person typed that cannot be answered as it stands; the message says what to change. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command and its options as typed, before validation. */
export interface Invocation {
  command: Command;
  options: Record<string, string>;
  /** The page of a paged command's results, from `--offset` and `--limit`. */
  page?: Page;
}

/** The options that page a paged command's results, beside the command's own. */
const PAGE_OPTIONS = ["offset", "limit"] as const;

/** Most results one page may ask for: enough for a tool, not a whole corpus's worth of citations at once. */
export const MAX_PAGE = 1_000;

/**
 * Reads a typed line: the command's name, free text for its positional option, and
 * `--name value` for the others. `position Putin --topic territory`.
 * @throws UsageError for an empty line, an unknown command or an unknown option
 */
export function parseInvocation(line: string): Invocation {
  const [head = "", ...parts] = line.trim().split(/(?:^|\s+)--([a-z][a-z-]*)(?=\s|$)/);
  const [name = "", ...words] = head.trim().split(/\s+/);
  if (!name) throw new UsageError(`type a command: ${commandNames()}`);
  const command = findCommand(name.toLowerCase());
  if (!command) throw new UsageError(`unknown command "${name}": the commands are ${commandNames()}`);
  const options: Record<string, string> = {};
  const text = words.join(" ").trim();
  if (text) {
    if (!command.positional) throw new UsageError(`${command.name} takes no text`);
    options[command.positional] = text;
  }
  let page: Page | undefined;
  for (let i = 0; i < parts.length; i += 2) {
    const option = parts[i]!;
    const value = (parts[i + 1] ?? "").trim();
    if (command.paged && (PAGE_OPTIONS as readonly string[]).includes(option)) {
      page = { ...(page ?? FIRST_PAGE), [option]: pageNumber(command, option, value) };
      continue;
    }
    if (!(option in command.options.shape)) {
      throw new UsageError(`${command.name} has no option --${option}; its options are ${optionNames(command)}`);
    }
    options[option] = value;
  }
  return { command, options, ...(page ? { page } : {}) };
}

/** A page option's value: a whole number, at least 1 for --limit and at most MAX_PAGE. */
function pageNumber(command: Command, option: string, value: string): number {
  const number = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  const least = option === "limit" ? 1 : 0;
  if (!(number >= least) || (option === "limit" && number > MAX_PAGE)) {
    const range = option === "limit" ? `from 1 to ${MAX_PAGE}` : "0 or more";
    throw new UsageError(`${command.name}: --${option} takes a whole number ${range}, not "${value}"`);
  }
  return number;
}

/**
 * Validates the options with the command's schema and answers.
 * @throws UsageError naming the option and what is wrong with it
 */
export function invoke(engine: Engine, { command, options, page }: Invocation): Answer {
  const parsed = command.options.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = issue?.path.join(".") ?? "";
    const message = issue?.code === "invalid_type" && issue.input === undefined ? "is required" : (issue?.message ?? "is not valid");
    throw new UsageError(`${command.name}: ${option ? `${option} ` : ""}${message}`);
  }
  return command.run(engine, parsed.data, page);
}

/** The one-line usage of every command, for help text. */
export function usageLines(): string[] {
  return commands.map((command) => {
    const named = optionsOf(command).filter((option) => option !== command.positional);
    const positional = command.positional ? ` <${command.positional}>` : "";
    return `${command.name}${positional}${named.map((option) => ` [--${option} …]`).join("")}  ${command.description}`;
  });
}

function commandNames(): string {
  return commands.map((command) => command.name).join(", ");
}

function optionNames(command: Command): string {
  return optionsOf(command).map((option) => `--${option}`).join(", ");
}

/** A command's own options, then the page options of a paged command. */
function optionsOf(command: Command): string[] {
  return [...Object.keys(command.options.shape), ...(command.paged ? PAGE_OPTIONS : [])];
}
