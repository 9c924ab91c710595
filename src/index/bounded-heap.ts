/**
 * The best `limit` of many scored entries, without sorting them all: what every search here
 * keeps of the documents it scores.
 */

export interface Ranked {
  score: number;
  /** Lower first on equal scores. */
  order: number;
  doc: number;
}

/** Keeps the `limit` best entries: higher score first, then lower order (a stable sort's ties). */
export class BoundedHeap {
  /** A min-heap on rank: the worst kept entry at the root. */
  private readonly items: Ranked[] = [];

  constructor(private readonly limit: number) {}

  /** Whether `limit` entries are kept: only then can an entry be too weak to enter. */
  get full(): boolean {
    return this.items.length >= this.limit;
  }

  /** The worst kept score, which an entry must reach to enter once full. */
  get threshold(): number {
    return this.items[0]!.score;
  }

  /** Whether an entry would be kept; lets the caller skip the filter for entries that would not. */
  admits(score: number, order: number): boolean {
    return this.items.length < this.limit || better({ score, order, doc: 0 }, this.items[0]!);
  }

  push(score: number, order: number, doc: number): void {
    const item = { score, order, doc };
    if (this.items.length < this.limit) {
      this.items.push(item);
      this.up(this.items.length - 1);
    } else if (better(item, this.items[0]!)) {
      this.items[0] = item;
      this.down(0);
    }
  }

  sorted(): Ranked[] {
    return [...this.items].sort((a, b) => (better(a, b) ? -1 : 1));
  }

  private up(at: number): void {
    const items = this.items;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!better(items[parent]!, items[at]!)) break;
      [items[parent], items[at]] = [items[at]!, items[parent]!];
      at = parent;
    }
  }

  private down(at: number): void {
    const items = this.items;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < items.length && better(items[worst]!, items[left]!)) worst = left;
      if (right < items.length && better(items[worst]!, items[right]!)) worst = right;
      if (worst === at) return;
      [items[worst], items[at]] = [items[at]!, items[worst]!];
      at = worst;
    }
  }
}

function better(a: Ranked, b: Ranked): boolean {
  return a.score > b.score || (a.score === b.score && a.order < b.order);
}
