import { existsSync } from "node:fs";
import { z } from "zod";

/** The log levels pino knows, quietest last. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every mode needs. */
interface BaseConfig {
  /** The folder the articles are read from. */
  corpusDir: string;
  logLevel: LogLevel;
}

/** No DISCORD_TOKEN: answer questions in the terminal. */
export interface ConsoleConfig extends BaseConfig {
  mode: "console";
}

/** DISCORD_TOKEN set: run the Discord bot. Never log `token`. */
export interface BotConfig extends BaseConfig {
  mode: "bot";
  token: string;
  applicationId: string;
  /** Deploy commands to this server only (they appear at once) instead of globally. */
  guildId?: string;
  /** The REST base without the version, as discord.js takes it for `rest.api`. */
  apiBase: string;
}

export type Config = ConsoleConfig | BotConfig;

/** A configuration problem: one line per variable, naming it and what to do; never a secret's value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

// .env files often leave a variable present but empty: treat that as not set.
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

const snowflake = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{17,20}$/, `must be ${what}: a number of 17 to 20 digits (Developer Portal or Copy ID)`);

// Messages never echo the input: the token must not reach a terminal or a log.
const tokenSchema = z
  .string()
  .trim()
  .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, "does not look like a bot token (three parts separated by dots): copy it again from Developer Portal > Bot > Reset Token");

const apiBaseSchema = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://discord.com/api" })
  .transform((url) => url.replace(/\/+$/, ""))
  .refine((url) => !/\/v\d+$/.test(url), "leave out the API version: https://discord.com/api, not https://discord.com/api/v10");

const envSchema = z.object({
  DISCORD_TOKEN: optionalText(tokenSchema),
  DISCORD_APPLICATION_ID: optionalText(snowflake("the application id")),
  DISCORD_GUILD_ID: optionalText(snowflake("a server (guild) id")),
  DISCORD_API_BASE: optionalText(apiBaseSchema).transform((url) => url ?? "https://discord.com/api"),
  CORPUS_DIR: optionalText(z.string().trim()).transform((dir) => dir ?? "corpus"),
  LOG_LEVEL: optionalText(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }),
  ).transform((level) => level ?? "info"),
});

/**
 * Reads the configuration from environment variables. Without DISCORD_TOKEN it is the console
 * mode; with it, the bot mode, which also needs DISCORD_APPLICATION_ID.
 * @throws ConfigError with one line per missing or malformed variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`));
  }
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_BASE, CORPUS_DIR, LOG_LEVEL } = parsed.data;
  const base = { corpusDir: CORPUS_DIR, logLevel: LOG_LEVEL };
  if (DISCORD_TOKEN === undefined) return { mode: "console", ...base };
  if (DISCORD_APPLICATION_ID === undefined) {
    throw new ConfigError([
      "DISCORD_APPLICATION_ID: is missing; the bot needs it with DISCORD_TOKEN (Developer Portal > General Information > Application ID)",
    ]);
  }
  return {
    mode: "bot",
    ...base,
    token: DISCORD_TOKEN,
    applicationId: DISCORD_APPLICATION_ID,
    ...(DISCORD_GUILD_ID === undefined ? {} : { guildId: DISCORD_GUILD_ID }),
    apiBase: DISCORD_API_BASE,
  };
}

/**
 * Loads `.env` into `process.env` when the file exists. Variables already set win, so the real
 * environment overrides the file.
 */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
