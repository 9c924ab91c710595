import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/passages/sentences";

const texts = (paragraph: string) => splitSentences(paragraph).map((span) => span.text);

describe("splitSentences", () => {
  it("splits at full stops, question and exclamation marks", () => {
    expect(texts("One thing. Two things? Three!")).toEqual(["One thing.", "Two things?", "Three!"]);
  });

  it("does not break on abbreviations, initials, decimals or dotted acronyms before names", () => {
    expect(texts("Mr. Smith met Dr. Jones on Jan. 20 in the U.S. capital. It rained.")).toHaveLength(2);
    expect(texts("President George W. Bush read it. Then he left.")).toEqual(["President George W. Bush read it.", "Then he left."]);
    expect(texts("Growth was 3.5 percent. Prices rose.")).toEqual(["Growth was 3.5 percent.", "Prices rose."]);
    expect(texts("He criticised U.S. President Donald Trump. Others agreed.")).toHaveLength(2);
  });

  it("ends a sentence at a dotted acronym when the next word opens a sentence", () => {
    expect(texts("The team arrived in Washington D.C. The six girls smiled.")).toEqual([
      "The team arrived in Washington D.C.",
      "The six girls smiled.",
    ]);
  });

  it("keeps full stops inside quotation marks in the sentence", () => {
    expect(texts("He said the troops are “a threat. These actions threaten us.” Others disagreed.")).toEqual([
      "He said the troops are “a threat. These actions threaten us.”",
      "Others disagreed.",
    ]);
    expect(texts('"It is over. We won," she said. Then she left.')).toHaveLength(2);
  });

  it("ends a sentence after a closing quotation mark", () => {
    expect(texts("“It does take two to tango.” Talks go on.")).toEqual(["“It does take two to tango.”", "Talks go on."]);
  });

  it("falls back to plain splitting when a quotation mark is never closed", () => {
    expect(texts("“We will win. They will lose. Nobody doubts it.")).toHaveLength(3);
  });

  // Ordinary words: a random "mr" or "a" at a sentence's end would rightly not end it.
  const word = fc.constantFrom("talks", "troops", "peace", "Moscow", "said", "the", "war", "plan", "Ukraine", "leaders", "were", "over");
  const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => {
    const text = words.join(" ");
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  });
  const paragraph = fc.array(sentence, { minLength: 1, maxLength: 6 }).map((list) => list.join(" "));

  it("gives the paragraph back when the sentences are joined (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const spans = splitSentences(text);
        for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
        expect(spans.map((s) => s.text).join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
      }),
    );
  });

  it("never returns an empty sentence, and never splits after a title (property)", () => {
    fc.assert(
      fc.property(paragraph, fc.constantFrom("Mr.", "Dr.", "Gen.", "Jan."), (text, title) => {
        const spans = splitSentences(`${text} ${title} Smith left.`);
        expect(spans.every((span) => span.text.trim().length > 0)).toBe(true);
        expect(spans.at(-1)!.text.endsWith(`${title} Smith left.`)).toBe(true);
      }),
    );
  });

  it("keeps a quoted passage of several sentences whole (property)", () => {
    fc.assert(
      fc.property(paragraph, (quoted) => {
        const spans = splitSentences(`She said: “${quoted}” It ended.`);
        expect(spans.map((s) => s.text)).toEqual([`She said: “${quoted}”`, "It ended."]);
      }),
    );
  });
});
