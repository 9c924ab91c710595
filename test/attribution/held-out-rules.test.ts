import { describe, expect, it } from "vitest";
import { analyze, speakerOf } from "./helpers";

/** The general rules the held-out articles called for, on made-up sentences. */
describe("speaker resolution learned from held-out articles", () => {
  it("takes the author of a post or statement named after 'by' or 'from'", () => {
    const analysis = analyze(
      `Activist Omar Haddad wrote on several forums.`,
      `One post by him read, "We will never stop."`,
      `A statement from the Green Future Foundation was posted online. It said "We mourn a friend."`,
    );
    expect(speakerOf(analysis, "never stop")).toBe("Omar Haddad");
    expect(speakerOf(analysis, "mourn a friend")).toBe("Green Future Foundation");
  });

  it("takes a full name before an apposition or a relative clause that lacks its comma", () => {
    const analysis = analyze(
      `Lena Fischer, consultant to the regional government on energy said in an interview, "Prices will fall."`,
      `Tom Ashby, who tracks shipping data for a bank said, "Traffic is down."`,
    );
    expect(speakerOf(analysis, "Prices will fall")).toBe("Lena Fischer");
    expect(speakerOf(analysis, "Traffic is down")).toBe("Tom Ashby");
  });

  it("lets the speech verb nearest the quote govern it", () => {
    const analysis = analyze(`Mr. Reed spoke at length. He said, the party changed, and when Mrs. Lowe was asked her view, she said "a new party".`);
    expect(speakerOf(analysis, "a new party")).toBe("Lowe");
  });

  it("names someone new after 'a second' in the role of the unnamed speaker before", () => {
    const analysis = analyze(`"It was chaos," one attendee said. A second said police "were everywhere".`);
    expect(speakerOf(analysis, "It was chaos")).toBe("one attendee");
    expect(speakerOf(analysis, "were everywhere")).toBe("A second attendee");
  });

  it("gives 'he' the agent of a passive speech verb in the sentence before", () => {
    const analysis = analyze(`The raid was condemned by Karim Nassar, a member of parliament. "It was a crime," he said.`);
    expect(speakerOf(analysis, "It was a crime")).toBe("Karim Nassar");
  });

  it("takes a long subject after the quote when its verb ends the sentence", () => {
    const analysis = analyze(`"We need more shelters", State Secretary for Housing and Local Communities and Green Party politician Ana Pires said.`);
    expect(speakerOf(analysis, "more shelters")).toBe("Ana Pires");
  });

  it("reads 'per the statement' as the statement just made", () => {
    const analysis = analyze(`Her agent Paul Mercer stated on behalf of the family that she had died.`, `Per the statement, she died "peacefully, at home."`);
    expect(speakerOf(analysis, "peacefully")).toBe("Paul Mercer");
  });

  it("does not take a name or a defined term in quotes for speech", () => {
    const analysis = analyze(`Spokesperson of the "Haven" Marc Dubois said, "We are full."`, `"Friends" is another name for the Quakers.`);
    expect(speakerOf(analysis, "Haven")).toBeUndefined();
    expect(speakerOf(analysis, "Friends")).toBeUndefined();
    expect(speakerOf(analysis, "We are full")).toBe("Marc Dubois");
  });

  it("keeps he and she apart once a title or an earlier pronoun tells a person's gender", () => {
    const titled = analyze(`Mrs. Maria Lopez met Mr. John Park on Friday. "It was productive," he said.`);
    expect(speakerOf(titled, "productive")).toBe("John Park");
    const learned = analyze(`Maria Lopez met John Park on Friday. "It was productive," she said. Park disagreed. "It was not," he said.`);
    expect(speakerOf(learned, "productive")).toBe("Maria Lopez");
    expect(speakerOf(learned, "It was not")).toBe("John Park");
  });

  it("gives the words to the one quoted, and a statement to whoever issued it", () => {
    const analysis = analyze(
      `Senator Joan Reyes spoke on Monday. The BBC quoted her as saying "it is a mistake".`,
      `The Interior Ministry closed the border. "Nothing was found," according to a statement from the ministry.`,
    );
    expect(speakerOf(analysis, "a mistake")).toBe("Joan Reyes");
    expect(speakerOf(analysis, "Nothing was found")).toBe("Interior Ministry");
  });

  it("leaves a question put to someone unattributed, and gives the answer to who answered", () => {
    const analysis = analyze(
      `When asked "Will you run again?", Mayor Tom Hale replied "Maybe."`,
      `Wikinews asked "Why now?" and Mayor Tom Hale answered "Because it is time."`,
      `"We did nothing wrong," said lawyers for the company.`,
    );
    expect(speakerOf(analysis, "run again")).toBeNull();
    expect(speakerOf(analysis, "Maybe")).toBe("Tom Hale");
    expect(speakerOf(analysis, "Why now")).toBe("Wikinews");
    expect(speakerOf(analysis, "it is time")).toBe("Tom Hale");
    expect(speakerOf(analysis, "nothing wrong")).toBe("lawyers for the company");
  });

  it("reads a part of a group as a role: 'One of the children said'", () => {
    const analysis = analyze(`One of the children said, "I still have nightmares."`);
    expect(speakerOf(analysis, "nightmares")).toBe("One of the children");
  });
});
