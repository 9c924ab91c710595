import { z } from "zod";
import { defineCommand } from "./command";
import { textOption } from "./limits";

export default defineCommand({
  name: "source",
  description: "Show a cited passage with the sentences around it and its article",
  options: z.object({ citation: textOption("A citation id, such as putin-us-peace-plan:4.2") }),
  positional: "citation",
  completions: { citation: "citations" },
  run: (engine, { citation }) => engine.source(citation),
});
