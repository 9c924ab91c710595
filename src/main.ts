import { loadEngine } from "./answers/engine";
import { runConsole } from "./transports/console";

const corpusDir = process.env.CORPUS_DIR ?? "corpus";
const { engine, rejected } = await loadEngine(corpusDir);
for (const file of rejected) process.stderr.write(`citebot: skipped ${file.message}\n`);
await runConsole(engine);
