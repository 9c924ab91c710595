import { commands, findCommand } from "../../commands";
import type { Command } from "../../commands/command";
import type { Engine } from "../answers/engine";
import type { Answer } from "../answers/types";

/** Input a person typed that cannot be answered as it stands; the message says what to change. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command and its options as typed, before validation. */
export interface Invocation {
  command: Command;
  options: Record<string, string>;
}

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
  for (let i = 0; i < parts.length; i += 2) {
    const option = parts[i]!;
    if (!(option in command.options.shape)) {
      throw new UsageError(`${command.name} has no option --${option}; its options are ${optionNames(command)}`);
    }
    options[option] = (parts[i + 1] ?? "").trim();
  }
  return { command, options };
}

/**
 * Validates the options with the command's schema and answers.
 * @throws UsageError naming the option and what is wrong with it
 */
export function invoke(engine: Engine, { command, options }: Invocation): Answer {
  const parsed = command.options.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = issue?.path.join(".") ?? "";
    const message = issue?.code === "invalid_type" && issue.input === undefined ? "is required" : (issue?.message ?? "is not valid");
    throw new UsageError(`${command.name}: ${option ? `${option} ` : ""}${message}`);
  }
  return command.run(engine, parsed.data);
}

/** The one-line usage of every command, for help text. */
export function usageLines(): string[] {
  return commands.map((command) => {
    const named = Object.keys(command.options.shape).filter((option) => option !== command.positional);
    const positional = command.positional ? ` <${command.positional}>` : "";
    return `${command.name}${positional}${named.map((option) => ` [--${option} …]`).join("")}  ${command.description}`;
  });
}

function commandNames(): string {
  return commands.map((command) => command.name).join(", ");
}

function optionNames(command: Command): string {
  return Object.keys(command.options.shape).map((option) => `--${option}`).join(", ");
}
