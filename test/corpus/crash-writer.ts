/**
 * A writer to be killed: replaces one article again and again, numbering each version, until
 * the test sends SIGKILL at an arbitrary moment. Run with `node --import tsx crash-writer.ts DIR`.
 */
import { CorpusStore } from "../../src/corpus/store";

const [dir = ""] = process.argv.slice(2);
const store = await CorpusStore.open(dir);
const accept = () => undefined;
for (let version = 1; ; version++) {
  const paragraphs = Array.from({ length: 200 }, (_, p) => `Version ${version}, paragraph ${p + 1}: the same words in every paragraph of this version.`);
  await store.replace("story", { title: `Story version ${version}`, paragraphs }, "crash-writer", accept);
  if (version === 1) process.stdout.write("ready\n");
}
