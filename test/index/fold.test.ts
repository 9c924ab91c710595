import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText } from "../../src/index/normalize";

/** The plain definition of folding; the fast path in foldText must give the same text. */
function reference(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

describe("foldText", () => {
  it("folds as decomposing everything would, whatever the characters", () => {
    const tricky = fc.constantFrom("‘", "’", "“", "”", "″", "´", "`", "—", "‑", "é", "\u0301", "ﬁ", "½", "İ", "\u00a0", "\u2009", "℡", "Ω", "𝔘", " ", "a", "Z");
    const text = fc.array(fc.oneof(tricky, fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (value) => {
        expect(foldText(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps the familiar folds", () => {
    expect(foldText("Élysée “Palace” — Moscow’s\u00a0talks")).toBe('elysee "palace" - moscow\'s talks');
  });
});
