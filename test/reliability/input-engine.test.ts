/**
 * Hostile input at engine speed: every command's options and the console, fed random Unicode,
 * control and zero-width characters, right-to-left text, 6,000-character strings, Markdown and
 * code fences, mentions and links. Every input is answered or refused in a sentence, nothing
 * throws, every message fits Discord's limits and none can ping anyone. The same checks through
 * the real discord.js client, on fewer cases, are in input-discord.test.ts.
 */
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands";
import { Engine, loadEngine } from "../../src/answers/engine";
import { type RenderedMessage, renderAnswer } from "../../src/renderers/discord";
import { runConsole } from "../../src/transports/console";
import { DISCORD_LIMITS } from "../../src/transports/discord/limits";
import { Pager } from "../../src/transports/discord/paging";
import { answerReply, NO_PINGS, notice } from "../../src/transports/discord/replies";
import { HOSTILE_PASTES } from "../support/hostile";

// ------------------------------------------------------------------------------------------------
// What people paste

const hostile = fc.constantFrom(
  ...HOSTILE_PASTES,
  "two to tango",
  "Putin",
  "putin-us-peace-plan:5.2",
  "“",
  "\"",
);

/** A line mixing everything above with random text, Unicode and lone surrogates. */
const mixed = fc
  .array(fc.oneof(hostile, fc.string({ unit: "grapheme", maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 })), { maxLength: 30 })
  .map((parts) => parts.join(" "));

/** Text of 5,000 to 6,000 characters: one hostile piece repeated, or random text. */
const wall = fc.oneof(
  fc.tuple(hostile, fc.integer({ min: 5_000, max: 6_000 })).map(([piece, length]) => `${piece} `.repeat(Math.ceil(length / (piece.length + 1))).slice(0, length)),
  fc.string({ unit: "binary", minLength: 5_000, maxLength: 6_000 }),
);

const hostileText = fc.oneof({ weight: 6, arbitrary: mixed }, { weight: 1, arbitrary: wall }, { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 600 }) });

/** What a forged or broken client could put in an option's value. */
const anyValue = fc.oneof({ weight: 8, arbitrary: hostileText }, { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.double()) });

// ------------------------------------------------------------------------------------------------
// The checks every message must pass

const RAW_MENTION = /@(?:everyone|here)|<@[!&]?\d+>/;

/** Every text of a message body: content, titles, descriptions, fields, footers, labels. */
function texts(message: { content?: string; embeds?: RenderedMessage["embeds"]; components?: RenderedMessage["components"] }): string[] {
  return [
    message.content ?? "",
    ...(message.embeds ?? []).flatMap((embed) => [embed.title ?? "", embed.description ?? "", embed.footer?.text ?? "", ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])]),
    ...(message.components ?? []).flatMap((row) => row.components.map((button) => ("label" in button ? (button.label ?? "") : ""))),
  ];
}

/** Discord's limits, and no mention that could ping. */
function expectSafeMessage(message: { content?: string; embeds?: RenderedMessage["embeds"]; components?: RenderedMessage["components"] }): void {
  expect((message.content ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  const embeds = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const embed of embeds) {
    expect((embed.title ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect((embed.description ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect((embed.footer?.text ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.footerText);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    total += (embed.title ?? "").length + (embed.description ?? "").length + (embed.footer?.text ?? "").length;
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
  expect((message.content ?? "").length + embeds.length).toBeGreaterThan(0);
  for (const row of message.components ?? []) {
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const button of row.components) {
      if ("custom_id" in button) expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
      if ("label" in button) expect((button.label ?? "").length).toBeLessThanOrEqual(DISCORD_LIMITS.buttonLabel);
    }
  }
  for (const text of texts(message)) expect(text).not.toMatch(RAW_MENTION);
}

// ------------------------------------------------------------------------------------------------

let engine: Engine;

beforeAll(async () => {
  // The seed corpus plus an article that is itself hostile: mentions, Markdown and odd Unicode
  // in its title, its quotes and its speakers' names.
  const { engine: seed } = await loadEngine("corpus");
  const hostileArticle = {
    id: "hostile-article",
    title: "@everyone **Breaking** <@&123456789012345678> ```news```",
    url: "https://evil.example/story?a=(1)&b=[2]",
    paragraphs: [
      "“@everyone must leave now,” said <@123456789012345678> Smith, the @here spokesman.",
      "“We will not \u202etolerate\u202c this ||spoiler|| `code`,” Jane Doe told reporters. [click](https://evil.example)",
      "According to officials, the plan is “```js alert(1) ```”, and the <#123456789012345678> channel agreed.",
    ],
  };
  engine = Engine.fromArticles([...seed.parts().articles, hostileArticle]);
});

describe("every command's options, at engine speed", () => {
  for (const command of commands) {
    it(`/${command.name}: answers or refuses, never throws, every page fits and pings nobody`, () => {
      const pager = new Pager();
      let answered = 0;
      const optionNames = Object.keys(command.options.shape);
      const input = fc.record(Object.fromEntries(optionNames.map((name) => [name, anyValue])), { requiredKeys: [] });
      fc.assert(
        fc.property(input, fc.nat({ max: 12 }), (options, offset) => {
          const parsed = command.options.safeParse(options);
          if (!parsed.success) {
            // What the router's refusal is made of: the option's name and zod's short message,
            // never the input itself (a 6,000-character wall or a mention would come back).
            const issue = parsed.error.issues[0]!;
            expect(optionNames).toContain(String(issue.path[0]));
            expect(issue.message.length).toBeLessThan(200);
            for (const value of Object.values(options)) if (typeof value === "string" && value.length > 3) expect(issue.message).not.toContain(value);
            const refusal = notice(`The \`${String(issue.path[0])}\` option of /${command.name} is not right: ${issue.message}.`);
            expectSafeMessage(refusal as never);
            return;
          }
          answered++;
          const answer = command.run(engine, parsed.data);
          const rendered = renderAnswer(answer, { offset, moreId: (next) => pager.encode(command.name, parsed.data, next) });
          const reply = answerReply(rendered, false);
          expect(reply.allowedMentions).toEqual(NO_PINGS);
          expectSafeMessage(rendered);
          // A "More" button leads back to the same input.
          const id = rendered.components[0]?.components[0];
          if (id && "custom_id" in id) {
            const request = pager.decode(id.custom_id);
            expect(request).toMatchObject({ command: command.name, input: parsed.data });
          }
        }),
        { numRuns: 120, seed: 6_006 },
      );
      // Most inputs get past validation, so the engine and the renderer see them.
      expect(answered).toBeGreaterThan(40);
    });
  }

  it("autocomplete: at most 25 suggestions of at most 100 characters, whatever is typed", () => {
    fc.assert(
      fc.property(fc.constantFrom("actors", "speakers", "citations" as const), hostileText, (list, typed) => {
        const suggestions = engine.complete(list, typed, DISCORD_LIMITS.choices);
        expect(suggestions.length).toBeLessThanOrEqual(DISCORD_LIMITS.choices);
        for (const suggestion of suggestions) expect(typeof suggestion).toBe("string");
      }),
      { numRuns: 200, seed: 6_007 },
    );
  });
});

describe("the console", () => {
  it("answers every line, whatever it holds, and never stops early", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom("", ...commands.map((c) => `${c.name} `), "help ", "frobnicate "), hostileText, fc.option(fc.constantFrom(" --topic ", " --speaker ", " --nope ", " --")), hostileText), { minLength: 1, maxLength: 8 }), async (parts) => {
        // One typed line each: a newline inside the text would start another line.
        const lines = parts
          .map(([head, text, flag, more]) => `${head}${text}${flag ?? ""}${flag ? more : ""}`.replace(/[\r\n\u2028\u2029\u0085\v\f]/g, " "))
          .filter((line) => !["quit", "exit"].includes(line.trim()));
        const input = new PassThrough();
        const output = new PassThrough();
        let written = "";
        output.on("data", (chunk) => (written += chunk));
        input.end(`${lines.join("\n")}\n`);
        await runConsole(engine, input as unknown as typeof process.stdin, output as unknown as typeof process.stdout);
        const answered = lines.filter((line) => line.trim() !== "").length;
        if (answered > 0) expect(written.length).toBeGreaterThan(0);
      }),
      { numRuns: 60, seed: 6_008 },
    );
  });
});
