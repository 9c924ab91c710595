import { describe, expect, it } from "vitest";
import { readNameRuns } from "../../src/attribution/names";
import { findQuoteSpans } from "../../src/attribution/quotes";
import { tokenize } from "../../src/attribution/tokens";

function runs(text: string) {
  return readNameRuns(tokenize(text, findQuoteSpans(text)), text);
}

describe("readNameRuns", () => {
  it("reads a title and a demonym before a name", () => {
    expect(runs("German Chancellor Friedrich Merz warned them.")[0]).toMatchObject({ name: "Friedrich Merz", title: "Chancellor", party: "Germany", personSignal: true });
    expect(runs("Major general Fuad Basya said so.")[0]).toMatchObject({ name: "Fuad Basya", title: "Major general" });
  });

  it("keeps a title's complement out of the party", () => {
    const [run] = runs("According to Afghan Ambassador to the United States Hamdullah Mohib, it worked.");
    expect(run).toMatchObject({ name: "Hamdullah Mohib", title: "Ambassador to the United States", party: "Afghanistan" });
  });

  it("reads a role in apposition, before or after the name", () => {
    expect(runs("Jeff Rathke, the State Department Spokesperson, said it.")[0]).toMatchObject({ name: "Jeff Rathke", title: "State Department Spokesperson", party: "United States" });
    expect(runs("Malaysia's Prime Minister, Najib Razak said it.").find((r) => r.name === "Najib Razak")).toMatchObject({ title: "Prime Minister", party: "Malaysia" });
  });

  it("reads institutions with their acronym and seats of government as institutions", () => {
    expect(runs("It quoted the Korean Central News Agency (KCNA) today.")[0]).toMatchObject({ kind: "organization", name: "Korean Central News Agency", acronym: "KCNA" });
    expect(runs("The Kremlin said no.")[0]).toMatchObject({ kind: "organization", name: "Kremlin", party: "Russia" });
    expect(runs("Moscow said no.")[0]).toMatchObject({ kind: "party", name: "Russia" });
  });

  it("does not take a capitalized word that opens a sentence for a name", () => {
    expect(runs("Meanwhile the talks went on.")).toEqual([]);
  });

  it("marks a name next to a speech verb as a person, and a bare capitalized name as unknown", () => {
    expect(runs(`"No," said Aaron David Miller of the institute.`)[0]).toMatchObject({ name: "Aaron David Miller", personSignal: true });
    expect(runs("The book was written by Jane Roe.")[0]).toMatchObject({ name: "Jane Roe", personSignal: false });
  });
});
