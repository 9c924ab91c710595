import { describe, expect, it } from "vitest";
import { passageLookups } from "../../src/answers/library";
import { toPassages } from "../../src/passages/passages";

const articles = [
  { id: "alpha", title: "A", paragraphs: ["One. Two. Three.", "Four.", "Five. Six.", "7.", "8.", "9.", "10.", "11.", "12.", "13. 14."] },
  { id: "beta-2", title: "B", paragraphs: ["Only one."] },
];
const passages = articles.flatMap((article) => toPassages(article));
const docRanges = new Map<string, [number, number]>();
passages.forEach((passage, at) => {
  const range = docRanges.get(passage.doc);
  if (range) range[1] = at + 1;
  else docRanges.set(passage.doc, [at, at + 1]);
});

describe("passageLookups", () => {
  it("finds every passage and its position by citation id, and nothing else", () => {
    const { passageById, passageOrder } = passageLookups(passages, docRanges);
    passages.forEach((passage, at) => {
      expect(passageById.get(passage.id)).toBe(passage);
      expect(passageOrder.get(passage.id)).toBe(at);
    });
    for (const id of ["alpha:01.1", "alpha:1.4", "alpha:11.1", "alpha", "gamma:1.1", "beta-2:1.1 ", "alpha:1.1.1", ":1.1", ""]) {
      expect(passageById.get(id)).toBeUndefined();
      expect(passageOrder.has(id)).toBe(false);
    }
    expect(passageById.size).toBe(passages.length);
    expect([...passageOrder.keys()]).toEqual(passages.map((passage) => passage.id));
  });

  it("falls back to plain maps for article ids with a colon", () => {
    const odd = toPassages({ id: "a:b", title: "X", paragraphs: ["One. Two."] });
    const { passageById } = passageLookups(odd, new Map([["a:b", [0, odd.length] as [number, number]]]));
    expect(passageById.get("a:b:1.2")).toBe(odd[1]);
  });
});
