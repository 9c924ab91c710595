import { z } from "zod";
import { defineCommand } from "./command";
import { textOption } from "./limits";

export default defineCommand({
  name: "position",
  description: "What a person or party says or wants, in their quotes and reported stance",
  options: z.object({
    actor: textOption("A person (Putin) or a party (Russia, the US, European leaders)"),
    topic: textOption("Only what they say on this topic").optional(),
  }),
  positional: "actor",
  completions: { actor: "actors" },
  paged: true,
  run: (engine, { actor, topic }, page) => engine.position(actor, topic, page),
});
