import { randomBytes } from "node:crypto";
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  MessageFlags,
  type MessageContextMenuCommandInteraction,
  type RepliableInteraction,
  RESTJSONErrorCodes,
} from "discord.js";
import type { z } from "zod";
import type { Command } from "../../../commands/command";
import { MAX_INPUT_LENGTH } from "../../../commands/limits";
import type { Engine } from "../../answers/engine";
import type { Answer } from "../../answers/types";
import type { Logger } from "../../log";
import { type RenderedMessage, RESULTS_PER_PAGE, renderAnswer } from "../../renderers/discord";
import { PRIVATE_OPTION, WHO_SAID_THIS } from "./definitions";
import { DISCORD_LIMITS } from "./limits";
import { Pager } from "./paging";
import type { Moderation } from "./moderation/handler";
import { defaultPreconditions, type Precondition } from "./preconditions";
import { answerBody, answerReply, notice, noticeBody } from "./replies";
import { quoteCandidates, whoSaidInMessage } from "./who-said-this";

/**
 * What is deferred before it runs, slash command or context menu alike: whatever searches the
 * whole corpus, so that its time grows with it (ask, position, who-said: 4 to 8 ms on seven
 * articles), and "Who said this?", which runs who-said once per sentence of a message. `quotes`
 * and `source` are lookups (under 1 ms) and reply at once, saving a request and a "thinking…".
 */
export const DEFERRED_COMMANDS: readonly string[] = ["ask", "position", "who-said", WHO_SAID_THIS];

/** An engine, or something holding the current one (a LiveCorpus) whose engine is swapped when moderators change the corpus. */
export type EngineSource = Engine | { readonly engine: Engine };

/** The engine to answer from now; read for every interaction, so a swap is seen at once. */
export function currentEngine(source: EngineSource): Engine {
  return "engine" in source ? source.engine : source;
}

/** What the router needs; everything but the engine, the commands and the logger has a default. */
export interface RouterOptions {
  engine: EngineSource;
  commands: readonly Command[];
  logger: Logger;
  preconditions?: Precondition[];
  deferred?: readonly string[];
  /** /corpus for moderators: its commands, buttons and autocomplete go there, after the preconditions. */
  moderation?: Moderation;
}

/**
 * Discord's refusals that mean the interaction takes no answer any more: its token expired (3
 * seconds to acknowledge) or it was acknowledged already. An error reply would fail the same way,
 * or be a second answer.
 */
const NO_MORE_ANSWERS: readonly number[] = [RESTJSONErrorCodes.UnknownInteraction, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged];

/** What became of an interaction, for its log line. */
type Outcome = { outcome: string } & Record<string, unknown>;

/** Where an interaction stands, so that an error is answered the way Discord still accepts. */
interface Progress {
  /** "update": a button click acknowledged, its message to be edited. */
  deferred: "no" | "public" | "ephemeral" | "update";
}

/**
 * The one interaction router: slash commands, the "Who said this?" context-menu command, the
 * "More" buttons and autocomplete. It never throws, and never leaves an interaction unanswered:
 * any error is logged with a reference id and answered with a short ephemeral message that
 * carries the same id.
 */
export function createRouter(options: RouterOptions): (interaction: Interaction) => Promise<void> {
  const { commands, logger, moderation } = options;
  const engine = () => currentEngine(options.engine);
  const preconditions = options.preconditions ?? defaultPreconditions();
  const deferred = new Set(options.deferred ?? DEFERRED_COMMANDS);
  const pager = new Pager();
  const byName = new Map(commands.map((command) => [command.name, command]));

  /** Validates input with the command's schema; a sentence naming the option when it is wrong. */
  function validate(command: Command, input: unknown): { data: z.infer<z.ZodObject> } | { problem: string } {
    const parsed = command.options.safeParse(input);
    if (parsed.success) return { data: parsed.data };
    const issue = parsed.error.issues[0];
    const option = issue?.path.join(".") || "input";
    // zod 4 leaves the input out of its issues: look the option up to tell missing from mistyped.
    const given = typeof input === "object" && input !== null ? (input as Record<string, unknown>)[option] : undefined;
    const missing = issue?.code === "invalid_type" && given === undefined;
    return { problem: `The \`${option}\` option of /${command.name} ${missing ? "is required" : `is not right: ${issue?.message ?? "it is not valid"}`}.` };
  }

  function render(command: Command, input: unknown, answer: Answer, offset = 0) {
    return renderAnswer(answer, { offset, moreId: (next) => pager.encode(command.name, input, next) });
  }

  /** Acknowledges now when `name` is deferred: a "thinking…" reply, or for a button a silent one. */
  async function deferIfHeavy(interaction: RepliableInteraction, name: string, progress: Progress, ephemeral: boolean): Promise<void> {
    if (!deferred.has(name)) return;
    if (interaction.isButton()) {
      await interaction.deferUpdate();
      progress.deferred = "update";
    } else {
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      progress.deferred = ephemeral ? "ephemeral" : "public";
    }
  }

  /** Shows an answer: as the reply or the button's message update, or by editing once deferred. */
  async function send(interaction: RepliableInteraction, progress: Progress, rendered: RenderedMessage, ephemeral: boolean): Promise<void> {
    if (progress.deferred !== "no") await interaction.editReply(answerBody(rendered));
    else if (interaction.isButton()) await interaction.update(answerBody(rendered));
    else await interaction.reply(answerReply(rendered, ephemeral));
  }

  async function slash(interaction: ChatInputCommandInteraction, progress: Progress): Promise<Outcome> {
    const command = byName.get(interaction.commandName);
    if (!command) {
      await interaction.reply(notice(`/${interaction.commandName} is not a command of this bot any more. Type / to see the current ones.`));
      return { outcome: "unknown command" };
    }
    const raw = Object.fromEntries(interaction.options.data.map((option) => [option.name, option.value]));
    const { [PRIVATE_OPTION]: isPrivate, ...input } = raw;
    const valid = validate(command, input);
    if ("problem" in valid) {
      await interaction.reply(notice(valid.problem));
      return { outcome: "invalid input", problem: valid.problem };
    }
    const ephemeral = isPrivate === true;
    await deferIfHeavy(interaction, command.name, progress, ephemeral);
    const answer = command.run(engine(), valid.data, { offset: 0, limit: RESULTS_PER_PAGE });
    await send(interaction, progress, render(command, valid.data, answer), ephemeral);
    return { outcome: "answered", kind: answer.kind, ephemeral, deferred: progress.deferred !== "no" };
  }

  async function whoSaidThis(interaction: MessageContextMenuCommandInteraction, progress: Progress): Promise<Outcome> {
    const command = byName.get("who-said");
    const content = interaction.targetMessage.content;
    if (!command) throw new Error("the who-said command is not loaded");
    if (quoteCandidates(content).length === 0) {
      // Text whose every sentence is too long is not "no text": say what to do instead.
      if (content.trim() !== "") {
        await interaction.reply(notice(`That message has no sentence short enough to look up (${MAX_INPUT_LENGTH} characters at most): copy the quote into /who-said.`));
        return { outcome: "too long" };
      }
      await interaction.reply(notice("That message has no text to look up: Citebot reads a message's words, not its images or embeds."));
      return { outcome: "no text" };
    }
    // Only the person who asked sees it: a context menu cannot take the `private` option, and a
    // public answer on someone else's message would read as calling them out.
    await deferIfHeavy(interaction, WHO_SAID_THIS, progress, true);
    // Non-null: a message with candidates always gets an answer, if only "not in the corpus".
    const answer = whoSaidInMessage(content, (quote) => {
      const result = command.run(engine(), { quote });
      if (result.kind !== "who-said") throw new Error(`who-said answered with a ${result.kind} answer`);
      return result;
    })!;
    await send(interaction, progress, render(command, { quote: answer.query }, answer), true);
    return { outcome: "answered", kind: answer.kind, matches: answer.matches.length };
  }

  async function more(interaction: ButtonInteraction, progress: Progress): Promise<Outcome> {
    const request = pager.decode(interaction.customId);
    if (request === "expired") {
      await interaction.reply(notice("This list has expired: run the command again to see more."));
      return { outcome: "expired button" };
    }
    const command = request && byName.get(request.command);
    const valid = command && validate(command, request.input);
    if (!command || !valid || "problem" in valid) {
      await interaction.reply(notice("This button belongs to an older version of Citebot: run the command again."));
      return { outcome: "unknown button" };
    }
    await deferIfHeavy(interaction, command.name, progress, false);
    const answer = command.run(engine(), valid.data, { offset: request.offset, limit: RESULTS_PER_PAGE });
    await send(interaction, progress, render(command, valid.data, answer, request.offset), false);
    return { outcome: "paged", kind: answer.kind, offset: request.offset };
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const list = byName.get(interaction.commandName)?.completions?.[focused.name];
    const suggestions = list ? engine().complete(list, String(focused.value), DISCORD_LIMITS.choices) : [];
    // A longer suggestion cannot be a choice: its value would be cut and no longer match.
    const choices = suggestions.filter((name) => name.length <= DISCORD_LIMITS.choiceValue).slice(0, DISCORD_LIMITS.choices);
    await interaction.respond(choices.map((name) => ({ name, value: name })));
  }

  async function answerError(interaction: RepliableInteraction, progress: Progress, ref: string): Promise<void> {
    const text = `Sorry, something went wrong on our side. If it keeps happening, tell the bot's admin this reference: ${ref}`;
    const message = notice(text);
    if (progress.deferred === "ephemeral") {
      await interaction.editReply(noticeBody(text));
    } else if (progress.deferred === "public") {
      // A public "thinking…" cannot turn ephemeral: remove it and say so privately.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp(message);
    } else if (interaction.replied || interaction.deferred) {
      await interaction.followUp(message);
    } else {
      await interaction.reply(message);
    }
  }

  /** The first precondition that refuses, with its reason; each counts the use only if reached. */
  function refusal(userId: string): { precondition: string; reason: string } | null {
    for (const precondition of preconditions) {
      const reason = precondition.check(userId, Date.now());
      if (reason !== null) return { precondition: precondition.name, reason };
    }
    return null;
  }

  async function handle(interaction: RepliableInteraction, progress: Progress): Promise<Outcome> {
    const refused = refusal(interaction.user.id);
    if (refused) {
      await interaction.reply(notice(refused.reason));
      return { outcome: "refused", precondition: refused.precondition };
    }
    if (moderation?.owns(interaction)) return moderation.handle(interaction);
    if (interaction.isChatInputCommand()) return slash(interaction, progress);
    if (interaction.isMessageContextMenuCommand() && interaction.commandName === WHO_SAID_THIS) return whoSaidThis(interaction, progress);
    if (interaction.isButton()) return more(interaction, progress);
    await interaction.reply(notice("Citebot does not know this action."));
    return { outcome: "unknown interaction" };
  }

  return async function route(interaction: Interaction): Promise<void> {
    const log = logger.child({
      interaction: interaction.id,
      user: interaction.user.id,
      // The command's name only: what people ask stays out of the log.
      ...("commandName" in interaction ? { command: interaction.commandName } : {}),
    });
    if (interaction.isAutocomplete()) {
      await (moderation?.owns(interaction) ? moderation.autocomplete(interaction) : autocomplete(interaction)).catch(async (error: unknown) => {
        log.warn({ err: error }, "autocomplete failed");
        // Answered with no suggestions, the user can still type the value.
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
      });
      return;
    }
    if (!interaction.isRepliable()) return;
    const progress: Progress = { deferred: "no" };
    const started = performance.now();
    try {
      const outcome = await handle(interaction, progress);
      log.info({ ...outcome, ms: Math.round(performance.now() - started) }, "handled");
    } catch (error) {
      if (error instanceof DiscordAPIError && NO_MORE_ANSWERS.includes(Number(error.code))) {
        log.warn({ err: error, code: error.code, ms: Math.round(performance.now() - started) }, "interaction no longer answerable");
        return;
      }
      const ref = randomBytes(4).toString("hex");
      log.error({ err: error, ref }, "interaction failed");
      await answerError(interaction, progress, ref).catch((replyError: unknown) => log.error({ err: replyError, ref }, "could not send the error reply"));
    }
  };
}
