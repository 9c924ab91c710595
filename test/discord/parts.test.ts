import { describe, expect, it } from "vitest";
import type { WhoSaidAnswer } from "../../src/answers/types";
import { Pager } from "../../src/transports/discord/paging";
import { Cooldown } from "../../src/transports/discord/preconditions";
import { quoteCandidates, whoSaidInMessage } from "../../src/transports/discord/who-said-this";

describe("quoteCandidates", () => {
  it("tries the whole text, then quoted spans, then sentences", () => {
    expect(quoteCandidates('> Trump said “it does take two to tango.” Funny. And "no compromise" too')).toEqual([
      'Trump said “it does take two to tango.” Funny. And "no compromise" too',
      "it does take two to tango.",
      "no compromise",
      "Trump said “it does take two to tango.”",
      "Funny.",
      'And "no compromise" too',
    ]);
    expect(quoteCandidates("  **  ")).toEqual([]);
    expect(quoteCandidates(`${"word ".repeat(120)}. “short quote”`)).toEqual(["short quote", "“short quote”"]);
  });

  it("takes the first exact match, else the closest", () => {
    const answer = (query: string, score?: number, misquoted = true): WhoSaidAnswer => ({
      kind: "who-said",
      query,
      matches: score === undefined ? [] : [{ score, misquoted } as WhoSaidAnswer["matches"][number]],
    });
    const scores: Record<string, WhoSaidAnswer> = { a: answer("a"), b: answer("b", 0.6), c: answer("c", 0.9), d: answer("d", 0.7, false) };
    const lookUp = (quote: string) => scores[quote] ?? answer(quote);
    expect(whoSaidInMessage("“b” “c” “d”", lookUp)?.query).toBe("d");
    expect(whoSaidInMessage("“b” “c”", lookUp)?.query).toBe("c");
    expect(whoSaidInMessage("nothing here", lookUp)?.query).toBe("nothing here");
    expect(whoSaidInMessage("", lookUp)).toBeNull();
  });
});

describe("Pager", () => {
  it("carries short input in the custom id, so it survives a restart", () => {
    const id = new Pager().encode("quotes", { speaker: "Putin" }, 5);
    expect(id).toBe('more:quotes:5:={"speaker":"Putin"}');
    expect(new Pager().decode(id)).toEqual({ command: "quotes", input: { speaker: "Putin" }, offset: 5 });
  });

  it("keeps long input in memory, and says when it has expired", () => {
    const pager = new Pager(1);
    const long = pager.encode("ask", { question: "why ".repeat(100) }, 5);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(pager.decode(long)).toEqual({ command: "ask", input: { question: "why ".repeat(100) }, offset: 5 });
    pager.encode("ask", { question: "how ".repeat(100) }, 5);
    expect(pager.decode(long)).toBe("expired");
    expect(pager.decode("something-else")).toBeNull();
  });
});

describe("Cooldown", () => {
  it("allows 5 commands per user in any 10 seconds", () => {
    const cooldown = new Cooldown();
    for (let i = 0; i < 5; i++) expect(cooldown.check("u", 1_000 * i)).toBeNull();
    expect(cooldown.check("u", 5_000)).toBe("Easy there: you can run 5 commands every 10 seconds. Try again in 5 seconds.");
    expect(cooldown.check("someone else", 5_000)).toBeNull();
    expect(cooldown.check("u", 10_000)).toBeNull();
  });
});
