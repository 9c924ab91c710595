import { pino, type DestinationStream, type Logger, type LoggerOptions as LoggerSettings } from "pino";
import type { LogLevel } from "./config";

export type { Logger } from "pino";

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level?: LogLevel;
  /** Strings that must never be written, such as the bot token: replaced wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go; stdout when left out. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/** Field paths that may hold a secret, wherever a caller nests them. */
const REDACTED_PATHS = [
  "token",
  "*.token",
  "config.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
];

/**
 * Interaction and webhook tokens sit inside Discord REST paths; whoever has one can answer as
 * the bot for 15 minutes, so error messages and URLs are logged without them.
 */
const TOKEN_IN_PATH = /\/(interactions|webhooks)\/(\d+)\/[\w.-]{20,}/g;

/** Removes interaction and webhook tokens from a URL or message. */
export function scrubPaths(text: string): string {
  return text.replace(TOKEN_IN_PATH, "/$1/$2/:token");
}

/**
 * A pino logger that cannot leak the bot token: known secret fields are redacted, tokens in
 * REST paths are cut out, and every line is checked for the secrets as a last line of defence.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = (options.secrets ?? []).filter((secret) => secret.length > 0);
  const settings: LoggerSettings = {
    level: options.level ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    hooks: {
      streamWrite: (line) => secrets.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), scrubPaths(line)),
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
