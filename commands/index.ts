import ask from "./ask";
import type { Command } from "./command";
import position from "./position";
import quotes from "./quotes";
import source from "./source";
import whoSaid from "./who-said";

/** Every command, in the order help lists them. Adding a command is adding its file here. */
export const commands: readonly Command[] = [ask, whoSaid, position, quotes, source] as unknown as Command[];

/** Finds a command by name, or returns undefined. */
export function findCommand(name: string): Command | undefined {
  return commands.find((command) => command.name === name);
}
