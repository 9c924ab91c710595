import type { Rng } from "./random";

/**
 * A word-level Markov model of news sentences (order 2, backing off to order 1), trained on
 * the real articles so that generated text has their vocabulary, sentence lengths and rhythm.
 */

const START = "\u0002";
const DANGLING = new Set("a an the of to in on at for with by from and or but as that which who whose its their his her our is was were be been has have had will would into than".split(" "));
const TOKEN = /[\p{L}\p{N}]+(?:[’'.,%-][\p{L}\p{N}]+)*%?|[,;:()—]/gu;

/** The words and inner punctuation of a sentence, quotation marks dropped. */
export function tokenize(sentence: string): string[] {
  return [...sentence.replace(/[“”"‘]|’(?![\p{L}])/gu, " ").matchAll(TOKEN)].map((match) => match[0]);
}

/** Joins tokens back into text: no space before inner punctuation, none inside brackets. */
export function detokenize(tokens: readonly string[]): string {
  let text = "";
  for (const token of tokens) {
    if (text === "" || /^[,;:)]$/.test(token) || text.endsWith("(")) text += token;
    else text += ` ${token}`;
  }
  return text;
}

export class MarkovModel {
  private readonly second = new Map<string, string[]>();
  private readonly first = new Map<string, string[]>();

  /** Learns from sentences (without their final full stop). */
  train(sentences: readonly string[]): this {
    for (const sentence of sentences) {
      const tokens = tokenize(sentence.replace(/[.!?…]+["”’)]*\s*$/u, ""));
      if (tokens.length < 4) continue;
      let a = START;
      let b = START;
      for (const token of [...tokens, "\u0003"]) {
        push(this.second, `${a} ${b}`, token);
        push(this.first, b, token);
        a = b;
        b = token;
      }
    }
    return this;
  }

  /**
   * A new sentence's tokens, between `min` and `max` tokens when the chain allows.
   * `wander` is how often the order-1 chain is used instead of order 2: more new word pairs.
   */
  sentence(rng: Rng, min: number, max: number, wander = 0.25): string[] {
    for (let attempt = 0; ; attempt++) {
      const tokens: string[] = [];
      let a = START;
      let b = START;
      while (tokens.length < max) {
        const useFirst = b !== START && rng.chance(wander);
        const options = (useFirst ? this.first.get(b) : this.second.get(`${a} ${b}`)) ?? this.first.get(b) ?? [];
        if (options.length === 0) break;
        let next = rng.pick(options);
        if (next === "\u0003") {
          if (tokens.length >= min || attempt > 20) break;
          next = rng.pick(this.first.get(START)!);
        }
        tokens.push(next);
        a = b;
        b = next;
      }
      // A sentence cut at `max` must not end on "to," or "the": drop dangling function words.
      while (tokens.length > 3 && (/^[,;:(—]$/.test(tokens.at(-1)!) || DANGLING.has(tokens.at(-1)!.toLowerCase()))) tokens.pop();
      if (tokens.length >= Math.min(min, 3) || attempt > 20) return balanceBrackets(tokens);
    }
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function balanceBrackets(tokens: string[]): string[] {
  let depth = 0;
  const out: string[] = [];
  for (const token of tokens) {
    if (token === "(") depth++;
    if (token === ")") {
      if (depth === 0) continue;
      depth--;
    }
    out.push(token);
  }
  while (depth-- > 0) out.push(")");
  return out;
}
