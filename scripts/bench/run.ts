import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LatencySummary } from "./measure";
import { percentile, round } from "./measure";
import { QUERY_KINDS, type QueryKind } from "./queries";

/**
 * `npm run bench [-- --sizes seed,1,100,1000,10000] [--queries 200] [--budget 10] [--no-baselines] [--no-reload]`
 *
 * Builds the synthetic corpus at each size, measures the engine (build, memory, snapshot, cold
 * start, latency per command, latency during a reload) and the two naive baselines (MiniSearch
 * with fuzzy and prefix, lunr) on the same passages and queries, each in a fresh process.
 * Prints one table per size and writes everything to bench-results/bench-<date>.json.
 */

interface Options {
  sizes: number[];
  queries: number;
  budget: number;
  baselineBudget: number;
  baselines: boolean;
  reload: boolean;
  seed: number;
}

function parseOptions(argv: string[]): Options {
  const get = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  if (argv.includes("--help")) {
    console.log("usage: npm run bench -- [--sizes seed,1,100,1000,10000] [--queries N] [--budget S] [--baseline-budget S] [--no-baselines] [--no-reload] [--seed N]");
    process.exit(0);
  }
  // "seed" is the real corpus/ folder; numbers are synthetic articles.
  const sizes = (get("sizes") ?? "seed,1,100,1000,10000").split(",").map((size) => (size === "seed" ? 0 : Number(size.replace(/_/g, ""))));
  if (sizes.some((size) => !Number.isInteger(size) || size < 0)) throw new Error("--sizes takes whole numbers or seed, comma-separated");
  return {
    sizes,
    queries: Number(get("queries") ?? 200),
    budget: Number(get("budget") ?? 30),
    baselineBudget: Number(get("baseline-budget") ?? 8),
    baselines: !argv.includes("--no-baselines"),
    reload: !argv.includes("--no-reload"),
    seed: Number(get("seed") ?? 20_251_125),
  };
}

interface PartResult {
  part: string;
  error?: string;
  build?: { ms: number; cpuMs?: number; threads?: number; warmMs?: number; mbPerSec?: number; heapMB: number; rssMB: number; heapDeltaMB: number };
  latency?: Partial<Record<QueryKind, LatencySummary>>;
  cpu?: Partial<Record<QueryKind, LatencySummary>>;
  perQuery?: Partial<Record<QueryKind, number[]>>;
  [key: string]: unknown;
}

function runPart(part: string, size: number, options: Options, extra: string[] = []): PartResult {
  const out = path.join(os.tmpdir(), `citebot-bench-${process.pid}-${part}-${size}.json`);
  const budget = part === "engine" ? options.budget : options.baselineBudget;
  const args = [
    // As `npm start` runs the bot: one V8 helper thread, so that a refresh's collector cannot take both cores.
    "--v8-pool-size=1", "--import", "tsx", "--expose-gc", "--max-old-space-size=8192",
    path.join(import.meta.dirname, "child.ts"),
    "--part", part, "--size", size === 0 ? "seed" : String(size), "--queries", String(options.queries), "--seed", String(options.seed),
    "--budget", String(budget), "--out", out, ...extra,
  ];
  process.stderr.write(`  ${part} at ${size} articles…\n`);
  const child = spawnSync(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (child.status !== 0) return { part, error: `exited with ${child.status ?? child.signal}` };
  const result = JSON.parse(readFileSync(out, "utf8")) as PartResult;
  rmSync(out, { force: true });
  return result;
}

const ms = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? "—" : value >= 1000 ? `${(value / 1000).toFixed(2)} s` : value >= 10 ? `${value.toFixed(0)} ms` : `${value.toFixed(2)} ms`;
const mb = (value: number | undefined): string => (value === undefined ? "—" : `${value.toFixed(0)} MB`);
const pad = (text: string, width: number): string => (text.length >= width ? text : " ".repeat(width - text.length) + text);
const padEnd = (text: string, width: number): string => text.padEnd(width);

/** Our p99 over the same first-n queries a baseline answered, divided by the baseline's p99. */
function ratio(ours: PartResult, base: PartResult, kind: QueryKind): number | undefined {
  const mine = ours.perQuery?.[kind];
  const theirs = base.perQuery?.[kind];
  if (!mine?.length || !theirs?.length) return undefined;
  const n = Math.min(mine.length, theirs.length);
  return round(percentile(mine.slice(0, n), 99) / percentile(theirs.slice(0, n), 99), 4);
}

function table(size: number, engine: PartResult, baselines: PartResult[]): string {
  const lines: string[] = [];
  const stats = engine as { articles?: number; passages?: number; quotes?: number; textMB?: number };
  lines.push(
    `== ${size === 0 ? "seed corpus (corpus/):" : ""} ${(stats.articles ?? size).toLocaleString("en")} articles · ${(stats.passages ?? 0).toLocaleString("en")} passages · ${(stats.quotes ?? 0).toLocaleString("en")} quotes · ${stats.textMB ?? "?"} MB of text ==`,
  );
  if (engine.error) lines.push(`engine: ${engine.error}`);
  else {
    const build = engine.build!;
    const cpu = build.cpuMs === undefined ? "" : `   CPU ${ms(build.cpuMs)} on ${build.threads} threads`;
    const warm = build.warmMs ? `, then ${ms(build.warmMs)} warming up in the background` : "";
    lines.push(`index build   ${ms(build.ms)}${warm}   ${build.mbPerSec} MB/s${cpu}   heap ${mb(build.heapMB)} (+${mb(build.heapDeltaMB)})   RSS ${mb(build.rssMB)}`);
    const snap = engine.snapshot as Record<string, number> | null;
    lines.push(
      snap
        ? `snapshot      ${mb(snap.bytes! / 2 ** 20)} on disk   save ${ms(snap.saveMs)}   load ${ms(snap.loadMs)}   cold start to ready ${ms(snap.coldReadyMs)} (first answer ${ms(snap.coldFirstAnswerMs)}, RSS ${mb(snap.coldRssMB)})`
        : "snapshot      — (the engine has no snapshot yet)",
    );
    const reload = engine.reload as { ms: number; intervalMs: number; during: LatencySummary; idle: LatencySummary; p99Ratio: number; error?: string } | undefined;
    if (reload?.during) {
      lines.push(
        `reload        ${ms(reload.ms)} (the bot's refresh: built in a worker, read back in slices)${reload.error ? ` (failed: ${reload.error})` : ""}: a question every ${ms(reload.intervalMs)}, p99 ${ms(reload.during.p99)} (max ${ms(reload.during.max)}) over ${reload.during.n} vs ${ms(reload.idle.p99)} idle (${reload.p99Ratio}×)`,
      );
    }
  }
  const header = [padEnd("latency", 16), pad("n", 5), pad("p50", 9), pad("p99", 9), pad("max", 9), pad("cpu p99", 9)];
  for (const base of baselines) header.push(`  | ${padEnd(base.part, 10)}`, pad("n", 4), pad("p99", 9), pad("ours/them", 10));
  lines.push(header.join(""));
  for (const kind of QUERY_KINDS) {
    const own = engine.latency?.[kind];
    const row = [padEnd(kind, 16), pad(String(own?.n ?? "—"), 5), pad(ms(own?.p50), 9), pad(ms(own?.p99), 9), pad(ms(own?.max), 9), pad(ms(engine.cpu?.[kind]?.p99), 9)];
    for (const base of baselines) {
      const theirs = base.latency?.[kind];
      const r = ratio(engine, base, kind);
      row.push(`  | ${padEnd("", 10)}`, pad(String(theirs?.n ?? "—"), 4), pad(ms(theirs?.p99), 9), pad(r === undefined ? "—" : r < 0.01 ? r.toExponential(1) : r.toFixed(3), 10));
    }
    lines.push(row.join(""));
  }
  for (const base of baselines) {
    lines.push(
      base.error
        ? `${base.part}: ${base.error}`
        : `${padEnd(base.part, 12)}  build ${ms(base.build!.ms)}   heap ${mb(base.build!.heapMB)}   RSS ${mb(base.build!.rssMB)}`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const results: Array<{ size: number; engine: PartResult; baselines: PartResult[] }> = [];
  for (const size of options.sizes) {
    const engine = runPart("engine", size, options, options.reload ? ["--reload"] : []);
    const baselines = options.baselines ? ["minisearch", "lunr"].map((name) => runPart(name, size, options)) : [];
    results.push({ size, engine, baselines });
    console.log(`\n${table(size, engine, baselines)}`);
  }
  const dir = path.resolve(import.meta.dirname, "../../bench-results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${started.toISOString().replace(/[:.]/g, "-").slice(0, 19)}.json`);
  const meta = { date: started.toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGB: round(os.totalmem() / 2 ** 30, 1), options };
  writeFileSync(file, JSON.stringify({ meta, results }, null, 1));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

await main();
