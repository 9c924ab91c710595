/**
 * The bot token never shows: not in the log, not in an error reply, not in what `npm start`
 * prints when it stops on a bad configuration, a refused token or a missing corpus, and not in
 * what a bot killed mid-run or cut off by Discord had written. `.env` is git-ignored.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands";
import { defineCommand } from "../../commands/command";
import { textOption } from "../../commands/limits";
import { Engine } from "../../src/answers/engine";
import type { BotConfig } from "../../src/config";
import { createLogger } from "../../src/log";
import { startBot } from "../../src/transports/discord/bot";
import { DiscordServer } from "../support/discord-server";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDA5.GtEsT9.secrets-fake-token-for-tests_0909";
/** The token's secret part: the one a leak would show even if the rest were cut. */
const SECRET = TOKEN.split(".")[2]!;
const ROOT = path.resolve(import.meta.dirname, "../..");
const exec = promisify(execFile);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs a command to its end, stdout and stderr together. */
function run(command: string, args: string[], env: Record<string, string>, cwd = ROOT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...cleanEnv(), ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, output }));
  });
}

/** The environment without any Discord or corpus setting of the machine running the tests. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !/^(DISCORD_|CORPUS_DIR|LOG_LEVEL)/.test(key)) env[key] = value;
  return env;
}

function expectNoSecret(text: string): void {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(SECRET);
}

/** The bot as `npm start` runs it, without npm in between so that a signal reaches it. */
function startMain(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<Run> } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env: { ...cleanEnv(), ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<Run>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, output })));
  return { child, output: () => output, exited };
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let server: DiscordServer;
let scratch: string;

beforeAll(async () => {
  server = await DiscordServer.start({ token: TOKEN });
  scratch = mkdtempSync(path.join(tmpdir(), "citebot-secrets-"));
});

afterAll(async () => {
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("the token stays secret", () => {
  it(".env is git-ignored, here and in any folder, and not tracked", async () => {
    for (const file of [".env", "config/.env"]) {
      const { stdout } = await exec("git", ["check-ignore", file], { cwd: ROOT });
      expect(stdout.trim()).toBe(file);
    }
    const { stdout } = await exec("git", ["ls-files", "--", ".env", "**/.env"], { cwd: ROOT });
    expect(stdout).toBe("");
  });

  it("npm start on a bad configuration, a refused token or a missing corpus stops without printing it", async () => {
    const app = server.applicationId;
    const dotEnvDir = path.join(scratch, "dotenv");
    mkdirSync(dotEnvDir, { recursive: true });
    writeFileSync(path.join(dotEnvDir, ".env"), `DISCORD_TOKEN=${TOKEN}\nDISCORD_APPLICATION_ID=${app}\nLOG_LEVEL=loud\n`);
    const tsx = import.meta.resolve("tsx");
    // npm start itself once; what it runs (src/main.ts under tsx) for the rest, sparing the CPU of five npm processes.
    const main = (env: Record<string, string>, cwd = ROOT) => run(process.execPath, ["--import", tsx, path.join(ROOT, "src/main.ts")], env, cwd);
    const [noApp, malformed, fromDotEnv, refused, unreachable, noCorpus] = await Promise.all([
      run("npm", ["start"], { DISCORD_TOKEN: TOKEN }),
      main({ DISCORD_TOKEN: `${TOKEN} pasted twice ${TOKEN}`, DISCORD_APPLICATION_ID: app }),
      // `.env` is read from the folder npm start runs in; here, a folder of its own.
      main({}, dotEnvDir),
      main({ DISCORD_TOKEN: `${TOKEN.slice(0, -4)}XXXX`, DISCORD_APPLICATION_ID: app, DISCORD_API_BASE: server.apiBase }),
      main({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: app, DISCORD_API_BASE: "http://127.0.0.1:9/api" }),
      main({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: app, DISCORD_API_BASE: server.apiBase, CORPUS_DIR: path.join(scratch, "missing") }),
    ]);
    expect(noApp.code).toBe(2);
    expect(noApp.output).toMatch(/DISCORD_APPLICATION_ID: is missing/);
    expect(malformed.code).toBe(2);
    expect(malformed.output).toMatch(/DISCORD_TOKEN: does not look like a bot token/);
    expect(fromDotEnv.code).toBe(2);
    expect(fromDotEnv.output).toMatch(/LOG_LEVEL: must be one of/);
    expect(refused.code).not.toBe(0);
    expect(unreachable.code).not.toBe(0);
    expect(noCorpus.code).toBe(2);
    for (const result of [noApp, malformed, fromDotEnv, refused, unreachable, noCorpus]) expectNoSecret(result.output);
    // The refused token differs from TOKEN in its last characters only: its secret part must not show either.
    expect(refused.output).not.toContain(`${SECRET.slice(0, -4)}XXXX`);
    expect(refused.output).toMatch(/citebot: An invalid token was provided/);
    expect(unreachable.output).toMatch(/citebot: connect ECONNREFUSED/);
  }, 120_000);

  it("a bot killed mid-run (SIGKILL) had written nothing of it", async () => {
    const bot = startMain({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: server.applicationId, DISCORD_API_BASE: server.apiBase, LOG_LEVEL: "debug" });
    try {
      await until(() => bot.output().includes("connected to Discord"), "the bot's connection");
      const asked = [
        server.chatInput("who-said", { quote: "two to tango" }),
        server.chatInput("source", { citation: "putin-us-peace-plan:1.1" }),
        server.chatInput("ask", { question: "What does Russia want?" }),
      ];
      // The last one is cut off mid-answer: killed as soon as its "thinking…" arrives.
      await Promise.all(asked.slice(0, 2).map((interaction) => interaction.message()));
      await until(() => bot.output().split('"msg":"handled"').length > 2, "the log lines of the first two");
      await asked[2]!.callback();
      bot.child.kill("SIGKILL");
      const result = await bot.exited;
      expect(result.signal).toBe("SIGKILL");
      expect(result.output).toMatch(/"msg":"handled"/);
      expectNoSecret(result.output);
    } finally {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
    }
  });

  it("a bot whose token is reset while it runs stops with an error, and prints nothing of it", async () => {
    const own = await DiscordServer.start({ token: TOKEN });
    const bot = startMain({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: own.applicationId, DISCORD_API_BASE: own.apiBase });
    try {
      await until(() => bot.output().includes("connected to Discord"), "the bot's connection");
      // The token is reset in the Developer Portal: the session is dropped, and identifying again fails (4004).
      (own as unknown as { token: string }).token = "MTQwMDAwMDAwMDAwMDAwMDA5.GtEsT9.a-new-token-after-reset_000000";
      // Not awaited: the bot never gets a session again.
      void own.disconnect(4000);
      const result = await Promise.race([bot.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
      expect(result).not.toBeNull();
      expect(result!.code).not.toBe(0);
      expect(result!.output).toMatch(/"level":60.*"code":4004.*Discord closed the gateway for good/);
      expectNoSecret(result!.output);
    } finally {
      if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGKILL");
      await own.close();
    }
  }, 40_000);

  it("an error that holds it reaches neither the log nor the reply", async () => {
    const leaky = defineCommand({
      name: "leaky",
      description: "Fails with the token in its message",
      options: z.object({ text: textOption("Anything") }),
      run: () => {
        throw new Error(`login failed with ${TOKEN} (Authorization: Bot ${TOKEN})`);
      },
    });
    const lines: string[] = [];
    const config: BotConfig = { mode: "bot", token: TOKEN, applicationId: server.applicationId, apiBase: server.apiBase, corpusDir: "corpus", logLevel: "debug" };
    const logger = createLogger({ level: "debug", secrets: [TOKEN], destination: { write: (line: string) => void lines.push(line) } });
    const bot = await startBot(config, Engine.fromArticles([]), { logger, commands: [...commands, leaky] });
    try {
      const { body } = await server.chatInput("leaky", { text: "hi" }).message();
      expect(body.content).toMatch(/reference: [0-9a-f]{8}$/);
      expectNoSecret(JSON.stringify(body));
      expect(lines.join("")).toContain("[redacted]");
      expectNoSecret(lines.join(""));
    } finally {
      await bot.stop();
    }
  });

  it("no REST call carried it but in the Authorization header", () => {
    expect(server.requests.length).toBeGreaterThan(5);
    for (const request of server.requests) expectNoSecret(JSON.stringify({ path: request.path, query: request.query, body: request.body }));
  });
});
