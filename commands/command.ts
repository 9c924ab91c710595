import type { z } from "zod";
import type { CompletionList } from "../src/answers/complete";
import type { Engine } from "../src/answers/engine";
import type { Answer, Page } from "../src/answers/types";

export type { CompletionList };

/**
 * One command: its name, what it does, its options as a zod schema, and the function that
 * answers it. The console, the CLI and the Discord slash commands are all derived from this.
 */
export interface Command<Options extends z.ZodObject = z.ZodObject, Result extends Answer = Answer> {
  /** Lowercase, hyphenated: also the slash command's name. */
  name: string;
  /** One line, at most 100 characters (Discord's limit). */
  description: string;
  /** Every option, each with a `.describe()`d text; `.optional()` ones may be left out. */
  options: Options;
  /** The option that the free text after the command fills in the console and the CLI. */
  positional?: keyof z.infer<Options> & string;
  /** Options completed from the engine's lists. */
  completions?: Partial<Record<keyof z.infer<Options> & string, CompletionList>>;
  /**
   * Whether the command answers a page of a long list (a party's position runs to thousands of
   * passages): `run` then heeds `page`, and the answer says how many results there are in all.
   */
  paged?: boolean;
  /** Answers validated input, the page asked for when the command is paged. Pure: reads the engine, changes nothing. */
  run(engine: Engine, input: z.infer<Options>, page?: Page): Result;
}

/** Declares a command, keeping its option types for `run`. */
export function defineCommand<Options extends z.ZodObject, Result extends Answer>(
  command: Command<Options, Result>,
): Command<Options, Result> {
  return command;
}
