import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer, CitedPassage } from "../../src/answers/types";
import type { Actor, Quote } from "../../src/attribution/types";
import { escapeText, renderAnswer, textFragmentUrl, truncate } from "../../src/renderers/discord";
import { DISCORD_LIMITS } from "../../src/transports/discord/limits";

// ------------------------------------------------------------------------------------------------
// Arbitraries: text that mixes ordinary words with everything that could format, mention or split.

const hostile = fc.constantFrom(
  "@everyone",
  "@here",
  "<@123456789012345678>",
  "<@&123>",
  "<#987654321098765432>",
  "</ask:1234>",
  "**bold**",
  "__under__",
  "~~strike~~",
  "||spoiler||",
  "`code`",
  "```block```",
  "\\",
  "> quote",
  "# Heading",
  "- item",
  "1. item",
  "[link](https://evil.example)",
  "doc:1.2",
  "😀",
);
const words = fc.array(fc.oneof(fc.string({ maxLength: 12 }), hostile, fc.string({ unit: "binary", maxLength: 6 })), {
  maxLength: 40,
});
const text = (max = 40) => fc.array(fc.oneof(fc.string({ maxLength: 12 }), hostile), { minLength: 1, maxLength: max }).map((parts) => parts.join(" "));
const longText = fc.oneof(text(), fc.string({ minLength: 600, maxLength: 1600 }), fc.string({ unit: "binary", minLength: 1, maxLength: 1600 }));

const citationId = fc
  .tuple(fc.constantFrom("putin-us-peace-plan", "a", "doc-2"), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }))
  .map(([doc, p, s]) => `${doc}:${p}.${s}`);

const passage: fc.Arbitrary<CitedPassage> = fc
  .record({
    citation: citationId,
    text: longText,
    title: longText,
    url: fc.option(fc.webUrl({ withFragments: true, withQueryParameters: true }), { nil: undefined }),
  })
  .map(({ citation, text, title, url }) => ({
    citation,
    paragraph: 1,
    sentence: 1,
    text,
    article: { doc: citation.split(":")[0]!, title, ...(url ? { url } : {}) },
  }));

const actor: fc.Arbitrary<Actor> = fc.record({
  name: text(5),
  kind: fc.constantFrom("person", "organization", "role", "party"),
  title: fc.option(text(5), { nil: undefined }),
  aliases: fc.constant([]),
});

const quote = (p: CitedPassage): fc.Arbitrary<Quote> =>
  fc.record({
    id: fc.constant(`${p.citation}#1`),
    doc: fc.constant(p.article.doc),
    passage: fc.constant(p.citation),
    text: longText,
    start: fc.constant(0),
    end: fc.constant(1),
    speaker: fc.option(text(4), { nil: null }),
    hedge: fc.option(fc.constantFrom("reportedly", "allegedly", "according to an English transcript"), { nil: undefined }),
  });

const passages = fc.array(passage, { maxLength: 12 });

const answer: fc.Arbitrary<Answer> = fc.oneof(
  fc.record({ question: longText, results: passages }).map(({ question, results }) => ({
    kind: "ask" as const,
    question,
    results: results.map((p, i) => ({ passage: p, score: 1, best: i === 0 })),
  })),
  fc
    .record({ query: longText, ps: passages })
    .chain(({ query, ps }) =>
      fc.tuple(...ps.map((p) => fc.tuple(quote(p), fc.option(actor, { nil: null }), fc.boolean()))).map((qs) => ({
        kind: "who-said" as const,
        query,
        matches: qs.map(([q, speaker, misquoted], i) => ({
          quote: q,
          speaker,
          passage: ps[i]!,
          paragraph: [],
          score: 0.9,
          // A misquote differs in its second half.
          segments: misquoted
            ? [
                { text: q.text.slice(0, q.text.length >> 1), differs: false },
                { text: q.text.slice(q.text.length >> 1), differs: true },
              ]
            : [{ text: q.text, differs: false }],
          misquoted,
        })),
      })),
    ),
  fc.record({ actor: longText, topic: fc.option(text(), { nil: undefined }), resolved: fc.option(actor, { nil: null }), ps: passages, members: fc.array(text(3), { maxLength: 50 }) }).map(
    ({ actor: asked, topic, resolved, ps, members }) => ({
      kind: "position" as const,
      actor: asked,
      ...(topic ? { topic } : {}),
      resolved,
      members,
      results: ps.map((p) => ({ passage: p, speaker: "Putin", reason: "stance" as const })),
      offset: 0,
      total: ps.length,
    }),
  ),
  fc
    .record({ speaker: fc.option(text(), { nil: undefined }), resolved: fc.option(actor, { nil: null }), ps: passages })
    .chain(({ speaker, resolved, ps }) =>
      fc.tuple(...ps.map((p) => quote(p))).map((qs) => ({
        kind: "quotes" as const,
        ...(speaker ? { speaker } : {}),
        resolved,
        groups: [{ speaker: resolved, quotes: qs.map((q, i) => ({ quote: q, passage: ps[i]! })) }],
      })),
    ),
  fc.record({ citation: longText, p: fc.option(passage, { nil: null }), before: passages, after: passages, suggestions: fc.array(citationId, { maxLength: 5 }) }).map(
    ({ citation, p, before, after, suggestions }) => ({ kind: "source" as const, citation, passage: p, before, after, suggestions }),
  ),
);

/** The passages an answer cites, in the order it lists its results. */
function cited(answer: Answer): CitedPassage[] {
  switch (answer.kind) {
    case "ask":
    case "position":
      return answer.results.map((r) => r.passage);
    case "who-said":
      return answer.matches.map((m) => m.passage);
    case "quotes":
      return answer.groups.flatMap((g) => g.quotes.map((q) => q.passage));
    case "source":
      return answer.passage ? [answer.passage] : [];
  }
}

const moreId = (next: number) => `more:${next}`;

/** Every page of an answer, following the More button. */
function pages(answer: Answer) {
  const all = [renderAnswer(answer, { moreId })];
  for (;;) {
    const button = all.at(-1)!.components[0]?.components[0];
    if (!button || !("custom_id" in button)) return all;
    all.push(renderAnswer(answer, { moreId, offset: Number(button.custom_id.split(":")[1]) }));
  }
}

function embedTextLength(embed: { title?: string; description?: string; footer?: { text: string } }): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
}

// ------------------------------------------------------------------------------------------------

describe("truncate", () => {
  it("keeps short text and cuts long text at a word boundary with an ellipsis", () => {
    fc.assert(
      fc.property(words.map((w) => w.join(" ")), fc.integer({ min: 2, max: 200 }), (input, max) => {
        const out = truncate(input, max);
        expect(out.length).toBeLessThanOrEqual(max);
        if (input.length <= max) expect(out).toBe(input);
        else {
          expect(out.endsWith("…")).toBe(true);
          expect(input.startsWith(out.slice(0, -1))).toBe(true);
        }
      }),
    );
  });

  it("never cuts inside a citation id", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(citationId, fc.string({ maxLength: 5 })), { maxLength: 20 }), fc.boolean(), fc.integer({ min: 2, max: 120 }), (parts, spaced, max) => {
        const input = parts.join(spaced ? " " : "");
        const kept = truncate(input, max).replace(/…$/, "");
        for (const match of input.matchAll(/[a-z0-9]+(?:-[a-z0-9]+)*:\d+\.\d+/g)) {
          // A citation id is either wholly kept or wholly dropped.
          if (match.index < kept.length) expect(kept.length).toBeGreaterThanOrEqual(match.index + match[0].length);
        }
      }),
    );
  });
});

describe("escapeText", () => {
  it("leaves nothing that mentions or formats", () => {
    fc.assert(
      fc.property(words.map((w) => w.join(" ")), (input) => {
        const out = escapeText(input);
        expect(out).not.toMatch(/@(everyone|here)/);
        expect(out).not.toMatch(/<@&?!?\d/);
        expect(out).not.toMatch(/<[#/]/);
        // Every markdown character is preceded by an escaping backslash.
        const unescaped = out.replace(/\\[\\*_~`|[\]>#.-]/g, "");
        expect(unescaped).not.toMatch(/[*_`[\]]|\|\||~~/);
      }),
    );
  });

  it("shows the same words", () => {
    expect(escapeText("Hello @everyone <@&123> **now**")).toBe("Hello @\u200beveryone <@\u200b&123> \\*\\*now\\*\\*");
  });
});

describe("textFragmentUrl", () => {
  it("points at the start of the sentence", () => {
    expect(textFragmentUrl("https://example.com/a#top", "“Either we take back these territories by force, or eventually Ukrainian troops withdraw,” the Russian leader asserted.")).toBe(
      "https://example.com/a#:~:text=Either%20we%20take%20back%20these%20territories%20by%20force",
    );
    expect(textFragmentUrl("https://example.com/a", "Russia-Ukraine talks, again.")).toBe("https://example.com/a#:~:text=Russia%2DUkraine%20talks%2C%20again");
  });
});

describe("renderAnswer", () => {
  it("stays within every Discord limit and escapes everything", () => {
    fc.assert(
      fc.property(answer, (a) => {
        for (const page of pages(a)) {
          expect(page.embeds.length).toBe(1);
          const embed = page.embeds[0]!;
          expect(embed.title!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
          expect(embed.description!.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
          expect(embedTextLength(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
          expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
          expect(embed.description).not.toMatch(/@(everyone|here)|<@&?\d|<#\d/);
          for (const row of page.components) for (const button of row.components) if ("custom_id" in button) expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("shows every result exactly once across its pages, each with its whole citation id", () => {
    fc.assert(
      fc.property(answer, (a) => {
        const all = pages(a);
        const expected = cited(a).map((p) => p.citation);
        const shown = all.flatMap((page) => [...page.embeds[0]!.description!.matchAll(/`([a-z0-9-]+:\d+\.\d+)`/g)].map((m) => m[1]));
        if (a.kind !== "source") expect(shown).toEqual(expected);
        else if (a.passage) expect(shown).toEqual([a.passage.citation, a.passage.citation]);
        else expect(shown).toEqual(a.suggestions);
      }),
      { numRuns: 60 },
    );
  });

  const trump: Actor = { name: "Donald Trump", kind: "person", title: "President", aliases: ["Trump"] };
  const tango: CitedPassage = {
    citation: "putin-us-peace-plan:5.2",
    paragraph: 5,
    sentence: 2,
    text: "President Trump characterized the initial negotiations as “reasonably good” while acknowledging the complexity of the process, noting that “it does take two to tango.”",
    article: { doc: "putin-us-peace-plan", title: "Putin says [Russia] disagrees", url: "https://example.com/news/(putin)" },
  };

  it("quotes verbatim, names the speaker and the hedge, and links at the sentence", () => {
    const description = renderAnswer({
      kind: "who-said",
      query: "two to tango @everyone",
      matches: [
        {
          quote: { id: "x#2", doc: "putin-us-peace-plan", passage: tango.citation, text: "it does take two to tango.", start: 0, end: 1, speaker: "Donald Trump", hedge: "reportedly" },
          speaker: trump,
          passage: tango,
          paragraph: [],
          score: 1,
          segments: [],
          misquoted: false,
        },
      ],
    }).embeds[0]!.description!;
    expect(description).toContain("> it does take two to tango.");
    expect(description).toContain("— **Donald Trump**, President (the article says *reportedly*)");
    expect(description).toContain(
      "[Putin says \\[Russia\\] disagrees](https://example.com/news/%28putin%29#:~:text=President%20Trump%20characterized%20the%20initial%20negotiations%20as%20%E2%80%9Creasonably) · `putin-us-peace-plan:5.2`",
    );
    expect(description).toContain("@\u200beveryone");
  });

  it("underlines where a misquote differs, keeping the article's words", () => {
    const quote = { id: "x#1", doc: "putin-us-peace-plan", passage: tango.citation, text: "it does take two to tango.", start: 0, end: 1, speaker: "Donald Trump" };
    const description = renderAnswer({
      kind: "who-said",
      query: "it takes two to tango",
      matches: [
        {
          quote,
          speaker: trump,
          passage: tango,
          paragraph: [],
          score: 0.8,
          segments: [
            { text: "it ", differs: false },
            { text: "does", differs: true },
            { text: " take two to tango.", differs: false },
          ],
          misquoted: true,
        },
      ],
    }).embeds[0]!.description!;
    expect(description).toContain("> it __does__ take two to tango.\n— **Donald Trump**, President\n*Not word for word: the article's words differ from yours where underlined.*");
  });

  it("pages an answer that holds one page of many results, counting them all", () => {
    const stance = (k: number) => ({ passage: { ...tango, citation: `putin-us-peace-plan:${k}.1` }, speaker: "Russia", reason: "stance" as const });
    const page = (offset: number, results: ReturnType<typeof stance>[]) =>
      renderAnswer({ kind: "position", actor: "Russia", resolved: null, members: [], results, offset, total: 1234 }, { moreId, offset });
    const middle = page(40, [40, 41, 42, 43, 44].map(stance));
    expect(middle.embeds[0]!.footer!.text).toBe("Results 41–45 of 1,234");
    expect([...middle.embeds[0]!.description!.matchAll(/`(putin-us-peace-plan:\d+\.1)`/g)].map((m) => m[1])).toEqual(
      [40, 41, 42, 43, 44].map((k) => `putin-us-peace-plan:${k}.1`),
    );
    expect(middle.components[0]!.components[0]).toMatchObject({ custom_id: "more:45" });
    const last = page(1230, [1230, 1231, 1232, 1233].map(stance));
    expect(last.embeds[0]!.footer!.text).toBe("Results 1,231–1,234 of 1,234");
    expect(last.components).toEqual([]);
    // A button from before the corpus shrank: results there are, but none from there on.
    const stale = page(2000, []);
    expect(stale.embeds[0]!.description).toContain("There are only 1,234 results now: run the command again to see them from the start.");
    expect(stale.components).toEqual([]);
  });

  it("names the first members of a party with thousands, and how many more", () => {
    const members = Array.from({ length: 2605 }, (_, k) => `Member ${k}`);
    const description = renderAnswer({ kind: "position", actor: "US", resolved: null, members, results: [], offset: 0, total: 0 }).embeds[0]!.description!;
    expect(description).toContain("Speaking for them: Member 0, Member 1, Member 2, Member 3, Member 4, Member 5, Member 6, Member 7, Member 8, Member 9 and 2,595 more.");
  });

  it("says plainly when something is not in the corpus", () => {
    const notFound = renderAnswer({ kind: "who-said", query: "the moon is cheese", matches: [] });
    expect(notFound.embeds[0]!.description).toContain("“the moon is cheese” is not in the corpus");
    expect(notFound.components).toEqual([]);
    const noSource = renderAnswer({ kind: "source", citation: "x:9.9", passage: null, before: [], after: [], suggestions: ["x:1.1"] });
    expect(noSource.embeds[0]!.description).toContain("is not in the corpus: no passage has that citation id. Did you mean `x:1.1`?");
  });
});
