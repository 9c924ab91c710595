import { describe, expect, it } from "vitest";
import { blocOf, isSeatOfGovernment, partyTerms, resolveParty } from "../../src/attribution/lexicon";

describe("resolveParty", () => {
  it.each([
    ["Moscow", "Russia"],
    ["the Kremlin", "Russia"],
    ["Russian", "Russia"],
    ["Russia’s", "Russia"],
    ["Russia's", "Russia"],
    ["the US", "United States"],
    ["U.S.", "United States"],
    ["Washington", "United States"],
    ["American", "United States"],
    ["White House", "United States"],
    ["Élysée", "France"],
    ["the Elysee", "France"],
    ["European", "Europe"],
    ["Europe", "Europe"],
    ["European leaders", "Europe"],
    ["EU", "Europe"],
    ["Britain", "United Kingdom"],
    ["British", "United Kingdom"],
    ["UK", "United Kingdom"],
    ["North Korean", "North Korea"],
    ["Pyongyang", "North Korea"],
    ["South Korea's", "South Korea"],
    ["Seoul", "South Korea"],
    ["Downing Street", "United Kingdom"],
    ["Afghan", "Afghanistan"],
    ["ukrainian", "Ukraine"],
  ])("%s -> %s", (term, party) => {
    expect(resolveParty(term)).toBe(party);
  });

  it("returns null for words that are not parties", () => {
    expect(resolveParty("ambassador")).toBeNull();
    expect(resolveParty("Putin")).toBeNull();
    expect(resolveParty("")).toBeNull();
  });
});

describe("partyTerms", () => {
  it("lists the name, demonym, capital and seat of a party", () => {
    expect(partyTerms("Russia")).toEqual(expect.arrayContaining(["Russia", "Russian", "Moscow", "Kremlin"]));
    expect(partyTerms("United States")).toEqual(expect.arrayContaining(["US", "U.S.", "American", "Washington", "White House"]));
  });

  it("accepts any term of the party and returns nothing for an unknown one", () => {
    expect(partyTerms("Kremlin")).toContain("Russia");
    expect(partyTerms("Atlantis")).toEqual([]);
  });

  it("covers the world's most newsworthy countries", () => {
    const countries = ["China", "India", "Brazil", "Nigeria", "Iran", "Israel", "Turkey", "Japan", "Mexico", "Saudi Arabia", "Pakistan", "Egypt"];
    for (const country of countries) expect(partyTerms(country).length).toBeGreaterThanOrEqual(3);
  });
});

describe("blocOf", () => {
  it("gives the continent or bloc of a country", () => {
    expect(blocOf("France")).toBe("Europe");
    expect(blocOf("Japan")).toBe("Asia");
    expect(blocOf("Moscow")).toBe("Eastern Europe");
    expect(blocOf("Europe")).toBeNull();
    expect(blocOf("Atlantis")).toBeNull();
  });
});

describe("isSeatOfGovernment", () => {
  it("tells seats from countries and peoples", () => {
    expect(isSeatOfGovernment("the Kremlin")).toBe(true);
    expect(isSeatOfGovernment("White House")).toBe(true);
    expect(isSeatOfGovernment("Russian")).toBe(false);
  });
});
