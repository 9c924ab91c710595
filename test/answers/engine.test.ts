import { beforeAll, describe, expect, it } from "vitest";
import { type Engine, loadEngine } from "../../src/answers/engine";

let engine: Engine;
beforeAll(async () => {
  ({ engine } = await loadEngine("corpus"));
});

describe("Engine.whoSaid", () => {
  it("answers with the article's exact words, the speaker and the citation", () => {
    const [match] = engine.whoSaid("two to tango").matches;
    expect(match?.speaker?.name).toBe("Donald Trump");
    expect(match?.quote.text).toBe("it does take two to tango.");
    expect(match?.passage.citation).toBe("putin-us-peace-plan:5.2");
    expect(match?.misquoted).toBe(false);
  });

  it("is tolerant to straight marks, case and typos", () => {
    for (const asked of ["wasting the world's time", "WASTING THE WORLD’S TIME", "wasting the wrold's tmie"]) {
      expect(engine.whoSaid(asked).matches[0]?.speaker?.name, asked).toBe("Andrii Sybhia");
    }
  });

  it("marks what differs when the words asked about are a misquote", () => {
    const [match] = engine.whoSaid("it takes two to tango").matches;
    expect(match?.speaker?.name).toBe("Donald Trump");
    expect(match?.misquoted).toBe(true);
    expect(match?.segments.filter((s) => s.differs).map((s) => s.text)).toEqual(["does"]);
    expect(match?.segments.map((s) => s.text).join("")).toBe(match?.quote.text);
  });

  it("names nobody for words the corpus does not contain", () => {
    expect(engine.whoSaid("we will build a wall on the border").matches).toEqual([]);
    expect(engine.whoSaid("Putin stated").matches).toEqual([]);
  });
});

describe("Engine.ask", () => {
  it("marks the best sentence and cites every result", () => {
    const answer = engine.ask("How much of Ukraine does Moscow control?");
    expect(answer.results[0]).toMatchObject({ best: true, passage: { citation: "putin-us-peace-plan:10.2" } });
    expect(answer.results.slice(1).every((result) => !result.best)).toBe(true);
  });

  it("finds Élysée when typed without accents", () => {
    expect(engine.ask("Elysee").results[0]?.passage.citation).toBe("putin-us-peace-plan:9.1");
  });

  it("returns nothing rather than a guess when no word matches", () => {
    expect(engine.ask("zzzz qqqq").results).toEqual([]);
  });
});

describe("Engine.position", () => {
  it("resolves a party through its capital and seat of government, and names its members", () => {
    for (const asked of ["Russia", "Moscow", "the Kremlin"]) {
      const answer = engine.position(asked);
      expect(answer.resolved?.name, asked).toBe("Russia");
      expect(answer.members).toContain("Vladimir Putin");
    }
  });

  it("keeps to the topic when one is given", () => {
    const answer = engine.position("Zelensky", "security guarantees");
    expect(answer.results.map((result) => result.passage.citation)).toContain("putin-us-peace-plan:6.3");
    expect(answer.results.every((result) => /secur/i.test(result.passage.text))).toBe(true);
  });

  it("answers one page at a time, with the count of every result, with and without a topic", () => {
    for (const topic of [undefined, "Ukraine"]) {
      const all = engine.position("Russia", topic, { offset: 0, limit: 1000 });
      expect(all.total).toBe(all.results.length);
      expect(all.total).toBeGreaterThan(6);
      const pages = [0, 2, 4, 6, 8, 10].map((offset) => engine.position("Russia", topic, { offset, limit: 2 }));
      expect(pages.flatMap((page) => page.results)).toEqual(all.results);
      expect(pages.map((page) => [page.offset, page.total])).toEqual([0, 2, 4, 6, 8, 10].map((offset) => [offset, all.total]));
      // Asked again, the remembered results answer the same.
      expect(engine.position("Russia", topic, { offset: 0, limit: 1000 })).toEqual(all);
    }
    expect(engine.position("Russia").results).toEqual(engine.position("Russia", undefined, { offset: 0, limit: 1000 }).results.slice(0, 25));
  });

  it("says it does not know an actor the corpus never names", () => {
    expect(engine.position("Angela Merkel").resolved).toBeNull();
  });
});

describe("Engine.quotes", () => {
  it("groups every quote by speaker, and filters by any alias", () => {
    const all = engine.quotes();
    expect(all.groups.map((group) => group.speaker?.name)).toContain("Vladimir Putin");
    const putin = engine.quotes("President Putin");
    expect(putin.groups.map((group) => group.speaker?.name)).toEqual(["Vladimir Putin"]);
    expect(putin.groups[0]!.quotes.map((q) => q.passage.citation)).toEqual(["putin-us-peace-plan:2.2", "putin-us-peace-plan:3.3"]);
  });
});

describe("Engine.source", () => {
  it("shows the passage with the rest of its paragraph", () => {
    const answer = engine.source("putin-us-peace-plan:3.2");
    expect(answer.passage?.text).toBe("Russian forces currently administer approximately 85% of this eastern territory.");
    expect(answer.before.map((p) => p.citation)).toEqual(["putin-us-peace-plan:3.1"]);
    expect(answer.after.map((p) => p.citation)).toEqual(["putin-us-peace-plan:3.3"]);
  });

  it("suggests close ids for one that does not exist", () => {
    const answer = engine.source("putin-us-peace-plan:3.9");
    expect(answer.passage).toBeNull();
    expect(answer.suggestions[0]).toMatch(/^putin-us-peace-plan:3\./);
  });
});

describe("Engine.complete", () => {
  it("completes actors, speakers and citation ids within Discord's limits", () => {
    expect(engine.complete("actors", "pu")).toContain("Vladimir Putin");
    expect(engine.complete("actors", "rus")).toContain("Russia");
    expect(engine.complete("speakers", "")).toContain("Donald Trump");
    expect(engine.complete("citations", "putin-us-peace-plan:1")).toContain("putin-us-peace-plan:1.2");
    expect(engine.complete("citations", "tango")).toEqual(["putin-us-peace-plan:5.2"]);
    expect(engine.complete("citations", "", 25)).toHaveLength(25);
  });
});

describe("Engine.stats", () => {
  it("counts articles, passages, quotes and speakers", () => {
    // The seed's 14 direct quotes (test/eval/gold/who-said.json) by 10 speakers.
    expect(engine.stats()).toEqual({ articles: 1, passages: 25, quotes: 14, speakers: 10 });
  });
});
