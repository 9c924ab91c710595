/**
 * Long work cut into steps, so that the thread answering questions can do it between questions:
 * a generator that yields between steps and returns what it builds. The same steps run at once
 * where nothing waits (a build, a command line) or in slices where questions do (a refresh).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runNow<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps in slices of about `sliceMs`, then rests as long as the slice took, so that
 * whatever waits meanwhile (questions, and the collector, which the work itself keeps busy) has
 * at least half of the thread (a slice ends after the step that used it up).
 */
export async function runSliced<T>(steps: Steps<T>, sliceMs = 4): Promise<T> {
  for (;;) {
    const started = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - started >= sliceMs) break;
    }
    const rest = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, rest));
  }
}

/** How many items a loop handles between two steps: a millisecond or two of simple work. */
export const ITEMS_PER_STEP = 1024;
