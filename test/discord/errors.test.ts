import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands";
import { defineCommand } from "../../commands/command";
import { textOption } from "../../commands/limits";
import { loadEngine } from "../../src/answers/engine";
import { type BotConfig, loadConfig } from "../../src/config";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { linesLogger } from "../support/bot";
import { DiscordServer } from "../support/discord-server";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDAx.GtEsT2.another-fake-token-for-tests_456";
const EPHEMERAL = 64;

/** A command whose handler throws, routed like any other. */
const explode = (name: string) =>
  defineCommand({
    name,
    description: "Always fails",
    options: z.object({ text: textOption("Anything") }),
    run: () => {
      throw new Error("the handler failed on purpose");
    },
  });

let server: DiscordServer;
let bot: BotHandle;
const logLines: string[] = [];

beforeAll(async () => {
  server = await DiscordServer.start({ token: TOKEN });
  const config = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: server.applicationId, DISCORD_API_BASE: server.apiBase }) as BotConfig;
  const { engine } = await loadEngine("corpus");
  const logger = linesLogger(logLines, TOKEN);
  bot = await startBot(config, engine, {
    logger,
    commands: [...commands, explode("explode"), explode("explode-later")],
    deferred: ["explode-later"],
  });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** The reference id in an error reply, and the log line that carries it. */
function reference(content: string) {
  const ref = /reference: ([0-9a-f]{8})$/.exec(content)?.[1];
  expect(ref).toBeDefined();
  const line = logLines.map((text) => JSON.parse(text)).find((entry) => entry.ref === ref);
  return { ref, line };
}

describe("errors", () => {
  it("a handler that throws gets an ephemeral reply whose reference is in the log", async () => {
    const interaction = server.chatInput("explode", { text: "hi" });
    const { body, ephemeral } = await interaction.message();
    expect(ephemeral).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const { line } = reference(body.content);
    expect(line).toMatchObject({ level: 50, msg: "interaction failed", command: "explode", err: { message: "the handler failed on purpose" } });
  });

  it("after a public defer, the thinking message is removed and the error follows up ephemerally", async () => {
    const interaction = server.chatInput("explode-later", { text: "hi" });
    const { body, ephemeral, via } = await interaction.message();
    expect(ephemeral).toBe(true);
    expect(via.body.flags).toBe(EPHEMERAL);
    expect(server.describeRequests(interaction.requests)).toEqual([
      `POST /api/v10/interactions/${interaction.id}/:token/callback`,
      `DELETE /api/v10/webhooks/${server.applicationId}/:token/messages/@original`,
      `POST /api/v10/webhooks/${server.applicationId}/:token`,
    ]);
    reference(body.content);
  });

  it("after a private defer, the error edits the private reply", async () => {
    const interaction = server.chatInput("explode-later", { text: "hi", private: true });
    const { body, ephemeral, via } = await interaction.message();
    expect(ephemeral).toBe(true);
    expect(via.method).toBe("PATCH");
    expect(interaction.requests[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    reference(body.content);
  });

  it("when Discord rejects the answer, the user still gets an ephemeral error", async () => {
    let rejected = false;
    server.onRequest = (request) => {
      if (rejected || !request.path.endsWith("/callback")) return undefined;
      rejected = true;
      return { status: 400, body: { message: "Invalid Form Body", code: 50035 } };
    };
    try {
      const interaction = server.chatInput("source", { citation: "putin-us-peace-plan:1.1" });
      await server.waitForRequest((request) => request.path.includes(interaction.token) && request.body?.data?.flags === EPHEMERAL);
      const [refused, error] = interaction.requests;
      expect(refused!.body.data.embeds).toHaveLength(1);
      expect(error!.body.data.content).toMatch(/reference: [0-9a-f]{8}$/);
    } finally {
      server.onRequest = undefined;
    }
  });

  it("logs interaction tokens and the bot token nowhere", () => {
    const log = logLines.join("");
    expect(log).not.toContain(TOKEN);
    for (const request of server.requests) {
      const token = /\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(request.path)?.[1];
      if (token) expect(log).not.toContain(token);
    }
  });
});
