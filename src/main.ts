import { Events } from "discord.js";
import { type Engine, loadEngine } from "./answers/engine";
import { type Config, ConfigError, type ConsoleConfig, LOG_LEVELS, loadConfig, loadDotEnv } from "./config";
import { LiveCorpus } from "./corpus/live";
import type { CorpusFileError } from "./corpus/parse";
import { engineForFolder } from "./corpus/snapshot-file";
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

/**
 * The console's engine: from the snapshot when it was made from exactly the articles in the
 * folder, otherwise built and saved for the next start. Says which on stderr (stdout is for
 * answers); a snapshot that cannot be saved is reported and the console starts all the same.
 */
async function consoleEngine(config: ConsoleConfig): Promise<Engine> {
  const says = (level: "info" | "warn", line: string) => {
    if (LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(config.logLevel)) process.stderr.write(`citebot: ${line}\n`);
  };
  const skipped = (rejected: readonly CorpusFileError[]) => {
    for (const file of rejected) process.stderr.write(`citebot: skipped ${file.message}\n`);
  };
  const { snapshot } = config;
  if (snapshot === undefined) {
    const { engine, rejected } = await loadEngine(config.corpusDir);
    skipped(rejected);
    return engine;
  }
  const { engine, rejected, snapshot: used } = await engineForFolder(config.corpusDir, snapshot);
  skipped(rejected);
  const articles = `${engine.articles.length} articles`;
  if (used.read) says("info", `${articles}, read from the snapshot ${snapshot}`);
  else {
    const analysed = `${articles}, analysed in ${(used.buildMs / 1000).toFixed(1)} s`;
    if (used.saveError) says("warn", `${analysed}; the snapshot ${snapshot} could not be saved (${used.saveError.message}): the next start analyses them again`);
    else says("info", `${analysed} (snapshot ${used.miss}); saved to ${snapshot} for the next start`);
  }
  return engine;
}

const config = readConfig();

if (config.mode === "console") {
  await runConsole(await consoleEngine(config).catch(stopWith));
} else {
  const log = createLogger({ level: config.logLevel, secrets: [config.token] });
  // Moderators change the corpus from Discord (/corpus): the bot answers from a live corpus whose engine is swapped.
  const live = await LiveCorpus.open(config.corpusDir, { ...(config.snapshot ? { snapshot: config.snapshot } : {}), logger: log }).catch(stopWith);
  // `npm run corpus` and hand edits reach the bot without /corpus reload.
  if (config.watchCorpus) live.watch();
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
    // A snapshot being written is finished, not left half-way as a temporary file.
    await live.close();
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
