/**
 * Registers Citebot's slash commands and its "Who said this?" message command with Discord,
 * replacing whatever was registered before (a bulk overwrite). Run it once after the commands
 * change: `npm run deploy-commands`. With DISCORD_GUILD_ID set, the commands go to that server
 * only and appear at once; without it, they are global.
 */
import { ApplicationCommandType, DiscordAPIError, REST, Routes } from "discord.js";
import { z } from "zod";
import { commands } from "../commands";
import { ConfigError, loadConfig, loadDotEnv } from "../src/config";
import { applicationCommands } from "../src/transports/discord/definitions";
import { moderationCommands } from "../src/transports/discord/moderation/command";
import { moderationSettings } from "../src/transports/discord/moderation/settings";

function fail(message: string): never {
  process.stderr.write(`deploy-commands: ${message}\n`);
  process.exit(1);
}

loadDotEnv();
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message.replaceAll("\n", "\ndeploy-commands: "));
  throw error;
}
if (config.mode !== "bot") fail("DISCORD_TOKEN: is missing; registering commands needs the bot token (see .env.example)");

const rest = new REST({ api: config.apiBase }).setToken(config.token);
const route = config.guildId ? Routes.applicationGuildCommands(config.applicationId, config.guildId) : Routes.applicationCommands(config.applicationId);
/** What Discord answers: the commands as registered. Checked, since the output reports them. */
const registeredSchema = z.array(z.looseObject({ name: z.string(), type: z.number().default(ApplicationCommandType.ChatInput), description: z.string().default("") }));

// Read before calling Discord, so that a malformed setting is not reported as Discord unreachable.
let moderation;
try {
  moderation = moderationCommands(config.guildId, moderationSettings().guildIds);
} catch (error) {
  fail((error as Error).message.replaceAll("\n", "\ndeploy-commands: "));
}

let response: unknown;
try {
  response = await rest.put(route, { body: [...applicationCommands(commands), ...moderation] });
} catch (error) {
  if (error instanceof DiscordAPIError) {
    const hint = error.status === 401 ? "; check DISCORD_TOKEN" : error.status === 403 || error.status === 404 ? "; check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID, and that the bot is in that server" : "";
    // Discord's messages often start with the status already: "401: Unauthorized".
    const reason = error.message.startsWith(`${error.status}`) ? error.message : `${error.status}: ${error.message}`;
    fail(`Discord refused the commands (${reason})${hint}`);
  }
  fail(`could not reach Discord at ${config.apiBase}: ${(error as Error).message}`);
}

const parsed = registeredSchema.safeParse(response);
if (!parsed.success) fail(`Discord answered with something that is not a list of commands (${parsed.error.issues[0]?.message}); check DISCORD_API_BASE`);
const registered = parsed.data;
const where = config.guildId ? `in server ${config.guildId}` : "globally";
process.stdout.write(`Registered ${registered.length} commands ${where}:\n`);
for (const command of registered) {
  const label = command.type === ApplicationCommandType.Message ? `${command.name} (message menu)` : `/${command.name}  ${command.description}`;
  process.stdout.write(`  ${label}\n`);
}
