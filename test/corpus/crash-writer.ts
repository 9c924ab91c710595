/**
 * A writer to be killed: replaces one article again and again, numbering each version, until
 * the test sends SIGKILL. Run with `node --import tsx crash-writer.ts DIR MODE`:
 * - "loop": prints "ready" after the first version and keeps writing, to be killed at any moment;
 * - "before-rename": the first rename (temporary file written and flushed, not yet in place)
 *   prints "stalled" and never returns, to be killed exactly between the write and the rename;
 * - "before-audit": the first append to the audit log (the article in place, not yet logged)
 *   prints "stalled" and never returns.
 */
import fs from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const [dir = "", mode = "loop"] = process.argv.slice(2);
const stall = () => {
  process.stdout.write("stalled\n");
  return new Promise<never>(() => undefined);
};
// Patched before the store is loaded; syncBuiltinESMExports makes its `import { rename, open }` see it.
if (mode === "before-rename") fs.rename = stall;
if (mode === "before-audit") {
  const open = fs.open;
  fs.open = ((file: string, flags?: string) => (flags === "a" ? stall() : open(file, flags))) as typeof fs.open;
}
syncBuiltinESMExports();
const { CorpusStore } = await import("../../src/corpus/store");
const store = await CorpusStore.open(dir);
const accept = () => undefined;
for (let version = 1; ; version++) {
  const paragraphs = Array.from({ length: 200 }, (_, p) => `Version ${version}, paragraph ${p + 1}: the same words in every paragraph of this version.`);
  await store.replace("story", { title: `Story version ${version}`, paragraphs }, "crash-writer", accept);
  if (version === 1) process.stdout.write("ready\n");
}
