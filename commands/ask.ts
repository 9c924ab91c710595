import { z } from "zod";
import { defineCommand } from "./command";
import { textOption } from "./limits";

export default defineCommand({
  name: "ask",
  description: "Ask a question: the article's own sentences that answer it, cited",
  options: z.object({ question: textOption("Your question about the news") }),
  positional: "question",
  run: (engine, { question }) => engine.ask(question),
});
