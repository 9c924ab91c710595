import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config";
import { createLogger } from "../../src/log";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDAz.GtEsT4.config-fake-token-for-tests_000";
const APP = "140000000000000003";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("is the console mode without a token, with defaults", () => {
    expect(loadConfig({})).toEqual({ mode: "console", corpusDir: "corpus", logLevel: "info", snapshot: "corpus/.citebot/engine.snapshot" });
    expect(loadConfig({ DISCORD_TOKEN: "", CORPUS_DIR: "news", LOG_LEVEL: "debug" })).toEqual({
      mode: "console",
      corpusDir: "news",
      logLevel: "debug",
      snapshot: "news/.citebot/engine.snapshot",
    });
  });

  it("takes the snapshot file from CORPUS_SNAPSHOT, off for none, and refuses one the loader would read or a folder", () => {
    expect(loadConfig({ CORPUS_SNAPSHOT: "/var/cache/citebot.snapshot" })).toMatchObject({ snapshot: "/var/cache/citebot.snapshot" });
    expect(loadConfig({ CORPUS_SNAPSHOT: "off" })).not.toHaveProperty("snapshot");
    expect(problems({ CORPUS_SNAPSHOT: "corpus/engine.md" })).toEqual([expect.stringMatching(/^CORPUS_SNAPSHOT: must not end in \.md or \.txt/)]);
    expect(problems({ CORPUS_SNAPSHOT: "corpus" })).toEqual([expect.stringMatching(/^CORPUS_SNAPSHOT: is a folder/)]);
    expect(problems({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, CORPUS_WATCH: "yes" })).toEqual(["CORPUS_WATCH: must be true or false"]);
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, CORPUS_WATCH: "false" })).toMatchObject({ watchCorpus: false });
  });

  it("is the bot mode with a token and an application id", () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: "", DISCORD_API_BASE: "http://127.0.0.1:5000/api/" })).toEqual({
      mode: "bot",
      token: TOKEN,
      applicationId: APP,
      apiBase: "http://127.0.0.1:5000/api",
      corpusDir: "corpus",
      logLevel: "info",
      snapshot: "corpus/.citebot/engine.snapshot",
      watchCorpus: true,
    });
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP, DISCORD_GUILD_ID: APP })).toMatchObject({ guildId: APP, apiBase: "https://discord.com/api" });
  });

  it("names each bad variable on one line, and never echoes the token", () => {
    const lines = problems({ DISCORD_TOKEN: "not a token", DISCORD_APPLICATION_ID: "abc", DISCORD_API_BASE: "https://discord.com/api/v10", LOG_LEVEL: "loud" });
    expect(lines.map((line) => line.split(":")[0])).toEqual(["DISCORD_TOKEN", "DISCORD_APPLICATION_ID", "DISCORD_API_BASE", "LOG_LEVEL"]);
    expect(lines.join("\n")).not.toContain("not a token");
    expect(lines[2]).toContain("leave out the API version");
    expect(problems({ DISCORD_TOKEN: TOKEN })).toEqual([expect.stringMatching(/^DISCORD_APPLICATION_ID: is missing/)]);
  });
});

describe("createLogger", () => {
  it("never writes the token, in a field or inside a message", () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: [TOKEN], destination: { write: (line: string) => void lines.push(line) } });
    log.info({ config: { token: TOKEN }, token: TOKEN, headers: { authorization: `Bot ${TOKEN}` } }, `login with ${TOKEN}`);
    log.error({ err: new Error(`PATCH /webhooks/123/aW50ZXJhY3Rpb246abcdefghijklmnopqrstuvwxyz0123 failed`) }, "oops");
    const text = lines.join("");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("aW50ZXJhY3Rpb246abcdefghijklmnopqrstuvwxyz0123");
    expect(text).toContain("/webhooks/123/:token");
  });
});
