import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands";
import { defineCommand } from "../../commands/command";
import { applicationCommands, slashCommand, WHO_SAID_THIS } from "../../src/transports/discord/definitions";
import { moderationCommands } from "../../src/transports/discord/moderation/command";
import { DiscordServer } from "../support/discord-server";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDAy.GtEsT3.deploy-fake-token-for-tests_789";
const run = promisify(execFile);

describe("slash command definitions", () => {
  const definitions = applicationCommands(commands);

  it("derive one slash command per command, plus the message command", () => {
    expect(definitions.map((d) => d.name)).toEqual([...commands.map((c) => c.name), WHO_SAID_THIS]);
    expect(definitions.at(-1)).toEqual({ type: 3, name: WHO_SAID_THIS });
  });

  it("take options, requirement, descriptions, lengths and autocomplete from the schema", () => {
    expect(slashCommand(commands.find((c) => c.name === "position")!)).toEqual({
      type: 1,
      name: "position",
      description: "What a person or party says or wants, in their quotes and reported stance",
      options: [
        { type: 3, name: "actor", description: "A person (Putin) or a party (Russia, the US, European leaders)", required: true, min_length: 1, max_length: 500, autocomplete: true },
        { type: 3, name: "topic", description: "Only what they say on this topic", required: false, min_length: 1, max_length: 500 },
        { type: 5, name: "private", description: expect.any(String), required: false },
      ],
    });
  });

  it("stay within Discord's limits and give every command the private option", () => {
    for (const definition of definitions) {
      if (definition.type !== 1) continue;
      expect(definition.description!.length).toBeLessThanOrEqual(100);
      expect(definition.options?.at(-1)).toMatchObject({ name: "private", type: 5, required: false });
      for (const option of definition.options ?? []) expect(option.description.length).toBeLessThanOrEqual(100);
    }
  });

  it("refuse an option Discord cannot take", () => {
    const bad = defineCommand({ name: "bad", description: "x", options: z.object({ n: z.number().describe("a number") }), run: () => ({ kind: "quotes", resolved: null, groups: [] }) });
    expect(() => slashCommand(bad)).toThrow("command bad: option n is a number");
  });
});

describe("npm run deploy-commands", () => {
  let server: DiscordServer;
  beforeAll(async () => {
    server = await DiscordServer.start({ token: TOKEN });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("bulk-overwrites exactly the command set in the server, and prints it", async () => {
    const env = {
      ...process.env,
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: server.applicationId,
      DISCORD_GUILD_ID: server.guildId,
      DISCORD_API_BASE: server.apiBase,
    };
    const { stdout } = await run("npm", ["run", "--silent", "deploy-commands"], { env, timeout: 30_000 });
    expect(server.describeRequests()).toEqual([`PUT /api/v10/applications/${server.applicationId}/guilds/${server.guildId}/commands`]);
    const moderation = moderationCommands(server.guildId, [server.guildId]);
    expect(server.requests[0]!.body).toEqual(JSON.parse(JSON.stringify([...applicationCommands(commands), ...moderation])));
    expect(server.commands.get(server.guildId)!.map((c) => c.name)).toEqual(["ask", "who-said", "position", "quotes", "source", WHO_SAID_THIS, "corpus"]);
    expect(stdout).toContain(`Registered 7 commands in server ${server.guildId}:`);
    expect(stdout).toContain("/corpus  ");
    expect(stdout).toContain("/who-said  Who said it?");
    expect(stdout).toContain(`${WHO_SAID_THIS} (message menu)`);
    expect(stdout + JSON.stringify(server.requests.map((r) => r.body))).not.toContain(TOKEN);
  }, 40_000);

  it("registers globally without DISCORD_GUILD_ID, and says which variable to check when refused", async () => {
    const wrong = "MTQwMDAwMDAwMDAwMDAwMDAy.GtEsT3.not-the-right-token_000000000";
    const env = { ...process.env, DISCORD_TOKEN: wrong, DISCORD_APPLICATION_ID: server.applicationId, DISCORD_GUILD_ID: "", DISCORD_API_BASE: server.apiBase };
    const failed = await run("npm", ["run", "--silent", "deploy-commands"], { env, timeout: 30_000 }).catch((error: { code: number; stderr: string }) => error);
    expect(server.describeRequests().at(-1)).toBe(`PUT /api/v10/applications/${server.applicationId}/commands`);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("deploy-commands: Discord refused the commands (401: Unauthorized); check DISCORD_TOKEN");
    expect((failed as { stderr: string }).stderr).not.toContain(wrong);
  }, 40_000);
});
