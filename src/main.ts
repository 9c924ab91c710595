import { Events } from "discord.js";
import { loadEngine } from "./answers/engine";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "./config";
import { LiveCorpus } from "./corpus/live";
import { createLogger } from "./log";
import { runConsole } from "./transports/console";
import { startBot } from "./transports/discord/bot";
import { createModeration } from "./transports/discord/moderation/handler";
import { moderationSettings } from "./transports/discord/moderation/settings";

/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, the console when it is not.
 * A bad setting stops startup with one line per variable, never a secret's value.
 */
function readConfig(): Config {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) process.stderr.write(`citebot: ${problem}\n`);
    process.exit(2);
  }
}

function stopWith(error: Error): never {
  process.stderr.write(`citebot: ${error.message}\n`);
  process.exit(2);
}

const config = readConfig();

if (config.mode === "console") {
  const { engine, rejected } = await loadEngine(config.corpusDir).catch(stopWith);
  for (const file of rejected) process.stderr.write(`citebot: skipped ${file.message}\n`);
  await runConsole(engine);
} else {
  const log = createLogger({ level: config.logLevel, secrets: [config.token] });
  // Moderators change the corpus from Discord (/corpus): the bot answers from a live corpus whose engine is swapped.
  const live = await LiveCorpus.open(config.corpusDir).catch(stopWith);
  let settings;
  try {
    settings = moderationSettings();
  } catch (error) {
    stopWith(error as Error);
  }
  const moderation = createModeration({ live, settings });
  for (const file of (await live.status()).skipped) log.warn({ file: file.file, problem: file.problem }, "corpus file skipped");
  // A refused token or an unreachable Discord is a bad setting too: one line, no stack trace.
  const bot = await startBot(config, live, { logger: log, moderation }).catch(stopWith);
  const stop = async (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down");
    await bot.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  // discord.js gives up only when Discord closes the gateway for good (the token was reset, an
  // intent is not allowed): the bot would sit silent and then exit 0. Stop with an error instead.
  bot.client.once(Events.ShardDisconnect, (event) => {
    log.fatal({ code: event.code }, "Discord closed the gateway for good: check the token and the intents in the Developer Portal");
    process.exit(1);
  });
}
