import { z } from "zod";
import { defineCommand } from "./command";
import { textOption } from "./limits";

export default defineCommand({
  name: "quotes",
  description: "Every direct quote in the articles, by speaker",
  options: z.object({ speaker: textOption("Only this speaker's quotes").optional() }),
  positional: "speaker",
  completions: { speaker: "speakers" },
  run: (engine, { speaker }) => engine.quotes(speaker),
});
