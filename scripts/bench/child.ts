import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultBuildThreads } from "../../src/answers/parallel";
import type { Article } from "../../src/corpus/article";
import { toPassages } from "../../src/passages/passages";
import { makeBaseline } from "./baselines";
import { generateCorpus, type GeneratedCorpus, seedCorpus } from "./generate";
import { memory, round, summarize, timed, timedAsync, type LatencySummary } from "./measure";
import { type BenchQuery, buildQueries, QUERY_KINDS, type QueryKind } from "./queries";
import { loadSubject, type Subject } from "./subject";

/**
 * One measurement in a fresh process, so that heap and RSS belong to one index only:
 * `--part engine` (build, snapshot, latency, latency during a reload), `minisearch` or `lunr`
 * (the baselines), `cold` (start from a snapshot). Writes its JSON result to `--out`.
 */

export interface PartArgs {
  part: "engine" | "minisearch" | "lunr" | "cold";
  /** Articles to generate, or 0 for the real seed corpus. */
  size: number;
  queries: number;
  seed: number;
  /** Seconds a kind of query may take in all before the rest of its queries are skipped. */
  budget: number;
  reload: boolean;
  out: string;
  snapshot?: string;
}

export interface LatencyResult {
  latency: Partial<Record<QueryKind, LatencySummary>>;
  /** Every timed query's milliseconds, in query order, per kind. */
  perQuery: Partial<Record<QueryKind, number[]>>;
  /**
   * The same queries' CPU time (this process, all threads), which other work on the machine
   * does not inflate the way it inflates wall-clock time.
   */
  cpu: Partial<Record<QueryKind, LatencySummary>>;
}

function parse(argv: string[]): PartArgs {
  const get = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    part: get("part") as PartArgs["part"],
    size: get("size") === "seed" ? 0 : Number(get("size") ?? 1),
    queries: Number(get("queries") ?? 200),
    seed: Number(get("seed") ?? 20_251_125),
    budget: Number(get("budget") ?? 30),
    reload: argv.includes("--reload"),
    out: get("out") ?? path.join(os.tmpdir(), "citebot-bench-part.json"),
    ...(get("snapshot") ? { snapshot: get("snapshot")! } : {}),
  };
}

/**
 * Times each query once, after a warm-up on other queries of the same kind (a second seeded set,
 * so no cache can answer a timed query from its warm-up); a kind stops early once it has used its budget.
 */
function timeQueries(
  queries: readonly BenchQuery[],
  warmup: readonly BenchQuery[],
  run: (query: BenchQuery) => unknown,
  budgetSeconds: number,
): LatencyResult {
  const perQuery: LatencyResult["perQuery"] = {};
  const cpu: LatencyResult["cpu"] = {};
  for (const kind of QUERY_KINDS) {
    const ofKind = queries.filter((query) => query.kind === kind);
    // Steady state, as in a bot that has been up a while: two passes when they are quick.
    const warmStart = performance.now();
    const warming = warmup.filter((other) => other.kind === kind);
    warm: for (let pass = 0; pass < 2; pass++) {
      for (const query of warming) {
        run(query);
        if (performance.now() - warmStart > Math.min(2000, budgetSeconds * 100)) break warm;
      }
    }
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let spent = 0;
    for (const query of ofKind) {
      const before = process.cpuUsage();
      const { ms } = timed(() => run(query));
      const used = process.cpuUsage(before);
      times.push(round(ms, 3));
      cpuTimes.push(round((used.user + used.system) / 1000, 3));
      spent += ms;
      if (spent > budgetSeconds * 1000) break;
    }
    perQuery[kind] = times;
    cpu[kind] = summarize(cpuTimes);
  }
  const latency = Object.fromEntries(Object.entries(perQuery).map(([kind, times]) => [kind, summarize(times)]));
  return { latency, perQuery, cpu };
}

async function corpusFor(args: PartArgs): Promise<GeneratedCorpus> {
  return args.size === 0 ? seedCorpus() : generateCorpus(args.size, args.seed);
}

async function enginepart(args: PartArgs): Promise<object> {
  const generated = await timedAsync(() => corpusFor(args));
  const corpus = generated.value;
  const queries = buildQueries(corpus, args.queries);
  const subject = await loadSubject();
  if ("error" in subject) return { part: "engine", size: args.size, error: subject.error };

  const before = memory();
  const cpuBefore = process.cpuUsage();
  const build = await timedAsync(() => subject.build(corpus.articles));
  const buildCpu = process.cpuUsage(cpuBefore);
  const engine = build.value as { stats(): { passages: number; quotes: number; speakers: number }; warmedUp?(): Promise<void> };
  // What the engine then works out in the background (autocomplete's common words), before the
  // questions are timed, as in a bot that has been up for a few seconds.
  const warm = await timedAsync(() => engine.warmedUp?.() ?? Promise.resolve());
  const after = memory();
  const stats = engine.stats();
  const textMB = corpus.bytes / 2 ** 20;
  const result: Record<string, unknown> = {
    part: "engine",
    size: args.size,
    articles: corpus.articles.length,
    ...stats,
    textMB: round(textMB, 2),
    generateMs: round(generated.ms, 0),
    build: {
      ms: round(build.ms, 0),
      // Every thread's CPU time: the build reads articles on one worker thread per core.
      cpuMs: round((buildCpu.user + buildCpu.system) / 1000, 0),
      threads: defaultBuildThreads(),
      warmMs: round(warm.ms, 0),
      mbPerSec: round(textMB / (build.ms / 1000), 2),
      heapMB: after.heapMB,
      heapDeltaMB: round(after.heapMB - before.heapMB, 1),
      rssMB: after.rssMB,
    },
  };
  const warmup = buildQueries(corpus, args.queries, 8);
  Object.assign(result, timeQueries(queries, warmup, (query) => subject.run(engine, query), args.budget));

  // The refresh first: its idle figure must not share the thread with a snapshot's engine warming up.
  if (args.reload) result.reload = await reloadPart(corpus.articles, queries, subject, engine, result as unknown as LatencyResult);

  if (subject.snapshot) {
    const dir = path.join(os.tmpdir(), `citebot-bench-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `snapshot-${args.size}.bin`);
    const save = await timedAsync(() => subject.snapshot!.save(engine, file));
    // A new process on a machine at rest, as at a restart: this one's collector done first.
    memory();
    const cold = coldStart(file, args);
    const load = await timedAsync(() => subject.snapshot!.load(file));
    result.snapshot = { bytes: statSync(file).size, saveMs: round(save.ms, 0), loadMs: round(load.ms, 0), ...cold };
    rmSync(dir, { recursive: true, force: true });
  } else result.snapshot = null;
  return result;
}

/** Start a new process that loads the snapshot and answers one question; its time from process start. */
function coldStart(file: string, args: PartArgs): object {
  const out = `${args.out}.cold.json`;
  const child = spawnSync(process.execPath, ["--v8-pool-size=1", "--import", "tsx", path.join(import.meta.dirname, "child.ts"), "--part", "cold", "--snapshot", file, "--out", out], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (child.status !== 0) return { coldError: `exit ${child.status}` };
  const cold = JSON.parse(readFileSync(out, "utf8")) as { readyMs: number; loadMs: number; rssMB: number; firstAnswerMs: number };
  rmSync(out, { force: true });
  return {
    coldReadyMs: round(cold.readyMs, 0),
    coldLoadMs: round(cold.loadMs, 0),
    coldFirstAnswerMs: round(cold.firstAnswerMs, 1),
    coldRssMB: cold.rssMB,
  };
}

async function coldPart(args: PartArgs): Promise<object> {
  const subject = await loadSubject();
  if ("error" in subject || !subject.snapshot) throw new Error("no snapshot support");
  const load = await timedAsync(() => subject.snapshot!.load(args.snapshot!));
  const readyMs = performance.now();
  const first = timed(() => subject.run(load.value, { kind: "ask", text: "What did the minister say about the talks?", baseline: "" }));
  return { readyMs, loadMs: load.ms, firstAnswerMs: first.ms, rssMB: memory().rssMB };
}

/**
 * What users see during a refresh: questions arriving on a schedule while the bot's own refresh
 * runs (`buildOffThread`: a worker thread builds the new engine and saves its snapshot; this
 * thread reads it back in slices and warms it up, as the bot does before the swap). Each
 * question's time counts from when it arrived, so time spent waiting behind the refresh counts.
 * The same schedule without a refresh gives the idle figure it is compared with.
 */
async function reloadPart(articles: Article[], queries: readonly BenchQuery[], subject: Subject, engine: unknown, idle: LatencyResult): Promise<object> {
  const mix = queries.filter((query) => query.kind !== "source");
  // A busy server: questions keep this thread a fifth of the time busy when idle.
  const idleTimes = Object.entries(idle.perQuery).flatMap(([kind, times]) => (kind === "source" ? [] : times));
  const interval = Math.max(0.5, (BUSY_SHARE * idleTimes.reduce((sum, ms) => sum + ms, 0)) / idleTimes.length);
  const run = (query: BenchQuery) => subject.run(engine, query);
  const idleRun = await onSchedule(mix, run, interval, (answered) => answered >= IDLE_SCHEDULED);
  const { buildOffThread } = await import("../../src/corpus/off-thread");
  let settled = false;
  let error: string | null = null;
  const started = performance.now();
  const refresh = buildOffThread(articles).then(
    () => (settled = true),
    (failure: Error) => ((error = failure.message), (settled = true)),
  );
  const during = await onSchedule(mix, run, interval, () => settled);
  await refresh;
  const duringSummary = summarize(during.map((ms) => round(ms, 3)));
  const idleSummary = summarize(idleRun.map((ms) => round(ms, 3)));
  return {
    ms: round(performance.now() - started, 0),
    ...(error ? { error } : {}),
    intervalMs: round(interval, 2),
    during: duringSummary,
    idle: idleSummary,
    slowestDuring: slowest(during, interval),
    p99Ratio: round(duringSummary.p99 / idleSummary.p99, 2),
  };
}

/** One question arrives every this many times the mean time to answer one. */
const BUSY_SHARE = 5;

/** Questions timed on the idle schedule, to compare the refresh with. */
const IDLE_SCHEDULED = 1_000;

/**
 * Asks the questions in turn, one due every `interval` ms, until `stop`; each one's time runs
 * from when it was due (or began, if earlier) to when it was answered. Between questions the
 * event loop turns, as it does between a bot's interactions, so that work in slices (a
 * refresh) runs in between.
 */
async function onSchedule(mix: readonly BenchQuery[], run: (query: BenchQuery) => unknown, interval: number, stop: (answered: number) => boolean): Promise<number[]> {
  const latencies: number[] = [];
  const start = performance.now();
  for (let k = 0; !stop(k); k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    await new Promise((resolve) => (wait >= 1 ? setTimeout(resolve, wait) : setImmediate(resolve)));
    // Less than a millisecond early, it runs at once: then its time is its own.
    const started = performance.now();
    run(mix[k % mix.length]!);
    latencies.push(performance.now() - Math.min(due, started));
  }
  return latencies;
}

/** The slowest answers of a schedule, as [seconds since it began, milliseconds], to see when a refresh held questions up. */
function slowest(latencies: readonly number[], interval: number, count = 20): Array<[number, number]> {
  return latencies
    .map((ms, k): [number, number] => [round((k * interval) / 1000, 2), round(ms, 1)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, count);
}

async function baselinePart(args: PartArgs): Promise<object> {
  const corpus = await corpusFor(args);
  const queries = buildQueries(corpus, args.queries);
  const passages = corpus.articles.flatMap((article) => toPassages(article).map((p) => ({ id: p.id, text: p.text })));
  const baseline = makeBaseline(args.part);
  const before = memory();
  const build = timed(() => baseline.build(passages));
  const after = memory();
  return {
    part: args.part,
    size: args.size,
    passages: passages.length,
    build: { ms: round(build.ms, 0), heapMB: after.heapMB, heapDeltaMB: round(after.heapMB - before.heapMB, 1), rssMB: after.rssMB },
    ...timeQueries(queries, buildQueries(corpus, args.queries, 8), (query) => baseline.query(query), args.budget),
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const result =
    args.part === "engine" ? await enginepart(args) : args.part === "cold" ? await coldPart(args) : await baselinePart(args);
  writeFileSync(args.out, JSON.stringify(result));
}

await main();
