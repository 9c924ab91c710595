import { describe, expect, it } from "vitest";
import { ActorRegistry } from "../../src/attribution/actors";
import { readNameRuns } from "../../src/attribution/names";
import { findQuoteSpans } from "../../src/attribution/quotes";
import { tokenize } from "../../src/attribution/tokens";

function runs(text: string) {
  return readNameRuns(tokenize(text, findQuoteSpans(text)), text);
}

function registryOf(...sentences: string[]): ActorRegistry {
  const registry = new ActorRegistry();
  for (const sentence of sentences) for (const run of runs(sentence)) registry.register(run);
  registry.inheritPossessorParties();
  return registry;
}

describe("ActorRegistry", () => {
  it("merges every form of a person into one actor under the fullest name", () => {
    const registry = registryOf("Russian President Vladimir Putin spoke.", "President Putin stated it.", "Putin said it.");
    const people = registry.actors.filter((a) => a.kind === "person");
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ name: "Vladimir Putin", title: "President", party: "Russia" });
    expect(people[0]!.aliases).toEqual(expect.arrayContaining(["Vladimir Putin", "President Putin"]));
  });

  it("keeps two people who share a surname apart", () => {
    const registry = registryOf("Abdelbaset al-Megrahi has denied it.", "His brother Mohammed al-Megrahi claimed it.");
    expect(registry.actors.map((a) => a.name)).toEqual(["Abdelbaset al-Megrahi", "Mohammed al-Megrahi"]);
  });

  it("gives a person whose title hangs on another the other's party", () => {
    const registry = registryOf("Russian President Vladimir Putin spoke.", "Yuri Ushakov, Putin’s senior foreign policy adviser, said it.");
    expect(registry.findPerson("Ushakov")).toMatchObject({ name: "Yuri Ushakov", party: "Russia" });
  });
});
