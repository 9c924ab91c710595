import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, type EvaluationReport } from "./evaluate";

/** Floors on the evaluation figures: a regression in any command fails CI. */
describe("evaluation", () => {
  let report: EvaluationReport;
  beforeAll(async () => {
    report = await evaluate();
  });

  it("who-said names the right speaker and sentence for every gold quote", () => {
    expect(report.whoSaid.failures).toEqual([]);
  });

  it("who-said tolerates a typo, case, straight marks and missing punctuation", () => {
    expect(report.whoSaidTypos.failures).toEqual([]);
    expect(report.whoSaidVariants.failures).toEqual([]);
  });

  it("who-said never names a speaker for words the corpus does not contain", () => {
    expect(report.absent.failures).toEqual([]);
  });

  it("ask puts a right passage on top for at least 9 questions in 10", () => {
    expect(report.ask.right / report.ask.total).toBeGreaterThanOrEqual(0.9);
  });

  it("position resolves every actor and finds the gold passages", () => {
    expect(report.position.failures).toEqual([]);
  });
});
