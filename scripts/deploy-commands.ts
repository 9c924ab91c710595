/**
 * Registers Citebot's slash commands and its "Who said this?" message command with Discord,
 * replacing whatever was registered before (a bulk overwrite). Run it once after the commands
 * change: `npm run deploy-commands`. With DISCORD_GUILD_ID set, the commands go to that server
 * only and appear at once; without it, they are global.
 */
import { type APIApplicationCommand, ApplicationCommandType, DiscordAPIError, REST, Routes } from "discord.js";
import { commands } from "../commands";
import { ConfigError, loadConfig, loadDotEnv } from "../src/config";
import { applicationCommands } from "../src/transports/discord/definitions";

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
let registered: APIApplicationCommand[];
try {
  registered = (await rest.put(route, { body: applicationCommands(commands) })) as APIApplicationCommand[];
} catch (error) {
  if (error instanceof DiscordAPIError) {
    const hint = error.status === 401 ? ": check DISCORD_TOKEN" : error.status === 403 || error.status === 404 ? ": check DISCORD_APPLICATION_ID and DISCORD_GUILD_ID, and that the bot is in that server" : "";
    fail(`Discord refused the commands (${error.status} ${error.message})${hint}`);
  }
  fail(`could not reach Discord at ${config.apiBase}: ${(error as Error).message}`);
}

const where = config.guildId ? `in server ${config.guildId}` : "globally";
process.stdout.write(`Registered ${registered.length} commands ${where}:\n`);
for (const command of registered) {
  const label = command.type === ApplicationCommandType.Message ? `${command.name} (message menu)` : `/${command.name}  ${command.description}`;
  process.stdout.write(`  ${label}\n`);
}
