/**
 * Checks that run before any command, declared in one place. Each returns null when the
 * interaction may go on, or the friendly sentence that tells the user why not.
 */
export interface Precondition {
  readonly name: string;
  check(userId: string, now: number): string | null;
}

/**
 * At most `limit` commands per user in any `windowMs`: a sliding window, so a burst is refused
 * only until its oldest command leaves the window.
 */
export class Cooldown implements Precondition {
  readonly name = "cooldown";
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly limit = 5,
    readonly windowMs = 10_000,
  ) {}

  check(userId: string, now: number): string | null {
    const times = (this.recent.get(userId) ?? []).filter((at) => now - at < this.windowMs);
    if (times.length >= this.limit) {
      this.recent.set(userId, times);
      const wait = Math.max(1, Math.ceil((times[0]! + this.windowMs - now) / 1000));
      return `Easy there: you can run ${this.limit} commands every ${this.windowMs / 1000} seconds. Try again in ${wait} second${wait === 1 ? "" : "s"}.`;
    }
    times.push(now);
    this.recent.set(userId, times);
    // Forget users who have gone quiet, so the map does not grow with every user ever seen.
    if (this.recent.size > 10_000) for (const [user, list] of this.recent) if (now - list.at(-1)! >= this.windowMs) this.recent.delete(user);
    return null;
  }
}

/** The preconditions every command, context-menu command and button goes through. */
export function defaultPreconditions(): Precondition[] {
  return [new Cooldown()];
}
