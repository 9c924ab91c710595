import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Each run starts tsx in a fresh process: seconds apiece on a busy machine, hence the long timeouts.
import { scratchCorpus, SEED_ARTICLE } from "../support/corpus-folder";
import { runScript } from "../support/process";
import { fixture, type NewsSite, startNewsSite } from "./news-site";

let root: string;
let dir: string;
let site: NewsSite;
beforeAll(async () => {
  ({ root, dir } = await scratchCorpus("cli", [SEED_ARTICLE]));
  site = await startNewsSite(fixture("2007-11-28-annapolis-joint-understanding"), 1024 * 1024);
});
afterAll(async () => {
  await site.close();
  await rm(root, { recursive: true, force: true });
});

const corpus = (args: string[], env: NodeJS.ProcessEnv = {}) => runScript("scripts/corpus.ts", [...args, "--corpus", dir], { env: { ...process.env, ...env } });

describe("npm run corpus", () => {
  it("adds from a file and from a link, lists, removes, and reports status", async () => {
    const file = path.join(root, "story.txt");
    await writeFile(file, 'Ceasefire talks resume\n\n"We are ready to talk," said Anna Lindqvist, the mediator.\n');
    const added = await corpus(["add", file]);
    expect(added).toMatchObject({ code: 0, stderr: "" });
    expect(added.stdout).toContain("Title: Ceasefire talks resume");
    expect(added.stdout).toContain("Added ceasefire-talks-resume: Ceasefire talks resume");

    const refused = await corpus(["add", `${site.base}/article`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/private, loopback or link-local/);
    const linked = await corpus(["add", `${site.base}/article`], { CORPUS_ALLOW_PRIVATE_URLS: "true" });
    expect(linked.code).toBe(0);
    expect(linked.stdout).toMatch(/Source: Wikinews\nDate: 2007-11-28/);

    expect((await corpus(["list"])).stdout.split("\n").filter(Boolean).map((line) => line.split(" ")[0])).toEqual([
      "ceasefire-talks-resume",
      "putin-us-peace-plan",
      "statement-of-joint-understanding-released-after-annapolis",
    ]);
    expect((await corpus(["remove", "ceasefire-talks-resume"])).stdout).toContain("Removed ceasefire-talks-resume");
    const status = await corpus(["status"]);
    expect(status.stdout).toMatch(/^2 articles · \d+ passages/m);
    expect(status.stdout).toMatch(/Last change: .* remove ceasefire-talks-resume by cli:/);
  }, 90_000);

  it("previews without changing anything on --dry-run", async () => {
    const file = path.join(root, "dry.md");
    await writeFile(file, "---\ntitle: Dry run\n---\nBody.\n");
    const run = await corpus(["add", file, "--dry-run"]);
    expect(run.stdout).toContain("(dry run: nothing changed)");
    expect((await corpus(["list"])).stdout).not.toContain("dry-run");
  }, 60_000);

  it("exits 2 with a clear message on bad input", async () => {
    const bad = path.join(root, "bad.md");
    await writeFile(bad, "---\nurl: https://example.org\n---\nBody.\n");
    const cases: Array<[string[], RegExp]> = [
      [["frobnicate"], /unknown command "frobnicate"/],
      [["remove"], /remove takes 1 argument/],
      [["remove", "../etc/passwd"], /"\.\.\/etc\/passwd" is not a document id/],
      [["remove", "no-such"], /no article has the id "no-such"/],
      [["add", path.join(root, "missing.md")], /missing\.md: no such file/],
      [["add", bad], /bad\.md: title: the front matter needs a title/],
      [["add", "ftp://example.org/x"], /only http and https/],
      [["list", "--bogus"], /bogus/],
    ];
    const runs = await Promise.all(cases.map(([args]) => corpus(args)));
    cases.forEach(([args, message], at) => {
      expect(runs[at]!.code, args.join(" ")).toBe(2);
      expect(runs[at]!.stderr, args.join(" ")).toMatch(message);
    });
  }, 90_000);
});
