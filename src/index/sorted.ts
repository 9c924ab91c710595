/**
 * Binary search, for the sorted lists the indexes keep: one place for the off-by-ones.
 */

/**
 * The first position in `[from, to)` where `before` is false, for a `before` that holds up to
 * some position and not after it; `to` when it holds everywhere.
 */
export function lowerBound(from: number, to: number, before: (at: number) => boolean): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where `value` stands in the ascending `list[from..to)`, or -1 when it is not there. */
export function indexInSorted(list: ArrayLike<number>, value: number, from = 0, to = list.length): number {
  let low = from;
  let high = to;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low < to && list[low] === value ? low : -1;
}
