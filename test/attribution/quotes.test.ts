import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipToSentence, findQuoteSpans } from "../../src/attribution/quotes";

const texts = (text: string) => findQuoteSpans(text).map((span) => text.slice(span.start, span.end));

describe("findQuoteSpans", () => {
  it("finds curly, straight and single curly quotes without their marks", () => {
    expect(texts(`He said “we can’t agree,” and “no compromise.”`)).toEqual(["we can’t agree", "no compromise."]);
    expect(texts(`"Yes," said Bob. She said "no".`)).toEqual(["Yes", "no"]);
    expect(texts(`‘We are not afraid,’ said Ali.`)).toEqual(["We are not afraid"]);
  });

  it("never opens a quote at an apostrophe", () => {
    expect(texts(`Moscow’s demand and the leaders’ view, which they can’t accept.`)).toEqual([]);
    expect(texts(`Moscow's demand and the leaders' view, which they can't accept.`)).toEqual([]);
  });

  it("does not open a quote at a single mark that never closes", () => {
    expect(texts(`Music from the ‘90s is back, he said.`)).toEqual([]);
  });

  it("keeps apostrophes and nested quotes inside a quote", () => {
    expect(texts(`Sybhia accused Putin of “wasting the world’s time,” while`)).toEqual(["wasting the world’s time"]);
    expect(texts(`"He told me 'never give up'," she said.`)).toEqual(["He told me 'never give up'"]);
  });

  it("runs a quote left open to the end of the text", () => {
    expect(texts(`“The first part runs on. And on.`)).toEqual(["The first part runs on. And on."]);
  });

  it("gives offsets of the words and of the marks", () => {
    const [span] = findQuoteSpans(`a “b c,” d`);
    expect(span).toEqual({ start: 3, end: 6, outerStart: 2, outerEnd: 8 });
  });

  const word = fc.stringMatching(/^[A-Za-z][a-z’]{0,8}[a-z]$/);
  const phrase = fc.array(word, { minLength: 1, maxLength: 8 }).map((words) => words.join(" "));

  it("finds any phrase wrapped in curly marks verbatim, at its offsets", () => {
    fc.assert(
      fc.property(phrase, phrase, phrase, (before, quoted, after) => {
        const text = `${before} “${quoted}” ${after}.`;
        const spans = findQuoteSpans(text);
        expect(spans).toHaveLength(1);
        expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(quoted);
        expect(spans[0]!.start).toBe(before.length + 2);
      }),
    );
  });

  it("finds any phrase wrapped in straight marks verbatim", () => {
    fc.assert(
      fc.property(phrase, phrase, phrase, (before, quoted, after) => {
        const text = `${before} "${quoted}," ${after}.`;
        expect(texts(text)).toEqual([quoted]);
      }),
    );
  });

  it("finds no quote in text whose only marks are apostrophes", () => {
    fc.assert(
      fc.property(phrase, (text) => {
        expect(findQuoteSpans(text)).toEqual([]);
      }),
    );
  });
});

describe("clipToSentence", () => {
  it("cuts a quote that spans sentences into one piece per sentence, offsets relative to each", () => {
    const paragraph = `“One two. Three four.`;
    const spans = findQuoteSpans(paragraph);
    const second = clipToSentence(spans, "Three four.", 10);
    expect(second).toHaveLength(1);
    expect("Three four.".slice(second[0]!.start, second[0]!.end)).toBe("Three four.");
    const first = clipToSentence(spans, "“One two.", 0);
    expect("“One two.".slice(first[0]!.start, first[0]!.end)).toBe("One two.");
  });
});
