import lunr from "lunr";
import MiniSearch from "minisearch";
import type { BenchQuery } from "./queries";

/**
 * The two libraries a newcomer would reach for, used the way their READMEs show: MiniSearch with
 * default options, searched with fuzzy 0.2 and prefix on; lunr with its default pipeline
 * (stemmer, stop words), searched with the typed words and a trailing wildcard for autocomplete.
 * Both index the same passages the engine indexes and answer the same queries.
 */

export interface IndexedPassage {
  id: string;
  text: string;
}

export interface Baseline {
  readonly name: string;
  build(passages: readonly IndexedPassage[]): void;
  query(query: BenchQuery): number;
}

export class NaiveMiniSearch implements Baseline {
  readonly name = "minisearch";
  private index: MiniSearch<IndexedPassage> | null = null;

  build(passages: readonly IndexedPassage[]): void {
    this.index = new MiniSearch<IndexedPassage>({ fields: ["text"] });
    this.index.addAll(passages);
  }

  query(query: BenchQuery): number {
    return this.index!.search(query.baseline, { fuzzy: 0.2, prefix: true }).length;
  }
}

/** lunr's query syntax gives meaning to these characters; a user's words must not. */
const LUNR_SYNTAX = /[:~^+\-*]/g;

export class NaiveLunr implements Baseline {
  readonly name = "lunr";
  private index: lunr.Index | null = null;

  build(passages: readonly IndexedPassage[]): void {
    this.index = lunr(function () {
      this.ref("id");
      this.field("text");
      for (const passage of passages) this.add(passage);
    });
  }

  query(query: BenchQuery): number {
    let text = query.baseline.replace(LUNR_SYNTAX, " ").trim();
    if (query.kind === "complete" && text.length > 0) text += "*";
    try {
      return this.index!.search(text).length;
    } catch {
      return 0;
    }
  }
}

export function makeBaseline(name: string): Baseline {
  if (name === "minisearch") return new NaiveMiniSearch();
  if (name === "lunr") return new NaiveLunr();
  throw new Error(`unknown baseline ${name}`);
}
