/** The hedges an article puts on an attribution: "reportedly", "allegedly", "according to an English transcript". */

import { fold } from "./actors";
import type { Sentence } from "./attribute";
import type { Actor } from "./types";
import { HEDGE_ADVERBS } from "./words";

/**
 * The hedges on a sentence's attribution to `speaker`: "reportedly", "according to an English
 * transcript". `according to X` is a hedge unless X is the speaker.
 */
export function hedgesOf(sentence: Sentence, speaker: Actor): string | undefined {
  const tokens = sentence.tokens;
  const hedges = tokens.filter((t) => !t.quoted && HEDGE_ADVERBS.has(t.lower)).map((t) => t.lower);
  const according = tokens.findIndex((t, i) => !t.quoted && t.lower === "according" && tokens[i + 1]?.lower === "to");
  if (according >= 0 && according + 2 < tokens.length) {
    let end = according + 2;
    while (end < tokens.length - 1 && tokens[end]!.after === "" && !tokens[end + 1]!.quoted) end++;
    const namesSpeaker = sentence.mentions.some((m) => m.actor === speaker && m.first >= according + 2 && m.first <= end);
    const phrase = sentence.text.slice(tokens[according + 2]!.start, tokens[end]!.end);
    if (!namesSpeaker && fold(phrase) !== fold(speaker.name)) hedges.push(`according to ${phrase}`);
  }
  return hedges.length > 0 ? [...new Set(hedges)].join(", ") : undefined;
}
