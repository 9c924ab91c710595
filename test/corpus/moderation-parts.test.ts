import { describe, expect, it } from "vitest";
import { corpusCommand, moderationCommands } from "../../src/transports/discord/moderation/command";
import { PendingChanges } from "../../src/transports/discord/moderation/pending";
import { moderationSettings } from "../../src/transports/discord/moderation/settings";

const GUILD = "123456789012345678";
const ROLE = "223456789012345678";

describe("moderationSettings", () => {
  it("defaults the moderation servers to DISCORD_GUILD_ID, and reads lists of ids", () => {
    expect(moderationSettings({ DISCORD_GUILD_ID: GUILD })).toEqual({ guildIds: [GUILD], moderatorRoleIds: [], fetch: { allowPrivate: false } });
    expect(moderationSettings({ DISCORD_GUILD_ID: GUILD, MODERATION_GUILD_IDS: ` ${ROLE}, ${GUILD} `, MODERATOR_ROLE_IDS: ROLE, CORPUS_ALLOW_PRIVATE_URLS: "true" })).toEqual({
      guildIds: [ROLE, GUILD],
      moderatorRoleIds: [ROLE],
      fetch: { allowPrivate: true },
    });
    expect(moderationSettings({}).guildIds).toEqual([]);
  });

  it("names the variable that is malformed", () => {
    expect(() => moderationSettings({ MODERATOR_ROLE_IDS: "admins" })).toThrow(/MODERATOR_ROLE_IDS: each id must be a number/);
  });
});

describe("PendingChanges", () => {
  const change = { action: "remove", id: "x" } as const;

  it("gives a change back once, to the moderator who asked, within its lifetime", () => {
    const pending = new PendingChanges(1_000);
    const token = pending.put(change, "alice", 0);
    expect(token).toMatch(/^[\w-]{12}$/);
    expect(pending.take(token, "bob", 10)).toBe("not yours");
    expect(pending.take(token, "alice", 10)).toEqual(change);
    expect(pending.take(token, "alice", 20)).toBeNull();
    const late = pending.put(change, "alice", 0);
    expect(pending.take(late, "alice", 1_000)).toBeNull();
  });

  it("drops the oldest when full", () => {
    const pending = new PendingChanges(60_000, 2);
    const [a, b, c] = ["a", "b", "c"].map((id) => pending.put({ action: "remove", id }, "alice", 0));
    expect(pending.take(a!, "alice", 1)).toBeNull();
    expect(pending.take(b!, "alice", 1)).toEqual({ action: "remove", id: "b" });
    expect(pending.take(c!, "alice", 1)).toEqual({ action: "remove", id: "c" });
  });
});

describe("moderationCommands", () => {
  it("registers /corpus in moderation servers, or globally when any server moderates", () => {
    expect(moderationCommands(GUILD, [GUILD])).toEqual([corpusCommand]);
    expect(moderationCommands(ROLE, [GUILD])).toEqual([]);
    expect(moderationCommands(undefined, [GUILD])).toEqual([corpusCommand]);
    expect(moderationCommands(undefined, [])).toEqual([]);
  });
});
