import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

/** The moderation command's name. */
export const CORPUS_COMMAND = "corpus";

/** The subcommands of /corpus. */
export const SUBCOMMANDS = ["status", "list", "add", "replace", "remove", "reload"] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

const id = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.String,
  name: "id",
  description,
  required: true,
  autocomplete: true,
  max_length: 80,
});
const url: APIApplicationCommandBasicOption = { type: ApplicationCommandOptionType.String, name: "url", description: "A link to the article's web page", max_length: 2000 };
const file: APIApplicationCommandBasicOption = { type: ApplicationCommandOptionType.Attachment, name: "file", description: "A .md file (front matter with a title) or .txt (title on the first line)" };

/**
 * `/corpus`: visible only to members with Manage Server (server admins may grant it to a role
 * in Server Settings > Integrations), in servers only, never in direct messages.
 */
export const corpusCommand: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: CORPUS_COMMAND,
  description: "Moderators: see and change the articles Citebot answers from",
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  dm_permission: false,
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: "status", description: "Counts, the last change and who made it, recent changes" },
    { type: ApplicationCommandOptionType.Subcommand, name: "list", description: "The articles, with their ids" },
    { type: ApplicationCommandOptionType.Subcommand, name: "add", description: "Add an article from a link or a file: preview first, then publish", options: [url, file] },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: "replace",
      description: "Replace an article, keeping its id: preview first, then publish",
      options: [id("The id of the article to replace"), url, file],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: "remove", description: "Remove an article (asks to confirm)", options: [id("The id of the article to remove")] },
    { type: ApplicationCommandOptionType.Subcommand, name: "reload", description: "Read the corpus folder again after files were edited by hand" },
  ],
};

/**
 * The moderation commands to register along with the others: /corpus when deploying to a
 * moderation server, or globally when any server may moderate (other servers are refused by
 * the handler). None when no server may moderate.
 * @param guildId the server being deployed to, or undefined for a global deploy
 */
export function moderationCommands(guildId: string | undefined, moderationGuildIds: readonly string[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const wanted = guildId === undefined ? moderationGuildIds.length > 0 : moderationGuildIds.includes(guildId);
  return wanted ? [corpusCommand] : [];
}
