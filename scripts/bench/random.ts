/** Seeded randomness for the benchmark: the same seed always gives the same corpus and queries. */

/** A small, fast, seedable generator (mulberry32) returning floats in [0, 1). */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator seeded from this seed and a label, so parts of the corpus do not shift each other. */
  static derive(seed: number, ...labels: Array<string | number>): Rng {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (const label of labels) {
      for (const ch of String(label)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
      h = Math.imul(h ^ 0xff, 0x85ebca6b) >>> 0;
    }
    return new Rng(h);
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error("pick from an empty list");
    return list[Math.floor(this.next() * list.length)]!;
  }
}

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+q)^s (Zipf-Mandelbrot):
 * word and speaker popularity. q > 1 flattens the head.
 */
export class Zipf {
  private readonly cdf: Float64Array;

  constructor(
    readonly n: number,
    s = 1,
    q = 1,
  ) {
    this.cdf = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) this.cdf[k] = total += 1 / Math.pow(k + q, s);
    for (let k = 0; k < n; k++) this.cdf[k]! /= total;
  }

  draw(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
