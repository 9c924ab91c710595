import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/attribution/analyze";
import type { Article } from "../../src/corpus/article";
import { toPassages } from "../../src/passages/passages";
import { analyze, speakerOf } from "./helpers";

describe("analyzeArticle", () => {
  it("numbers quotes per sentence and gives offsets into the sentence", () => {
    const analysis = analyze(`Johnson said he was "very, very happy" with the result and would "keep fighting".`);
    expect(analysis.quotes.map((q) => q.id)).toEqual(["test-article:1.1#1", "test-article:1.1#2"]);
    const [first] = analysis.quotes;
    expect(first).toMatchObject({ doc: "test-article", passage: "test-article:1.1", text: "very, very happy", speaker: "Johnson" });
    expect(`Johnson said he was "very, very happy" with the result and would "keep fighting".`.slice(first!.start, first!.end)).toBe("very, very happy");
  });

  it("skips names and titles in quotation marks", () => {
    const analysis = analyze(`The Syrian refugee team listed their country as "Hope" on their shirts and named their robot "Robogee."`, `The ship, named "Hope of the Seas", sailed.`);
    expect(analysis.quotes).toEqual([]);
  });

  it("keeps short reported fragments that have a speaker", () => {
    const analysis = analyze(`Yuri Ushakov, the adviser, characterized the talks as producing “no compromise” on the war.`);
    expect(speakerOf(analysis, "no compromise")).toBe("Yuri Ushakov");
  });

  it("keeps a short quote that opens its sentence", () => {
    const analysis = analyze(`"We are shocked," the family said in a statement.`);
    expect(speakerOf(analysis, "We are shocked")).toBe("family");
  });

  it("keeps the article's hedge on an attribution", () => {
    const analysis = analyze(`According to an English transcript, French President Emmanuel Macron reportedly cautioned that “the US will betray Ukraine.”`);
    expect(analysis.quotes[0]).toMatchObject({ speaker: "Emmanuel Macron", hedge: "reportedly, according to an English transcript" });
  });

  it("lists actors with their title, party and aliases", () => {
    const analysis = analyze(`Finnish President Alexander Stubb reportedly emphasized that “we must not leave.”`, `Stubb declined to comment.`);
    expect(analysis.actors.find((a) => a.name === "Alexander Stubb")).toMatchObject({ kind: "person", title: "President", party: "Finland" });
    expect(analysis.actors.find((a) => a.name === "Alexander Stubb")!.aliases).toContain("Stubb");
  });

  it("reads a quote whose paragraph leaves its mark open", () => {
    const analysis = analyze(`“The first part runs on. It keeps going.`, `“And it ends here,” the minister said.`);
    expect(analysis.quotes.map((q) => q.text)).toEqual(["The first part runs on.", "It keeps going.", "And it ends here"]);
  });
});

describe("analyzeArticle on arbitrary text", () => {
  const pieces = ["said", "told reporters", "he", "she", "the minister", "President Jane Roe", "Smith", ",", ".", ":", "“", "”", '"', "‘", "’", "can’t", "leaders’", "according to", "the", "Ukraine's", "ambassador", "and", "(", ")", "—", "it added", "named", "as"];
  const sentence = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 25 }).map((words) => words.join(" "));
  const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((sentences) => sentences.join(" "));

  it("never throws and keeps every quote verbatim at its offsets", () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const article: Article = { id: "random", title: "Random", paragraphs };
        const passages = toPassages(article);
        const analysis = analyzeArticle(article, passages);
        for (const quote of analysis.quotes) {
          const passage = passages.find((p) => p.id === quote.passage)!;
          expect(passage.text.slice(quote.start, quote.end)).toBe(quote.text);
          expect(quote.speaker === null || analysis.actors.some((a) => a.name === quote.speaker)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
