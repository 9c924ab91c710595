/**
 * Load: a burst of 1,000 interactions within 10 seconds on the local gateway, to the bot as
 * `npm start` runs it. Every one is answered exactly once and none is lost; with few members the
 * cooldown refuses some, and each refusal is the one answer its interaction gets. The times are
 * printed by `npm run bench:discord`, never asserted here.
 */
import { describe, expect, it } from "vitest";
import { runDiscordLoad } from "../../scripts/bench/discord-load";

describe("a burst of interactions", () => {
  it("1,000 interactions from 1,000 members within 10 seconds: every one answered exactly once", async () => {
    const result = await runDiscordLoad({ count: 1_000, spreadMs: 1_000, deferredShare: 0.1, users: 0, timeoutMs: 90_000 });
    expect(result.dispatchMs).toBeLessThan(10_000);
    expect(result.sent).toBe(1_000);
    expect({ lost: result.lost, twice: result.answeredTwice, once: result.answeredOnce }).toEqual({ lost: 0, twice: 0, once: 1_000 });
    expect(result.deferred).toBe(100);
    expect(result.refused).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.handled).toBe(1_000);
    expect(result.exitCode).toBe(0);
    expect(result.output).not.toContain("MTQwMDAwMDAwMDAwMDAwMDA4");
  }, 150_000);

  it("300 interactions from 20 members: the cooldown's refusals are answers too, one each", async () => {
    const result = await runDiscordLoad({ count: 300, spreadMs: 300, deferredShare: 0.2, users: 20, timeoutMs: 60_000 });
    expect({ lost: result.lost, twice: result.answeredTwice, once: result.answeredOnce }).toEqual({ lost: 0, twice: 0, once: 300 });
    // 5 commands per member in 10 seconds: 100 answered, 200 refused.
    expect(result.refused).toBe(200);
    expect(result.handled).toBe(300);
    expect(result.errors).toEqual([]);
  }, 120_000);
});
