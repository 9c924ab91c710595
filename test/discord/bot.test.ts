import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../../src/answers/engine";
import { type BotConfig, loadConfig } from "../../src/config";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { WHO_SAID_THIS } from "../../src/transports/discord/definitions";
import { DISCORD_LIMITS } from "../../src/transports/discord/limits";
import { linesLogger } from "../support/bot";
import { DiscordServer } from "../support/discord-server";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDAw.GtEsT1.this-is-a-fake-token-for-tests_0123";
const EPHEMERAL = 64;

let server: DiscordServer;
let bot: BotHandle;
const logLines: string[] = [];

beforeAll(async () => {
  server = await DiscordServer.start({ token: TOKEN });
  const config = loadConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: server.applicationId,
    DISCORD_API_BASE: server.apiBase,
    LOG_LEVEL: "info",
  }) as BotConfig;
  const { engine } = await loadEngine("corpus");
  const logger = linesLogger(logLines, TOKEN);
  bot = await startBot(config, engine, { logger });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

/** The embed of a reply, and the whole reply body. */
async function reply(interaction: ReturnType<DiscordServer["chatInput"]>) {
  const message = await interaction.message();
  return { ...message, embed: message.body.embeds?.[0], text: JSON.stringify(message.body) };
}

describe("the bot on a Discord-compatible server", () => {
  it("logs in with one REST call and identifies with the Guilds intent only", () => {
    // Startup registers no commands: that is deploy-commands' job.
    expect(server.describeRequests()).toEqual(["GET /api/v10/gateway/bot"]);
    expect(server.identifies).toHaveLength(1);
    expect(server.identifies[0].intents).toBe(1);
    expect(bot.client.user.id).toBe(server.applicationId);
  });

  it("/who-said answers publicly, naming Trump and citing the sentence", async () => {
    const before = server.requests.length;
    const interaction = server.chatInput("who-said", { quote: "two to tango" });
    const { embed, ephemeral, body } = await reply(interaction);
    expect(ephemeral).toBe(false);
    expect(embed.description).toContain("> it does take two to tango.");
    expect(embed.description).toContain("**Donald Trump**");
    expect(embed.description).toContain("`putin-us-peace-plan:5.2`");
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    // who-said searches the whole corpus, so it is deferred (a public "thinking…"), then the original is edited.
    expect(server.describeRequests(server.requests.slice(before))).toEqual([
      `POST /api/v10/interactions/${interaction.id}/:token/callback`,
      `PATCH /api/v10/webhooks/${server.applicationId}/:token/messages/@original`,
    ]);
    expect(interaction.requests[0]!.body).toEqual({ type: 5, data: { flags: 0 } });
  });

  it("/who-said private:true answers ephemerally", async () => {
    const interaction = server.chatInput("who-said", { quote: "two to tango", private: true });
    const { embed, ephemeral } = await reply(interaction);
    expect(ephemeral).toBe(true);
    expect(interaction.requests[0]!.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    expect(embed.description).toContain("Donald Trump");
  });

  it("replies at once to lookups, publicly or privately", async () => {
    const open = server.chatInput("source", { citation: "putin-us-peace-plan:5.2" });
    const hidden = server.chatInput("source", { citation: "putin-us-peace-plan:5.2", private: true });
    const [shown, secret] = await Promise.all([open.message(), hidden.message()]);
    expect(shown.via.body.type).toBe(4);
    expect(shown.ephemeral).toBe(false);
    expect(secret.via.body.type).toBe(4);
    expect(secret.body.flags).toBe(EPHEMERAL);
  });

  it("says plainly when a quote is not in the corpus", async () => {
    const { embed } = await reply(server.chatInput("who-said", { quote: "the moon is made of green cheese" }));
    expect(embed.description).toContain("“the moon is made of green cheese” is not in the corpus");
  });

  it.each([
    ["ask", { question: "What does Russia demand from Ukraine?" }],
    ["position", { actor: "Putin" }],
    ["quotes", { speaker: "Zelensky" }],
    ["source", { citation: "putin-us-peace-plan:3.3" }],
  ])("/%s answers with citations", async (name, options) => {
    const { embed, body } = await reply(server.chatInput(name, options));
    expect(embed.description).toMatch(/`putin-us-peace-plan:\d+\.\d+`/);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("defers /ask and edits the original reply", async () => {
    const interaction = server.chatInput("ask", { question: "Who leads the US delegation?" });
    const { via } = await interaction.message();
    expect(server.describeRequests(interaction.requests)).toEqual([
      `POST /api/v10/interactions/${interaction.id}/:token/callback`,
      `PATCH /api/v10/webhooks/${server.applicationId}/:token/messages/@original`,
    ]);
    expect(interaction.requests[0]!.body.type).toBe(5);
    expect(via.body.embeds[0].description).toContain("putin-us-peace-plan:");
  });

  it("pages through more results with the More button", async () => {
    const first = await reply(server.chatInput("quotes", {}));
    const button = first.body.components[0].components[0];
    expect(button.label).toBe("More");
    expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    const next = await server.button(button.custom_id, first.body).message();
    expect(next.via.body.type).toBe(7);
    expect(next.body.embeds[0].footer.text).toMatch(/^Results 6–/);
    expect(next.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("pages a deferred command by acknowledging the click, then editing its message", async () => {
    const first = await reply(server.chatInput("position", { actor: "Russia" }));
    const button = first.body.components[0].components[0];
    const click = server.button(button.custom_id, first.body);
    const next = await click.message();
    expect(server.describeRequests(click.requests)).toEqual([
      `POST /api/v10/interactions/${click.id}/:token/callback`,
      `PATCH /api/v10/webhooks/${server.applicationId}/:token/messages/@original`,
    ]);
    expect(click.requests[0]!.body.type).toBe(6);
    expect(next.body.embeds[0].footer.text).toMatch(/^Results 6–10 of 10$/);
    expect(next.body.components).toEqual([]);
  });

  it("autocompletes at most 25 choices of at most 100 characters", async () => {
    for (const [command, option, typed] of [
      ["source", "citation", ""],
      ["source", "citation", "putin"],
      ["position", "actor", "U"],
      ["quotes", "speaker", ""],
    ] as const) {
      const callback = await server.autocomplete(command, option, typed).callback();
      expect(callback.body.type).toBe(8);
      const { choices } = callback.body.data;
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const choice of choices) {
        expect(choice.name.length).toBeLessThanOrEqual(100);
        expect(choice.value.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it('"Who said this?" finds the quote inside a longer message and names its speaker', async () => {
    const { embed, ephemeral } = await reply(
      server.messageCommand(WHO_SAID_THIS, "lol did you see this? “we mustn’t leave Ukraine and Volodymyr alone with these guys” wild times"),
    );
    expect(ephemeral).toBe(true);
    expect(embed.description).toContain("**Alexander Stubb**");
    expect(embed.description).toContain("reportedly");
    expect(embed.description).toContain("`putin-us-peace-plan:8.4`");
  });

  it("pings nobody, whatever the text asks for", async () => {
    const { body, embed } = await reply(server.chatInput("who-said", { quote: "@everyone <@&123> two to tango" }));
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(embed.description).not.toMatch(/@everyone|<@&123>/);
    expect(embed.description).toContain("@\u200beveryone");
  });

  it("refuses invalid input with a friendly ephemeral message", async () => {
    const { body, ephemeral } = await reply(server.chatInput("who-said", { quote: "x".repeat(501) }));
    expect(ephemeral).toBe(true);
    expect(body.content).toBe("The `quote` option of /who-said is not right: keep it under 500 characters.");
    const missing = await reply(server.chatInput("position", {}));
    expect(missing.body.content).toBe("The `actor` option of /position is required.");
  });

  it("cools a user down after 5 commands in 10 seconds", async () => {
    const user = server.user();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await reply(server.chatInput("source", { citation: "putin-us-peace-plan:1.1" }, user)));
    expect(answers.slice(0, 5).every((answer) => answer.embed !== undefined)).toBe(true);
    expect(answers[5]!.ephemeral).toBe(true);
    expect(answers[5]!.body.content).toMatch(/^Easy there: you can run 5 commands every 10 seconds/);
  });

  it("sets allowed_mentions on every message it sent", () => {
    const messages = server.requests.flatMap((request) => {
      if (request.path.endsWith("/callback")) return [4, 7].includes(request.body.type) ? [request.body.data] : [];
      return request.path.includes("/webhooks/") && request.body !== undefined ? [request.body] : [];
    });
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("never writes the token to the log", () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join("")).not.toContain(TOKEN);
  });
});
