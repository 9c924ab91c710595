import { describe, expect, it } from "vitest";
import { runScript } from "../support/process";

/** Runs the real CLI as a separate process, as a tool or a person would. */
const cli = (args: string[], stdin = "") => runScript("src/transports/cli.ts", args, { stdin });

describe("cli", () => {
  it("who-said --json names Trump for 'two to tango' and cites the sentence", async () => {
    const run = await cli(["who-said", "two to tango", "--json"]);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout);
    expect(answer.matches[0]).toMatchObject({ speaker: "Donald Trump", doc: "putin-us-peace-plan", passage: "putin-us-peace-plan:5.2" });
    expect(answer.matches[0].text).toContain("it does take two to tango");
  });

  it("answers one JSON line per stdin line, in order, with --corpus", async () => {
    const lines = [
      "who-said wasting the world's time",
      "who-said a phrase that nobody ever wrote in any article",
      "source putin-us-peace-plan:3.2",
      "ask How much of Ukraine does Moscow control?",
      "position Russia --topic Donbas",
      "quotes Zelensky",
      "frobnicate now",
    ];
    const run = await cli(["--json", "--corpus", "corpus"], lines.join("\n"));
    const out = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(out).toHaveLength(lines.length);
    expect(out[0].matches[0].speaker).toBe("Andrii Sybhia");
    expect(out[1]).toEqual({ matches: [] });
    expect(out[2]).toMatchObject({ doc: "putin-us-peace-plan", passage: "putin-us-peace-plan:3.2", title: expect.stringContaining("Putin") });
    expect(out[3].results[0].passage).toBe("putin-us-peace-plan:10.2");
    expect(out[4].actor).toBe("Russia");
    expect(out[4].results.map((r: { passage: string }) => r.passage)).toContain("putin-us-peace-plan:3.1");
    expect(out[5].quotes.every((q: { speaker: string }) => q.speaker === "Volodymyr Zelensky")).toBe(true);
    expect(out[6].error).toMatch(/unknown command/);
    expect(run.code).toBe(2);
  });

  it("refuses bad input with a message on stderr and exit code 2", async () => {
    const runs = await Promise.all([
      cli(["who-said", "", "--json"]),
      cli(["ask", "x".repeat(501), "--json"]),
      cli(["frobnicate", "--json"]),
      cli(["ask", "anything", "--corpus", "no/such/folder", "--json"]),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
    }
    expect(runs[0]!.stderr).toMatch(/who-said: quote is required/);
    expect(runs[1]!.stderr).toMatch(/500 characters/);
    expect(runs[2]!.stderr).toMatch(/unknown command "frobnicate"/);
    expect(runs[3]!.stderr).toMatch(/does not exist/);
  });

  it("pages a position with --offset and --limit, counting every result, and refuses pages that make no sense", async () => {
    const lines = ["position Russia --limit 1000", "position Russia --limit 4", "position Russia --offset 4 --limit 4", "position Russia --offset 999", "position Russia --limit 0", "ask Donbas --limit 3"];
    const run = await cli(["--json"], lines.join("\n"));
    const [all, first, second, beyond, zero, unpaged] = run.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(all.total).toBeGreaterThan(8);
    expect(all.results).toHaveLength(all.total);
    expect(first).toMatchObject({ offset: 0, total: all.total });
    expect([...first.results, ...second.results]).toEqual(all.results.slice(0, 8));
    expect(beyond).toMatchObject({ offset: 999, total: all.total, results: [] });
    expect(zero.error).toBe("position: --limit takes a whole number from 1 to 1000, not \"0\"");
    expect(unpaged.error).toMatch(/^ask has no option --limit/);

    const text = await cli(["position", "Russia", "--limit", "2"]);
    expect(text.stdout).toContain(`(results 1–2 of ${all.total}: add --offset 2 for the next, or --topic to narrow them)`);
  });

  it("a valid question with no answer exits 0 with empty results", async () => {
    const run = await cli(["ask", "zzzz qqqq", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ results: [] });
  });
});
