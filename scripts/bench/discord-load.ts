/**
 * `npm run bench:discord [-- --count 1000 --spread 1000 --deferred 0.25 --users 0 --corpus corpus --profile]`
 *
 * A burst of interactions through the bot as `npm start` runs it (src/main.ts, in its own
 * process) and the local Discord-compatible server (test/support/discord-server.ts) in this
 * one, so that the two do not share an event loop: `--count` slash commands dispatched on the gateway
 * within `--spread` milliseconds, a `--deferred` share of them commands that defer (who-said,
 * ask, position) and the rest lookups answered at once (source, quotes). Each from its own
 * member, or from a pool of `--users` members so that the cooldown refuses some (a refusal is an
 * answer too). Prints p50/p99 from dispatch to the interaction callback (what Discord's 3-second
 * deadline measures) and to the final message, and whether every interaction was answered
 * exactly once. `--profile` writes the bot's CPU profile to bench-results/. The test
 * test/reliability/load.test.ts runs the same burst and asserts the counts, never the times.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { DiscordServer, type RecordedRequest, type SentInteraction } from "../../test/support/discord-server";

export interface LoadOptions {
  count: number;
  /** Milliseconds over which the interactions are dispatched. */
  spreadMs: number;
  /** Share of commands that defer, 0 to 1. */
  deferredShare: number;
  /** Members sending them; 0 for one member per interaction. */
  users: number;
  corpusDir: string;
  /** Give up waiting for the answers after this long. */
  timeoutMs: number;
  /** Write the bot's CPU profile to bench-results/. */
  profile?: boolean;
}

export interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  options: LoadOptions;
  /** From the first dispatch to the last. */
  dispatchMs: number;
  /** From the first dispatch to the last final message. */
  totalMs: number;
  sent: number;
  /** Interactions with exactly one accepted callback and one final message. */
  answeredOnce: number;
  /** Interactions with no accepted callback when the wait ended. */
  lost: number;
  /** Interactions with more than one accepted callback or final message. */
  answeredTwice: number;
  /** Answers that were the cooldown's refusal. */
  refused: number;
  deferred: number;
  toCallback: Latency;
  toFinal: Latency;
  /** The bot's log lines at error level or above. */
  errors: string[];
  /** The bot's "handled" log lines: one per interaction it went through. */
  handled: number;
  /** Everything the bot wrote, stdout then stderr. */
  output: string;
  /** The bot's exit code after SIGTERM. */
  exitCode: number | null;
}

export const DEFAULT_OPTIONS: LoadOptions = { count: 1_000, spreadMs: 1_000, deferredShare: 0.25, users: 0, corpusDir: "corpus", timeoutMs: 60_000 };

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDA4.GtEsT8.discord-load-fake-token_080808";

/** What is asked: varied, so that no answer is the same twice in a row. */
const LOOKUPS: [string, Record<string, string>][] = [
  ["source", { citation: "putin-us-peace-plan:1.1" }],
  ["source", { citation: "putin-us-peace-plan:5.2" }],
  ["source", { citation: "putin-us-peace-plan:9.9" }],
  ["quotes", { speaker: "Zelensky" }],
  ["quotes", { speaker: "Trump" }],
];
const HEAVY: [string, Record<string, string>][] = [
  ["who-said", { quote: "two to tango" }],
  ["who-said", { quote: "we mustn't leave Ukraine alone" }],
  ["ask", { question: "What does Russia demand from Ukraine?" }],
  ["ask", { question: "Who leads the US delegation?" }],
  ["position", { actor: "Putin" }],
  ["position", { actor: "Russia", topic: "territory" }],
];

const isCallback = (request: RecordedRequest) => request.path.endsWith("/callback");
const accepted = (request: RecordedRequest) => request.status !== undefined && request.status < 300;

/** The requests that end an interaction: the callback for a reply, the edit after a defer. */
function finals(interaction: SentInteraction, requests: readonly RecordedRequest[]): RecordedRequest[] {
  const callback = requests.find((request) => isCallback(request) && accepted(request));
  if (!callback) return [];
  if (callback.body?.type !== 5 && callback.body?.type !== 6) return [callback];
  return requests.filter((request) => !isCallback(request) && request.body !== undefined && accepted(request));
}

function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { n: sorted.length, p50: round(at(50)), p99: round(at(99)), max: round(sorted.at(-1) ?? Number.NaN) };
}

/** Starts the local server and `npm start`'s bot against it, sends the burst, waits for every answer, and stops both. */
export async function runDiscordLoad(partial: Partial<LoadOptions> = {}): Promise<LoadResult> {
  const options = { ...DEFAULT_OPTIONS, ...partial };
  const server = await DiscordServer.start({ token: TOKEN });
  const profile = options.profile ? ["--cpu-prof", "--cpu-prof-dir", "bench-results"] : [];
  const bot = spawn(process.execPath, [...profile, "--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: server.applicationId,
      DISCORD_API_BASE: server.apiBase,
      CORPUS_DIR: options.corpusDir,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  bot.stdout.on("data", (chunk) => (stdout += chunk));
  bot.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = once(bot, "exit") as Promise<[number | null]>;
  try {
    const deadline = Date.now() + 60_000;
    while (!stdout.includes("connected to Discord")) {
      if (Date.now() > deadline || bot.exitCode !== null) throw new Error(`the bot did not connect:\n${stdout}${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const pool = Array.from({ length: options.users }, () => server.user());
    const sent: SentInteraction[] = [];
    const batches = Math.max(1, Math.ceil(options.spreadMs / 10));
    const perBatch = Math.ceil(options.count / batches);
    const started = performance.now();
    // Deterministic mix: every k-th interaction defers.
    const every = options.deferredShare > 0 ? 1 / options.deferredShare : Number.POSITIVE_INFINITY;
    let heavyDue = 0;
    while (sent.length < options.count) {
      for (let i = 0; i < perBatch && sent.length < options.count; i++) {
        const n = sent.length;
        const heavy = n >= heavyDue && options.deferredShare > 0;
        if (heavy) heavyDue += every;
        const [name, values] = heavy ? HEAVY[n % HEAVY.length]! : LOOKUPS[n % LOOKUPS.length]!;
        const user = pool.length > 0 ? pool[n % pool.length] : undefined;
        sent.push(server.chatInput(name, values, user));
      }
      if (sent.length < options.count) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const dispatchMs = performance.now() - started;

    const pending = new Set(sent);
    await server
      .waitUntil(
        () => {
          for (const interaction of pending) if (finals(interaction, server.requestsFor(interaction.token)).length > 0) pending.delete(interaction);
          return pending.size === 0;
        },
        options.timeoutMs,
        "every answer",
      )
      .catch(() => undefined);
    // Time for any second answer to show up.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const toCallback: number[] = [];
    const toFinal: number[] = [];
    let answeredOnce = 0;
    let lost = 0;
    let answeredTwice = 0;
    let refused = 0;
    let deferred = 0;
    let last = started;
    for (const interaction of sent) {
      const requests = server.requestsFor(interaction.token);
      const callbacks = requests.filter((request) => isCallback(request) && accepted(request));
      const ends = finals(interaction, requests);
      if (callbacks.length === 0) lost++;
      else if (callbacks.length > 1 || ends.length > 1) answeredTwice++;
      else if (ends.length === 1) answeredOnce++;
      if (callbacks[0]) {
        toCallback.push(callbacks[0].answeredAt! - interaction.sentAt);
        if (callbacks[0].body?.type === 5) deferred++;
        if (/^Easy there/.test(callbacks[0].body?.data?.content ?? "")) refused++;
      }
      if (ends[0]) {
        toFinal.push(ends[0].answeredAt! - interaction.sentAt);
        last = Math.max(last, ends[0].answeredAt!);
      }
    }
    bot.kill("SIGTERM");
    const [exitCode] = await exited;
    const lines = stdout.split("\n").filter((line) => line.startsWith("{"));
    const entries = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    return {
      options,
      dispatchMs: Math.round(dispatchMs),
      totalMs: Math.round(last - started),
      sent: sent.length,
      answeredOnce,
      lost,
      answeredTwice,
      refused,
      deferred,
      toCallback: latency(toCallback),
      toFinal: latency(toFinal),
      errors: lines.filter((_, i) => entries[i]!.level >= 50),
      handled: entries.filter((entry) => entry.msg === "handled").length,
      output: stdout + stderr,
      exitCode,
    };
  } finally {
    if (bot.exitCode === null) bot.kill("SIGKILL");
    await server.close();
  }
}

function parseOptions(argv: string[]): Partial<LoadOptions> {
  if (argv.includes("--help")) {
    console.log("usage: npm run bench:discord -- [--count 1000] [--spread MS] [--deferred 0..1] [--users N] [--corpus DIR] [--timeout MS] [--profile]");
    process.exit(0);
  }
  const get = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const number = (name: string, min: number, max: number) => {
    const text = get(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} takes a number from ${min} to ${max}`);
    return value;
  };
  const options: Partial<LoadOptions> = {};
  const set = <K extends keyof LoadOptions>(key: K, value: LoadOptions[K] | undefined) => {
    if (value !== undefined) options[key] = value;
  };
  set("count", number("count", 1, 100_000));
  set("spreadMs", number("spread", 0, 600_000));
  set("deferredShare", number("deferred", 0, 1));
  set("users", number("users", 0, 1_000_000));
  set("timeoutMs", number("timeout", 1_000, 3_600_000));
  set("corpusDir", get("corpus"));
  if (argv.includes("--profile")) options.profile = true;
  return options;
}

async function main(): Promise<void> {
  const result = await runDiscordLoad(parseOptions(process.argv.slice(2)));
  const { options } = result;
  const row = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`);
  console.log(`Discord load: ${result.sent} interactions dispatched in ${result.dispatchMs} ms (${options.users ? `from a pool of ${options.users} members` : "one member each"})`);
  row("answered exactly once", `${result.answeredOnce} / ${result.sent}`);
  row("lost (no answer)", String(result.lost));
  row("answered twice", String(result.answeredTwice));
  row("deferred / refused by cooldown", `${result.deferred} / ${result.refused}`);
  row("dispatch -> callback  p50 / p99", `${result.toCallback.p50} / ${result.toCallback.p99} ms (max ${result.toCallback.max})`);
  row("dispatch -> final msg p50 / p99", `${result.toFinal.p50} / ${result.toFinal.p99} ms (max ${result.toFinal.max})`);
  row("first dispatch -> last answer", `${result.totalMs} ms`);
  row("errors logged", String(result.errors.length));
  row("bot exit code after SIGTERM", String(result.exitCode));
  if (result.lost > 0 || result.answeredTwice > 0 || result.errors.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
