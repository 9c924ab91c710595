import { randomBytes } from "node:crypto";
import type { ArticleDraft } from "../../../corpus/store";

/** A change a moderator has previewed and not yet confirmed. */
export type PendingChange =
  | { action: "add"; draft: ArticleDraft }
  | { action: "replace"; id: string; draft: ArticleDraft }
  | { action: "remove"; id: string };

interface Entry {
  change: PendingChange;
  userId: string;
  expires: number;
}

/**
 * Previewed changes waiting for their Publish or Remove button, by a short random token that
 * goes in the button's custom id. Each is for the moderator who previewed it, once, within its
 * lifetime; the article itself never travels through Discord.
 */
export class PendingChanges {
  private readonly entries = new Map<string, Entry>();

  constructor(
    /** Interaction tokens last 15 minutes; a preview lives as long as its message can be edited. */
    readonly lifetimeMs = 15 * 60_000,
    readonly capacity = 200,
  ) {}

  /** Keeps a change for `userId` and returns its token. */
  put(change: PendingChange, userId: string, now: number): string {
    for (const [token, entry] of this.entries) if (entry.expires <= now) this.entries.delete(token);
    // Full: the oldest preview goes first (a Map iterates in insertion order).
    while (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    const token = randomBytes(9).toString("base64url");
    this.entries.set(token, { change, userId, expires: now + this.lifetimeMs });
    return token;
  }

  /**
   * Takes the change out, so a second click cannot apply it twice.
   * @returns the change, "not yours" when another user clicked (the change stays), or null when unknown or expired
   */
  take(token: string, userId: string, now: number): PendingChange | "not yours" | null {
    const entry = this.entries.get(token);
    if (!entry || entry.expires <= now) {
      this.entries.delete(token);
      return null;
    }
    if (entry.userId !== userId) return "not yours";
    this.entries.delete(token);
    return entry.change;
  }
}
