import type { BotConfig, LogLevel } from "../../src/config";
import { createLogger, type Logger } from "../../src/log";
import type { DiscordServer } from "./discord-server";

/** The bot's configuration for a test against the local Discord server. */
export function botConfig(server: DiscordServer, token: string, corpusDir = "corpus"): BotConfig {
  return { mode: "bot", token, applicationId: server.applicationId, apiBase: server.apiBase, corpusDir, logLevel: "info" };
}

/** The bot's real logger, with `token` as its secret, writing its lines into `lines` for the test to read. */
export function linesLogger(lines: string[], token: string, level: LogLevel = "info"): Logger {
  return createLogger({ level, secrets: [token], destination: { write: (line: string) => void lines.push(line) } });
}
