import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The log levels pino knows, quietest last. */
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What every mode needs. */
interface BaseConfig {
  /** The folder the articles are read from. */
  corpusDir: string;
  logLevel: LogLevel;
  /**
   * The engine snapshot file (CORPUS_SNAPSHOT): read at start when it was made from exactly the
   * articles in the folder, rewritten after every build. Absent: no snapshot, every start builds.
   */
  snapshot?: string;
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
  /** Reload by itself when article files in the corpus folder change (CORPUS_WATCH); absent: only on /corpus reload. */
  watchCorpus?: boolean;
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

/** Where the snapshot goes unless CORPUS_SNAPSHOT says otherwise: with the store's own files, inside the corpus folder. */
export const DEFAULT_SNAPSHOT = path.join(".citebot", "engine.snapshot");

/** CORPUS_SNAPSHOT turns the snapshot off with this value. */
const SNAPSHOT_OFF = "off";

const snapshotSchema = z
  .string()
  .trim()
  .refine((file) => !/\.(md|txt)$/i.test(file), "must not end in .md or .txt: the corpus loader would read it as an article (try corpus/.citebot/engine.snapshot, or off)")
  .refine((file) => file === SNAPSHOT_OFF || !isFolder(file), "is a folder: give a file path such as corpus/.citebot/engine.snapshot, or off");

/** Whether `file` is an existing folder; a path that cannot be looked at (a file in the way) is not. */
function isFolder(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  DISCORD_TOKEN: optionalText(tokenSchema),
  DISCORD_APPLICATION_ID: optionalText(snowflake("the application id")),
  DISCORD_GUILD_ID: optionalText(snowflake("a server (guild) id")),
  DISCORD_API_BASE: optionalText(apiBaseSchema).transform((url) => url ?? "https://discord.com/api"),
  CORPUS_DIR: optionalText(z.string().trim()).transform((dir) => dir ?? "corpus"),
  LOG_LEVEL: optionalText(
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }),
  ).transform((level) => level ?? "info"),
  CORPUS_SNAPSHOT: optionalText(snapshotSchema),
  CORPUS_WATCH: optionalText(z.enum(["true", "false"], { error: "must be true or false" })).transform((watch) => watch !== "false"),
});

/**
 * The snapshot file for a corpus folder: CORPUS_SNAPSHOT when set, `off` for none, otherwise
 * `<corpusDir>/.citebot/engine.snapshot`. For tools that take the folder from elsewhere
 * (`npm run corpus -- --corpus DIR`).
 * @throws ConfigError when CORPUS_SNAPSHOT is malformed
 */
export function snapshotFile(corpusDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const parsed = optionalText(snapshotSchema).safeParse(env.CORPUS_SNAPSHOT);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `CORPUS_SNAPSHOT: ${issue.message}`));
  return resolveSnapshot(corpusDir, parsed.data);
}

function resolveSnapshot(corpusDir: string, setting: string | undefined): string | undefined {
  if (setting === SNAPSHOT_OFF) return undefined;
  return setting ?? path.join(corpusDir, DEFAULT_SNAPSHOT);
}

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
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_BASE, CORPUS_DIR, LOG_LEVEL, CORPUS_SNAPSHOT, CORPUS_WATCH } = parsed.data;
  const snapshot = resolveSnapshot(CORPUS_DIR, CORPUS_SNAPSHOT);
  const base = { corpusDir: CORPUS_DIR, logLevel: LOG_LEVEL, ...(snapshot === undefined ? {} : { snapshot }) };
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
    watchCorpus: CORPUS_WATCH,
  };
}

/**
 * Loads `.env` into `process.env` when the file exists. Variables already set win, so the real
 * environment overrides the file.
 */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
