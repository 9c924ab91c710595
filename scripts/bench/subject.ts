import type { Article } from "../../src/corpus/article";
import type { BenchQuery } from "./queries";

/**
 * The engine as the benchmark sees it, loaded lazily so that the generator and the baselines
 * still run while the engine (or its snapshot support) is unfinished.
 */

export interface Subject {
  /** Builds an engine; on `threads` worker threads when given (1: on this thread). */
  build(articles: readonly Article[], threads?: number): Promise<unknown>;
  run(engine: unknown, query: BenchQuery): unknown;
  /** Present once the engine can persist its index. */
  snapshot?: {
    save(engine: unknown, file: string): Promise<void>;
    load(file: string): Promise<unknown>;
  };
}

type EngineLike = {
  ask(q: string): unknown;
  whoSaid(q: string): unknown;
  position(a: string, t?: string): unknown;
  complete(list: "actors" | "speakers" | "citations", typed: string, limit?: number): unknown;
  source(c: string): unknown;
};

export function runQuery(engine: EngineLike, query: BenchQuery): unknown {
  switch (query.kind) {
    case "ask":
      return engine.ask(query.text);
    case "who-said":
    case "who-said-typo":
    case "who-said-absent":
      return engine.whoSaid(query.text);
    case "position":
      return engine.position(query.text, query.topic);
    case "complete":
      return engine.complete(query.list ?? "speakers", query.text);
    case "source":
      return engine.source(query.text);
  }
}

/** The engine module, or the reason it cannot be loaded yet. */
export async function loadSubject(): Promise<Subject | { error: string }> {
  try {
    const { Engine } = await import("../../src/answers/engine");
    const subject: Subject = {
      build: (articles, threads) => Engine.build(articles, threads === undefined ? {} : { threads }),
      run: (engine, query) => runQuery(engine as EngineLike, query),
    };
    // Not a literal: the snapshot module may not exist yet, and the type check must not require it.
    const snapshotModule = "../../src/index/snapshot";
    const snapshot = (await import(snapshotModule).catch(() => null)) as null | {
      saveSnapshot?: (engine: unknown, file: string) => Promise<void>;
      loadSnapshot?: (file: string) => Promise<unknown>;
    };
    if (snapshot?.saveSnapshot && snapshot.loadSnapshot) {
      const { saveSnapshot, loadSnapshot } = snapshot;
      subject.snapshot = { save: (engine, file) => saveSnapshot(engine, file), load: (file) => loadSnapshot(file) };
    }
    return subject;
  } catch (error) {
    return { error: (error as Error).message.split("\n")[0]! };
  }
}
