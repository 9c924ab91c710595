import { describe, expect, it } from "vitest";
import { analyze, speakerOf } from "./helpers";

describe("speaker resolution", () => {
  it("takes a speaker named after the quote, in either order", () => {
    const analysis = analyze(
      `"We will not back down," said Maria Gonzalez, the mayor of Springfield.`,
      `"It is a dark day," Gonzalez told reporters on Tuesday.`,
      `"We've lost everything," said 45-year-old farmer Ali Hassan.`,
    );
    expect(speakerOf(analysis, "back down")).toBe("Maria Gonzalez");
    expect(speakerOf(analysis, "dark day")).toBe("Maria Gonzalez");
    expect(speakerOf(analysis, "lost everything")).toBe("Ali Hassan");
  });

  it("takes the subject of a speech verb before the quote, past appositions and adjuncts", () => {
    const analysis = analyze(
      `Chinese Foreign Ministry spokesperson Wang Lei said on Monday that the sanctions were "illegitimate".`,
      `Smith, who has led the party since 2019, said: "I will stand again."`,
      `German Chancellor Olaf Scholz on Sunday warned that Europe "cannot afford to wait".`,
    );
    expect(speakerOf(analysis, "illegitimate")).toBe("Wang Lei");
    expect(speakerOf(analysis, "stand again")).toBe("Smith");
    expect(speakerOf(analysis, "afford to wait")).toBe("Olaf Scholz");
  });

  it("gives a verb nested in reported speech to the outer speaker", () => {
    const analysis = analyze(`Rex Tillerson, the nominee, spoke. He said Russia had claimed Crimea "as an act of force".`);
    expect(speakerOf(analysis, "act of force")).toBe("Rex Tillerson");
  });

  it("resolves pronouns to the person last in subject position or last quoted", () => {
    const analysis = analyze(`Prime Minister Jane Doe faced calls to resign on Wednesday. "I'm not going anywhere," she said.`);
    expect(speakerOf(analysis, "going anywhere")).toBe("Jane Doe");
  });

  it("resolves a role noun to the earlier actor with that title and party", () => {
    const analysis = analyze(`Russian President Vladimir Putin met envoys.`, `"We will win," the Russian leader asserted.`);
    expect(speakerOf(analysis, "We will win")).toBe("Vladimir Putin");
    expect(analysis.quotes[0]!.method).toBe("role");
  });

  it("keeps unnamed speakers as their role", () => {
    const analysis = analyze(
      `"This is unacceptable," a senior US official told Reuters.`,
      `"We have done nothing wrong," the company said in a statement.`,
      `According to police, the suspect "acted alone and showed no remorse".`,
    );
    expect(speakerOf(analysis, "unacceptable")).toBe("a senior US official");
    expect(speakerOf(analysis, "nothing wrong")).toBe("company");
    expect(speakerOf(analysis, "acted alone")).toBe("police");
  });

  it("lets institutions and seats of government speak", () => {
    const analysis = analyze(`The White House said the decision was "final and not open to negotiation".`, `The Kremlin later said it was "disappointed".`);
    expect(speakerOf(analysis, "final")).toBe("White House");
    expect(speakerOf(analysis, "disappointed")).toBe("Kremlin");
  });

  it("continues the previous speaker for a quote with no attribution of its own", () => {
    const analysis = analyze(`"The sanctions will stay," U.S. Secretary of State Antony Blinken said. "Nothing has changed."`, `"We will keep talking."`);
    expect(speakerOf(analysis, "Nothing has changed")).toBe("Antony Blinken");
    expect(speakerOf(analysis, "keep talking")).toBe("Antony Blinken");
  });

  it("gives the words a colon announces to the subject before the colon", () => {
    const analysis = analyze(`The opposition leader, Peter Brown, put it bluntly:`, `"This government has failed."`);
    expect(speakerOf(analysis, "has failed")).toBe("Peter Brown");
  });

  it("never invents a speaker", () => {
    const analysis = analyze(`The talks ended.`, `"We are ready for anything," one of them said, while nobody else spoke.`, `The sign read "No entry for anyone at all".`);
    expect(speakerOf(analysis, "No entry")).toBeNull();
  });

  it("does not continue past a speech verb whose subject it cannot resolve", () => {
    const analysis = analyze(`"We will win," said Jane Roe.`, `"Let them try," the crowd chanted.`);
    expect(speakerOf(analysis, "Let them try")).not.toBe("Jane Roe");
  });
});

describe("speaker resolution on common news patterns", () => {
  it.each([
    [`UN Secretary-General António Guterres called the attack "a flagrant violation of international law".`, "flagrant", "António Guterres"],
    [`The senator was quoted as saying "this bill is dead".`, "bill is dead", "senator"],
    [`Pope Francis urged leaders to "choose peace over war".`, "choose peace", "Pope Francis"],
    [`"We are not going to give up," said Prince Harry.`, "give up", "Prince Harry"],
    [`Police Chief Ana Ruiz said officers had acted "professionally and within the law".`, "professionally", "Ana Ruiz"],
    [`"Everything is destroyed," a woman told AFP.`, "destroyed", "a woman"],
    [`"I didn't do it," the suspect, 24, told the court.`, "didn't do it", "suspect"],
    [`Her lawyer, David Kim, said the charges were "baseless".`, "baseless", "David Kim"],
    [`"It was terrifying," recalled Sarah Lee, 32.`, "terrifying", "Sarah Lee"],
    [`"We're watching closely," said a spokesperson for the European Commission.`, "watching closely", "a spokesperson for the European Commission"],
  ])("%s", (text, fragment, speaker) => {
    expect(speakerOf(analyze(text), fragment)).toBe(speaker);
  });

  it("resolves a role noun to the titled person named just before", () => {
    const analysis = analyze(`Police Chief Ana Ruiz spoke first. The chief added that an inquiry was "under way".`);
    expect(speakerOf(analysis, "under way")).toBe("Ana Ruiz");
  });

  it("gives each of two speakers in one sentence their own words", () => {
    const analysis = analyze(`The prosecutor said Smith had been "reckless and negligent", while defence lawyer Mark Chen argued his client was "a scapegoat".`);
    expect(speakerOf(analysis, "reckless")).toBe("prosecutor");
    expect(speakerOf(analysis, "scapegoat")).toBe("Mark Chen");
  });
});

describe("attribution in held-out synthetic paragraphs", () => {
  it("keeps all-purpose institution nouns to institutions of their paragraph", () => {
    const analysis = analyze(`The White House said the decision was "final".`, `Shares fell sharply.`, `"We have done nothing wrong," the company said in a statement.`);
    expect(speakerOf(analysis, "nothing wrong")).toBe("company");
  });

  it("does not take a clause after the quote for an attribution", () => {
    const analysis = analyze(`It was then that he received the nickname "Chemical Ali", for the attack in which he ordered weapons to be used.`);
    expect(analysis.quotes).toEqual([]);
  });
});
