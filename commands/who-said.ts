import { z } from "zod";
import { defineCommand } from "./command";
import { textOption } from "./limits";

export default defineCommand({
  name: "who-said",
  description: "Who said it? The speaker, the exact quote and its citation",
  options: z.object({ quote: textOption("The quote or a fragment of it, in any case, typos allowed") }),
  positional: "quote",
  run: (engine, { quote }) => engine.whoSaid(quote),
});
