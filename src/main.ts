import { loadEngine } from "./answers/engine";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "./config";
import { createLogger } from "./log";
import { runConsole } from "./transports/console";
import { startBot } from "./transports/discord/bot";

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

const config = readConfig();
const { engine, rejected } = await loadEngine(config.corpusDir).catch((error: Error) => {
  process.stderr.write(`citebot: ${error.message}\n`);
  process.exit(2);
});

if (config.mode === "console") {
  for (const file of rejected) process.stderr.write(`citebot: skipped ${file.message}\n`);
  await runConsole(engine);
} else {
  const log = createLogger({ level: config.logLevel, secrets: [config.token] });
  for (const file of rejected) log.warn({ file: file.file, problem: file.problem }, "corpus file skipped");
  const bot = await startBot(config, engine, { logger: log });
  const stop = async (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down");
    await bot.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
