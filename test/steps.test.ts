import { describe, expect, it } from "vitest";
import { runNow, runSliced, type Steps } from "../src/steps";

/** Steps that each keep the thread busy for about `ms`, then return how many ran. */
function* busySteps(count: number, ms: number): Steps<number> {
  for (let k = 0; k < count; k++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    yield;
  }
  return count;
}

describe("runNow", () => {
  it("runs every step and returns the result", () => {
    expect(runNow(busySteps(5, 0))).toBe(5);
  });
});

describe("runSliced", () => {
  it("returns the same result, letting timers and I/O callbacks run between slices", async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const started = performance.now();
    const result = await runSliced(busySteps(100, 1), 4);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(result).toBe(100);
    // About 100 ms of work in 4 ms slices: the interval had many turns, not one at the end.
    expect(ticks).toBeGreaterThan(elapsed / 20);
  });

  it("passes on what a step throws, and stops there", async () => {
    function* failing(): Steps<void> {
      yield;
      throw new Error("step 2 broke");
    }
    await expect(runSliced(failing())).rejects.toThrow("step 2 broke");
  });
});
