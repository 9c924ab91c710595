import { z } from "zod";

/** The longest text a command takes: a question, a quote, a name. */
export const MAX_INPUT_LENGTH = 500;

/** A required line of text from a user, trimmed. */
export function textOption(description: string) {
  return z
    .string()
    .trim()
    .min(1, "give some text: it is empty")
    .max(MAX_INPUT_LENGTH, `keep it under ${MAX_INPUT_LENGTH} characters`)
    .describe(description);
}
