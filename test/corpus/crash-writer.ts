/**
 * A writer to be killed: replaces one article again and again, numbering each version, until
 * the test sends SIGKILL. Run with `node --import tsx crash-writer.ts DIR MODE`:
 * - "loop": prints "ready" after the first version and keeps writing, to be killed at any moment;
 * - "stall": the first rename (temporary file written and flushed, not yet in place) prints
 *   "committing" and never returns, to be killed exactly between the write and the rename.
 */
import fs from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const [dir = "", mode = "loop"] = process.argv.slice(2);
if (mode === "stall") {
  // Patched before the store is loaded; syncBuiltinESMExports makes its `import { rename }` see it.
  fs.rename = () => {
    process.stdout.write("committing\n");
    return new Promise<never>(() => undefined);
  };
  syncBuiltinESMExports();
}
const { CorpusStore } = await import("../../src/corpus/store");
const store = await CorpusStore.open(dir);
const accept = () => undefined;
for (let version = 1; ; version++) {
  const paragraphs = Array.from({ length: 200 }, (_, p) => `Version ${version}, paragraph ${p + 1}: the same words in every paragraph of this version.`);
  await store.replace("story", { title: `Story version ${version}`, paragraphs }, "crash-writer", accept);
  if (version === 1) process.stdout.write("ready\n");
}
