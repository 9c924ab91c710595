import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/answers/engine";
import type { BotConfig } from "../../src/config";
import { createLogger } from "../../src/log";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { DiscordServer } from "../support/discord-server";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDA0.GtEsT5.gateway-fake-token-for-tests_111";

let server: DiscordServer;
let bot: BotHandle;

function config(token = TOKEN): BotConfig {
  return { mode: "bot", token, applicationId: server.applicationId, apiBase: server.apiBase, corpusDir: "corpus", logLevel: "silent" };
}

beforeAll(async () => {
  server = await DiscordServer.start({ token: TOKEN, heartbeatInterval: 100 });
  const engine = Engine.fromArticles([{ id: "tiny", title: "Tiny", paragraphs: ["“Hello there,” Ann Smith said."] }]);
  bot = await startBot(config(), engine, { logger: createLogger({ level: "silent" }) });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

describe("the gateway connection", () => {
  it("keeps heartbeating", async () => {
    const before = server.heartbeats;
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(server.heartbeats).toBeGreaterThan(before);
  });

  it("resumes after Discord drops the connection, and still answers", async () => {
    await server.disconnect(4000);
    expect(server.resumes).toHaveLength(1);
    expect(server.identifies).toHaveLength(1);
    const { body } = await server.chatInput("source", { citation: "tiny:1.1" }).message();
    expect(body.embeds[0].description).toContain("`tiny:1.1`");
  });

  it("refuses a wrong token with an error, not a hang", async () => {
    const engine = Engine.fromArticles([]);
    await expect(startBot(config("MTQw.wrong.token"), engine, { logger: createLogger({ level: "silent" }) })).rejects.toThrow();
  });

  it("stops cleanly", async () => {
    await bot.stop();
    await bot.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.connected).toBe(false);
  });
});
