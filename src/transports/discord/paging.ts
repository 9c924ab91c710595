import { DISCORD_LIMITS } from "./limits";

/** What a "More" button asks for: the command, its input, and the first result to show. */
export interface PageRequest {
  command: string;
  input: unknown;
  offset: number;
}

const PREFIX = "more";
const INLINE = "=";
const STORED = "#";

/**
 * Encodes the state of a "More" button into its custom id, `more:<command>:<offset>:<state>`.
 * The input travels in the id itself when it fits Discord's 100 characters, so the button
 * keeps working after a restart; longer input is kept in memory (the newest `capacity` of them)
 * and the id carries its key.
 */
export class Pager {
  private readonly stored = new Map<string, string>();
  private counter = 0;

  constructor(private readonly capacity = 1_000) {}

  /** The custom id of a button showing `command`'s results for `input` from `offset` on. */
  encode(command: string, input: unknown, offset: number): string {
    const head = `${PREFIX}:${command}:${offset}:`;
    const json = JSON.stringify(input);
    const inline = `${head}${INLINE}${json}`;
    if (inline.length <= DISCORD_LIMITS.customId) return inline;
    const key = (this.counter++).toString(36);
    this.stored.set(key, json);
    if (this.stored.size > this.capacity) this.stored.delete(this.stored.keys().next().value!);
    return `${head}${STORED}${key}`;
  }

  /**
   * Reads a custom id back. Returns null when it is not a "More" button's id, and "expired"
   * when its input was kept in memory and is gone (a restart, or many newer buttons).
   * The input comes back unvalidated: the caller checks it with the command's schema.
   */
  decode(customId: string): PageRequest | "expired" | null {
    const match = /^more:([a-z][a-z-]*):(\d+):([=#])([\s\S]*)$/.exec(customId);
    if (!match) return null;
    const [, command = "", offset = "0", kind, state = ""] = match;
    const json = kind === INLINE ? state : this.stored.get(state);
    if (json === undefined) return "expired";
    try {
      return { command, input: JSON.parse(json), offset: Number(offset) };
    } catch {
      return null;
    }
  }
}
