import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type Attachment,
  type AutocompleteInteraction,
  type ButtonInteraction,
  ButtonStyle,
  type ChatInputCommandInteraction,
  ComponentType,
  escapeMarkdown,
  type Interaction,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import { describeArticle, describeChange, describePreview, describeStatus } from "../../../corpus/describe";
import { type ArticlePreview, ImportError, MAX_FILE_BYTES, previewFile, previewLink } from "../../../corpus/import";
import { CorpusRebuildError, type LiveCorpus } from "../../../corpus/live";
import { CorpusStoreError } from "../../../corpus/store";
import { truncate } from "../../../renderers/discord";
import { DISCORD_LIMITS } from "../limits";
import { NO_PINGS, notice, noticeBody } from "../replies";
import { moderationRefusal } from "./access";
import { CORPUS_COMMAND, type Subcommand } from "./command";
import { type PendingChange, PendingChanges } from "./pending";
import type { ModerationSettings } from "./settings";

/** What became of a moderation interaction, for the router's log line. */
export type ModerationOutcome = { outcome: string } & Record<string, unknown>;

/** What the moderation handler needs. */
export interface ModerationOptions {
  live: LiveCorpus;
  settings: ModerationSettings;
  pending?: PendingChanges;
  now?: () => number;
  /** Downloads an attachment; by default from its Discord CDN URL, within the size limit. */
  download?: (attachment: Attachment) => Promise<Uint8Array>;
}

/** `/corpus`, its buttons and its autocomplete. */
export interface Moderation {
  /** True for the interactions this handler answers: /corpus, its autocomplete, its buttons. */
  owns(interaction: Interaction): boolean;
  /** Answers a /corpus command or button; refusals and bad input are answered, other errors thrown. */
  handle(interaction: RepliableInteraction): Promise<ModerationOutcome>;
  /** Suggests article ids for the `id` options. */
  autocomplete(interaction: AutocompleteInteraction): Promise<void>;
}

/** Custom ids of the confirmation buttons: `corpus:<verb>:<token>`. */
const BUTTON = /^corpus:(publish|remove|cancel):([\w-]{1,40})$/;

/** Errors whose message is for the moderator: what was refused and why. Anything else is a bug, for the router. */
const REFUSALS = [ImportError, CorpusStoreError, CorpusRebuildError];

/**
 * The moderation handler. Every call, button clicks included, is checked against the rules in
 * access.ts first. Replies are ephemeral: only the moderator sees previews and results.
 */
export function createModeration(options: ModerationOptions): Moderation {
  const { live, settings } = options;
  const pending = options.pending ?? new PendingChanges();
  const now = options.now ?? Date.now;
  const download = options.download ?? downloadAttachment;

  const who = (interaction: Interaction) => `discord:${interaction.user.id} (${interaction.user.username})`;

  async function slash(interaction: ChatInputCommandInteraction): Promise<ModerationOutcome> {
    const subcommand = interaction.options.getSubcommand() as Subcommand;
    switch (subcommand) {
      case "status":
        await interaction.reply(notice(lines(describeStatus(await live.status()))));
        return { outcome: "status", subcommand };
      case "list": {
        const articles = live.list();
        await interaction.reply(notice(lines([`${articles.length} article${articles.length === 1 ? "" : "s"}:`, ...articles.map(describeArticle)])));
        return { outcome: "listed", subcommand, articles: articles.length };
      }
      case "add":
      case "replace": {
        const id = subcommand === "replace" ? interaction.options.getString("id", true) : undefined;
        if (id !== undefined && !live.list().some((article) => article.id === id)) {
          await interaction.reply(notice(`No article has the id \`${escapeMarkdown(id)}\`: /corpus list shows the ids.`));
          return { outcome: "unknown id", subcommand };
        }
        const url = interaction.options.getString("url");
        const file = interaction.options.getAttachment("file");
        if ((url === null) === (file === null)) {
          await interaction.reply(notice("Give either a `url` or a `file`, one of the two."));
          return { outcome: "invalid input", subcommand };
        }
        // Fetching a page can take seconds: Discord wants an answer within three.
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        const preview = url !== null ? await previewLink(url, settings.fetch) : previewFile(await download(file!), file!.name);
        const change: PendingChange = id === undefined ? { action: "add", draft: preview.draft } : { action: "replace", id, draft: preview.draft };
        const token = pending.put(change, interaction.user.id, now());
        await interaction.editReply(withButtons(previewText(preview, id), [button("publish", token, id ? "Publish the new version" : "Publish", ButtonStyle.Success), cancel(token)]));
        return { outcome: "previewed", subcommand, quotes: preview.quotes };
      }
      case "remove": {
        const id = interaction.options.getString("id", true);
        const article = live.list().find((candidate) => candidate.id === id);
        if (!article) {
          await interaction.reply(notice(`No article has the id \`${escapeMarkdown(id)}\`: /corpus list shows the ids.`));
          return { outcome: "unknown id", subcommand };
        }
        const token = pending.put({ action: "remove", id }, interaction.user.id, now());
        const text = `Remove this article? Its citations stop working; a copy is kept in the corpus history.\n${escapeMarkdown(describeArticle(article))}`;
        await interaction.reply({ ...withButtons(text, [button("remove", token, "Remove", ButtonStyle.Danger), cancel(token)]), flags: MessageFlags.Ephemeral });
        return { outcome: "confirming", subcommand };
      }
      case "reload": {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.editReply(noticeBody(lines(describeChange(await live.reload(who(interaction))))));
        return { outcome: "reloaded", subcommand };
      }
    }
  }

  async function click(interaction: ButtonInteraction): Promise<ModerationOutcome> {
    const [, verb, token] = BUTTON.exec(interaction.customId) ?? [];
    const change = pending.take(token ?? "", interaction.user.id, now());
    if (change === "not yours") {
      await interaction.reply(notice("Only the moderator who asked for this change can confirm it."));
      return { outcome: "not yours" };
    }
    if (change === null) {
      await interaction.update(noticeBody("This preview has expired or was already used: run the /corpus command again."));
      return { outcome: "expired button" };
    }
    if (verb === "cancel") {
      await interaction.update(noticeBody("Cancelled: nothing changed."));
      return { outcome: "cancelled", action: change.action };
    }
    // The rebuild takes longer as the corpus grows: acknowledge now, show the result when done.
    await interaction.deferUpdate();
    const result =
      change.action === "add"
        ? await live.add(change.draft, who(interaction))
        : change.action === "replace"
          ? await live.replace(change.id, change.draft, who(interaction))
          : await live.remove(change.id, who(interaction));
    await interaction.editReply(noticeBody(lines(describeChange(result))));
    return { outcome: "published", action: change.action, id: result.article?.id };
  }

  return {
    owns(interaction) {
      if (interaction.isButton()) return BUTTON.test(interaction.customId);
      return (interaction.isChatInputCommand() || interaction.isAutocomplete()) && interaction.commandName === CORPUS_COMMAND;
    },

    async handle(interaction) {
      const refused = moderationRefusal(interaction, settings);
      if (refused) {
        await interaction.reply(notice(refused.reason));
        return { outcome: "refused", rule: refused.rule };
      }
      try {
        if (interaction.isChatInputCommand()) return await slash(interaction);
        if (interaction.isButton()) return await click(interaction);
        await interaction.reply(notice("Citebot does not know this action."));
        return { outcome: "unknown interaction" };
      } catch (error) {
        if (!REFUSALS.some((kind) => error instanceof kind)) throw error;
        const text = lines([`Nothing changed. ${(error as Error).message}`]);
        if (interaction.deferred || interaction.replied) await interaction.editReply(noticeBody(text));
        else await interaction.reply(notice(text));
        return { outcome: "refused change", problem: (error as Error).message.slice(0, 200) };
      }
    },

    async autocomplete(interaction) {
      // Article ids are no secret, but only moderators get them suggested.
      if (moderationRefusal(interaction, settings)) return void (await interaction.respond([]));
      const typed = String(interaction.options.getFocused()).toLowerCase();
      const choices = live
        .list()
        .filter((article) => article.id.includes(typed) || article.title.toLowerCase().includes(typed))
        .slice(0, DISCORD_LIMITS.choices)
        .map((article) => ({ name: truncate(`${article.id} — ${article.title}`, DISCORD_LIMITS.choiceName), value: article.id }));
      await interaction.respond(choices);
    },
  };
}

/** The preview as a message: the moderator checks it before publishing. */
function previewText(preview: ArticlePreview, replacing: string | undefined): string {
  const head = replacing ? `Replace \`${replacing}\` with this version?` : "Add this article?";
  const warning = preview.quotes === 0 ? "\nNo quotes were found: check the text is the article itself." : "";
  return `${head}\n${escapeMarkdown(describePreview(preview).join("\n"))}${warning}`;
}

function button(verb: "publish" | "remove" | "cancel", token: string, label: string, style: ButtonStyle.Success | ButtonStyle.Danger | ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, custom_id: `corpus:${verb}:${token}`, label, style };
}

function cancel(token: string): APIButtonComponent {
  return button("cancel", token, "Cancel", ButtonStyle.Secondary);
}

function withButtons(text: string, buttons: APIButtonComponent[]) {
  const row: APIActionRowComponent<APIButtonComponent> = { type: ComponentType.ActionRow, components: buttons };
  return { content: truncate(text, DISCORD_LIMITS.content), embeds: [], components: [row], allowedMentions: NO_PINGS };
}

/** Corpus text as plain lines: titles and names may hold * or _, which must not turn into formatting. */
function lines(text: string[]): string {
  return truncate(escapeMarkdown(text.join("\n")), DISCORD_LIMITS.content);
}

/**
 * Downloads an attachment from Discord's CDN, refusing a file over the upload limit before
 * fetching it.
 * @throws ImportError when it is too large or cannot be fetched
 */
async function downloadAttachment(attachment: Attachment): Promise<Uint8Array> {
  if (attachment.size > MAX_FILE_BYTES) throw new ImportError(`${attachment.name}: is ${Math.ceil(attachment.size / 1024)} KiB; the limit is ${MAX_FILE_BYTES / 1024} KiB`);
  const response = await fetch(attachment.url, { signal: AbortSignal.timeout(10_000) }).catch((error: Error) => {
    throw new ImportError(`${attachment.name}: could not be downloaded from Discord (${error.message})`);
  });
  if (!response.ok) throw new ImportError(`${attachment.name}: could not be downloaded from Discord (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
