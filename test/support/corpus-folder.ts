import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./process";

/** The seed article, as a scratch corpus holds it. */
export const SEED_ARTICLE: CorpusFile = { from: "corpus/putin-us-peace-plan.md", as: "putin-us-peace-plan.md" };
/** A second article, from the Wikinews fixtures. */
export const NORTH_KOREA_ARTICLE: CorpusFile = { from: "test/fixtures/wikinews/2015-08-21-north-korea-quasi-state-of-war.md", as: "north-korea.md" };

/** An article file of the project (`from`, from its folder) and its name in a scratch corpus. */
export interface CorpusFile {
  from: string;
  as: string;
}

/**
 * A new temporary folder (`root`, for files beside the corpus) holding a corpus folder (`dir`)
 * with copies of `files`. The caller removes `root`.
 */
export async function scratchCorpus(prefix: string, files: readonly CorpusFile[]): Promise<{ root: string; dir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), `citebot-${prefix}-`));
  const dir = path.join(root, "corpus");
  await mkdir(dir);
  for (const file of files) await copyFile(path.join(ROOT, file.from), path.join(dir, file.as));
  return { root, dir };
}
