import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsJSONBody,
} from "discord.js";
import { z } from "zod";
import type { Command } from "../../../commands/command";
import { DISCORD_LIMITS } from "./limits";

/** The option every slash command has: answer only the person who asked. */
export const PRIVATE_OPTION = "private";

/** The message context-menu command: who said the quote in this message? */
export const WHO_SAID_THIS = "Who said this?";

/** One option of a command's zod schema as Discord takes it. */
function toOption(name: string, field: z.ZodType, command: string, autocomplete: boolean): APIApplicationCommandBasicOption {
  const optional = field instanceof z.ZodOptional;
  const inner = optional ? (field.unwrap() as z.ZodType) : field;
  const description = inner.description ?? field.description;
  if (!description) throw new Error(`command ${command}: option ${name} needs a .describe() text`);
  if (description.length > DISCORD_LIMITS.commandDescription) {
    throw new Error(`command ${command}: the description of ${name} is over ${DISCORD_LIMITS.commandDescription} characters`);
  }
  const base = { name, description, required: !optional };
  if (inner instanceof z.ZodBoolean) return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (inner instanceof z.ZodString) {
    const text = {
      ...base,
      type: ApplicationCommandOptionType.String as const,
      ...(inner.minLength !== null ? { min_length: inner.minLength } : {}),
      ...(inner.maxLength !== null ? { max_length: inner.maxLength } : {}),
    };
    return autocomplete ? { ...text, autocomplete: true } : text;
  }
  throw new Error(`command ${command}: option ${name} is a ${inner.def.type}; Discord options here are text or true/false`);
}

/**
 * The slash command for a command, derived from its schema: text and true/false options,
 * required unless `.optional()`, described by `.describe()`, text limited to the schema's
 * length, completed where the command names a list; and `private` on every command.
 * @throws Error when the command cannot be expressed as a slash command (a developer's mistake)
 */
export function slashCommand(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  if (command.description.length > DISCORD_LIMITS.commandDescription) {
    throw new Error(`command ${command.name}: its description is over ${DISCORD_LIMITS.commandDescription} characters`);
  }
  const completions: Partial<Record<string, string>> = command.completions ?? {};
  const options = Object.entries(command.options.shape as Record<string, z.ZodType>).map(([name, field]) =>
    toOption(name, field, command.name, completions[name] !== undefined),
  );
  if (options.some((option) => option.name === PRIVATE_OPTION)) throw new Error(`command ${command.name}: "${PRIVATE_OPTION}" is reserved`);
  options.push({
    name: PRIVATE_OPTION,
    description: "Only you see the answer (default: everyone in the channel sees it)",
    type: ApplicationCommandOptionType.Boolean,
    required: false,
  });
  return {
    type: ApplicationCommandType.ChatInput,
    name: command.name,
    description: command.description,
    // Discord wants required options first.
    options: options.sort((a, b) => Number(b.required) - Number(a.required)),
  };
}

/** The message context-menu command that runs who-said on a message's text. */
export const whoSaidThisCommand: RESTPostAPIContextMenuApplicationCommandsJSONBody = {
  type: ApplicationCommandType.Message,
  name: WHO_SAID_THIS,
};

/** Every application command the bot has, as `PUT /applications/{app}/commands` takes them. */
export function applicationCommands(commands: readonly Command[]): RESTPutAPIApplicationCommandsJSONBody {
  return [...commands.map(slashCommand), whoSaidThisCommand];
}
