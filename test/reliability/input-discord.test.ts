/**
 * Hostile input through the real discord.js client and the local Discord-compatible server: a
 * bounded number of random slash commands, "Who said this?" on random messages, clicks on
 * forged buttons and autocomplete of random text. Each interaction gets exactly one callback,
 * an answer or a clear refusal, never an error reply; every message fits Discord's limits and
 * pings nobody.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands";
import { loadEngine } from "../../src/answers/engine";
import { type BotHandle, startBot } from "../../src/transports/discord/bot";
import { WHO_SAID_THIS } from "../../src/transports/discord/definitions";
import { DISCORD_LIMITS } from "../../src/transports/discord/limits";
import { botConfig, linesLogger } from "../support/bot";
import { DiscordServer, type RecordedRequest, type SentInteraction } from "../support/discord-server";
import { HOSTILE_PASTES } from "../support/hostile";

const TOKEN = "MTQwMDAwMDAwMDAwMDAwMDA3.GtEsT7.reliability-input-fake-token_0707";
const NO_PINGS = { parse: [], replied_user: false };
const RAW_MENTION = /@(?:everyone|here)|<@[!&]?\d+>/;

let server: DiscordServer;
let bot: BotHandle;
const logLines: string[] = [];

beforeAll(async () => {
  server = await DiscordServer.start({ token: TOKEN });
  const config = botConfig(server, TOKEN);
  const { engine } = await loadEngine("corpus");
  const logger = linesLogger(logLines, TOKEN);
  bot = await startBot(config, engine, { logger });
});

afterAll(async () => {
  await bot?.stop();
  await server?.close();
});

// ------------------------------------------------------------------------------------------------
// What people paste (as in input-engine.test.ts, kept short here: each case is a round trip)

const hostile = fc.constantFrom(
  ...HOSTILE_PASTES,
  "two to tango",
  "Putin",
  "putin-us-peace-plan:5.2",
  "“we mustn’t leave Ukraine and Volodymyr alone with these guys”",
);
const mixed = fc.array(fc.oneof(hostile, fc.string({ unit: "grapheme", maxLength: 10 }), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 20 }).map((parts) => parts.join(" "));
const wall = fc.tuple(hostile, fc.integer({ min: 5_000, max: 6_000 })).map(([piece, length]) => `${piece} `.repeat(Math.ceil(length / (piece.length + 1))).slice(0, length));
const text = fc.oneof({ weight: 5, arbitrary: mixed }, { weight: 1, arbitrary: wall });

type Case =
  | { kind: "slash"; name: string; options: { name: string; type: number; value: unknown }[] }
  | { kind: "message"; content: string }
  | { kind: "button"; customId: string }
  | { kind: "autocomplete"; name: string; option: string; typed: string };

const slash: fc.Arbitrary<Case> = fc.constantFrom(...commands).chain((command) =>
  fc
    .record({
      values: fc.record(Object.fromEntries(Object.keys(command.options.shape).map((name) => [name, text])), { requiredKeys: [] }),
      // A forged client: a number where text belongs, an option the command does not have.
      odd: fc.option(fc.constantFrom({ name: Object.keys(command.options.shape)[0]!, type: 4, value: 42 }, { name: "nope", type: 3, value: "@everyone" }), { nil: undefined }),
      private: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(({ values, odd, private: hidden }) => ({
      kind: "slash" as const,
      name: command.name,
      options: [
        ...Object.entries(values).map(([name, value]) => ({ name, type: 3, value })),
        ...(odd ? [odd] : []),
        ...(hidden === undefined ? [] : [{ name: "private", type: 5, value: hidden }]),
      ],
    })),
);
const message: fc.Arbitrary<Case> = text.map((content) => ({ kind: "message", content }));
const button: fc.Arbitrary<Case> = fc
  .oneof(
    mixed.map((junk) => junk.slice(0, DISCORD_LIMITS.customId)),
    fc.tuple(fc.constantFrom("ask", "who-said", "position", "quotes", "source", "nope"), fc.nat({ max: 99 }), mixed).map(([command, offset, junk]) => `more:${command}:${offset}:=${JSON.stringify({ quote: junk, question: junk, actor: junk })}`.slice(0, 100)),
    fc.tuple(fc.constantFrom("who-said", "quotes"), fc.nat({ max: 99 }), fc.string({ maxLength: 6 })).map(([command, offset, key]) => `more:${command}:${offset}:#${key}`),
  )
  .map((customId) => ({ kind: "button", customId }));
const autocomplete: fc.Arbitrary<Case> = fc
  .tuple(fc.constantFrom(["source", "citation"], ["position", "actor"], ["quotes", "speaker"]), text)
  .map(([[name, option], typed]) => ({ kind: "autocomplete", name: name!, option: option!, typed }));

const anyCase = fc.oneof({ weight: 5, arbitrary: slash }, { weight: 2, arbitrary: message }, { weight: 2, arbitrary: button }, { weight: 1, arbitrary: autocomplete });

function send(input: Case): SentInteraction {
  switch (input.kind) {
    case "slash":
      return server.interact({ type: 2, data: { id: "1", name: input.name, type: 1, guild_id: server.guildId, options: input.options } });
    case "message":
      return server.messageCommand(WHO_SAID_THIS, input.content);
    case "button":
      return server.button(input.customId, { content: "", embeds: [], components: [] });
    case "autocomplete":
      return server.autocomplete(input.name, input.option, input.typed);
  }
}

// ------------------------------------------------------------------------------------------------

const isCallback = (request: RecordedRequest) => request.path.endsWith("/callback");

/** The message the user ends up seeing, once the bot has sent it. */
async function finalMessage(interaction: SentInteraction): Promise<any> {
  await server.waitUntil(() => interaction.requests.some(isCallback), 5_000, `a callback for ${interaction.id}`);
  const callback = interaction.requests.find(isCallback)!;
  if ([4, 7].includes(callback.body.type)) return callback.body.data;
  await server.waitUntil(() => interaction.requests.some((r) => !isCallback(r) && r.body !== undefined), 5_000, `the edit for ${interaction.id}`);
  return interaction.requests.find((r) => !isCallback(r) && r.body !== undefined)!.body;
}

function expectSafe(body: any): void {
  expect(body.allowed_mentions).toEqual(NO_PINGS);
  expect((body.content ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  const embeds: any[] = body.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const embed of embeds) {
    expect((embed.title ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect((embed.description ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    total += (embed.title ?? "").length + (embed.description ?? "").length + (embed.footer?.text ?? "").length;
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect((body.content ?? "").length + embeds.length).toBeGreaterThan(0);
  for (const row of body.components ?? []) for (const component of row.components) expect(component.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
  const texts = [body.content ?? "", ...embeds.flatMap((embed) => [embed.title ?? "", embed.description ?? "", embed.footer?.text ?? ""])];
  for (const text of texts) expect(text).not.toMatch(RAW_MENTION);
}

describe("hostile input through the real client", () => {
  const seen: SentInteraction[] = [];

  it("an option of the wrong type (a stale command definition) is refused as not right, not as missing", async () => {
    const interaction = server.interact({ type: 2, data: { id: "1", name: "quotes", type: 1, options: [{ name: "speaker", type: 4, value: 42 }] } });
    seen.push(interaction);
    const body = await finalMessage(interaction);
    expect(body.content).toBe("The `speaker` option of /quotes is not right: Invalid input: expected string, received number.");
    expect(body.flags).toBe(64);
  });

  it('"Who said this?" on a wall of text with no short sentence says what to do, not that there is no text', async () => {
    const wall = server.messageCommand(WHO_SAID_THIS, `@everyone ${"blah ".repeat(1_200)}`);
    seen.push(wall);
    expect((await finalMessage(wall)).content).toBe("That message has no sentence short enough to look up (500 characters at most): copy the quote into /who-said.");
    const empty = server.messageCommand(WHO_SAID_THIS, "   ");
    seen.push(empty);
    expect((await finalMessage(empty)).content).toMatch(/^That message has no text to look up/);
  });

  it("60 random interactions: each answered once, within the limits, pinging nobody, no error reply", async () => {
    await fc.assert(
      fc.asyncProperty(anyCase, async (input) => {
        const interaction = send(input);
        seen.push(interaction);
        if (input.kind === "autocomplete") {
          await server.waitUntil(() => interaction.requests.some(isCallback), 5_000, "the suggestions");
          const { body } = interaction.requests.find(isCallback)!;
          expect(body.type).toBe(8);
          expect(body.data.choices.length).toBeLessThanOrEqual(DISCORD_LIMITS.choices);
          for (const choice of body.data.choices) {
            expect(choice.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceName);
            expect(choice.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.choiceValue);
          }
          return;
        }
        const body = await finalMessage(interaction);
        expectSafe(body);
        // An answer or a refusal, never "something went wrong".
        expect(body.content ?? "").not.toMatch(/something went wrong/);
      }),
      { numRuns: 60, seed: 6_060, endOnFailure: true },
    );
  });

  it("each of them got exactly one callback, and the log holds no failure and no token", async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.length).toBeGreaterThanOrEqual(60);
    for (const interaction of seen) expect(interaction.requests.filter(isCallback)).toHaveLength(1);
    const entries = logLines.map((line) => JSON.parse(line));
    expect(entries.filter((entry) => entry.level >= 50)).toEqual([]);
    expect(entries.filter((entry) => entry.msg === "handled")).toHaveLength(seen.filter((i) => i.payload.type !== 4).length);
    expect(logLines.join("")).not.toContain(TOKEN);
  });
});
