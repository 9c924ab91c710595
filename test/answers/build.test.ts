import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../scripts/bench/generate";
import { Engine, type EngineParts } from "../../src/answers/engine";
import { loadCorpus } from "../../src/corpus/load";

/** Every part as plain JSON, typed arrays included, to compare two engines bit for bit. */
function plain(parts: EngineParts): string {
  const { articles, passages, quotes, actors, passageIndex, quoteIndex, mentions, stance, partyMentions } = parts;
  const value = { ids: articles.map((a) => a.id), passages, quotes, actors, passageIndex: passageIndex.toData(), quoteIndex: quoteIndex.toData(), mentions: mentions.toData(), stance, partyMentions };
  return JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint32Array) : v));
}

describe("Engine.build", () => {
  it("builds on worker threads the same engine as on one thread", async () => {
    // Real articles among generated ones, given out of id order: workers read consecutive runs.
    const real = [...(await loadCorpus("corpus")).articles, ...(await loadCorpus("test/fixtures/wikinews")).articles];
    const articles = [...generateCorpus(230).articles, ...real].reverse();
    const threaded = await Engine.build(articles, { threads: 2 });
    const single = Engine.fromArticles(articles);
    expect(plain(threaded.parts())).toEqual(plain(single.parts()));
    expect(threaded.whoSaid("it does take two to tango").matches[0]?.speaker?.name).toBe("Donald Trump");
  }, 120_000);

  it("finds each known party's mentions once, as a question would find them", async () => {
    const real = [...(await loadCorpus("corpus")).articles, ...(await loadCorpus("test/fixtures/wikinews")).articles];
    const built = Engine.fromArticles([...generateCorpus(120).articles, ...real]);
    const parts = built.parts();
    const parties = parts.partyMentions!.keys.map((key) => key.replace(/^party:/, ""));
    expect(parties).toEqual(expect.arrayContaining(["Russia", "United States", "Ukraine", "Europe"]));
    // The same parts without the parties' mentions: every question finds them itself.
    const unfound = Engine.fromParts({ ...parts, partyMentions: { keys: [], offsets: Uint32Array.of(0), positions: new Uint32Array(0) } });
    const everything = { offset: 0, limit: Number.MAX_SAFE_INTEGER };
    for (const party of parties) expect(built.position(party, undefined, everything), party).toEqual(unfound.position(party, undefined, everything));
    // Asked without a page, a party named this often answers with the first 25 and the count of all.
    const russia = built.position("Russia");
    expect(russia.total).toBeGreaterThan(25);
    expect(russia.results).toEqual(built.position("Russia", undefined, everything).results.slice(0, 25));
  }, 60_000);
});
