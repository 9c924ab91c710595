import type { Actor, Quote } from "../attribution/types";
import type { Answer, CitedPassage, QuoteSegment, WhoSaidMatch } from "../answers/types";
import { count, someOf } from "./lists";

/** Renders an answer as plain text for the console and the CLI. */
export function renderForConsole(answer: Answer): string {
  switch (answer.kind) {
    case "ask":
      if (answer.results.length === 0) return `Nothing in the corpus matches "${answer.question}".`;
      return answer.results
        .map(({ passage, best }) => `${best ? "★" : "•"} “${passage.text}”\n  ${citationLine(passage)}`)
        .join("\n");
    case "who-said":
      if (answer.matches.length === 0) return `“${answer.query}” is not in the corpus: no article quotes those words.`;
      return answer.matches.map(whoSaidMatch).join("\n\n");
    case "position": {
      if (!answer.resolved) return `The corpus does not know "${answer.actor}".`;
      const members = answer.members.length > 0 ? `\n(${answer.resolved.name}: ${someOf(answer.members)})` : "";
      const heading = `${answer.resolved.name}${answer.topic ? ` on "${answer.topic}"` : ""}:${members}`;
      if (answer.total === 0) return `${heading}\nNothing in the corpus reports that.`;
      const lines = answer.results.map(({ passage, speaker, reason }) =>
        `• ${reason === "quote" ? `${speaker}: ` : ""}“${passage.text}”\n  ${citationLine(passage)}`,
      );
      return [heading, ...lines, ...pageNote(answer.offset, answer.results.length, answer.total)].join("\n");
    }
    case "quotes":
      if (answer.groups.length === 0) {
        return answer.speaker ? `No quotes by "${answer.speaker}" in the corpus.` : "The corpus holds no quotes.";
      }
      return answer.groups
        .map(({ speaker, quotes }) =>
          [`${speakerName(speaker)}:`, ...quotes.map(({ quote, passage }) => `  “${quote.text}”${hedge(quote)} [${passage.citation}]`)].join("\n"),
        )
        .join("\n\n");
    case "source": {
      const { passage } = answer;
      if (!passage) {
        const hint = answer.suggestions.length > 0 ? ` Did you mean: ${answer.suggestions.join(", ")}?` : "";
        return `No passage has the citation id "${answer.citation}".${hint}`;
      }
      const context = [...answer.before.map((p) => p.text), `»${passage.text}«`, ...answer.after.map((p) => p.text)].join(" ");
      return `${context}\n  ${citationLine(passage)}`;
    }
  }
}

function whoSaidMatch(match: WhoSaidMatch): string {
  const who = match.quote.speaker ? `${speakerName(match.speaker ?? { name: match.quote.speaker })}${hedge(match.quote)}` : "The article does not say who";
  const quoteLine = `“${match.misquoted ? marked(match.segments) : match.quote.text}”`;
  const note = match.misquoted ? "\n  (the article's words; [brackets] mark what differs from yours)" : "";
  return `${who} said: ${quoteLine}${note}\n  in: “${match.passage.text}”\n  ${citationLine(match.passage)}`;
}

function marked(segments: QuoteSegment[]): string {
  return segments.map((segment) => (segment.differs ? `[${segment.text}]` : segment.text)).join("");
}

function speakerName(speaker: Pick<Actor, "name" | "title"> | null): string {
  if (!speaker) return "Unattributed";
  return speaker.title && !speaker.name.includes(speaker.title) ? `${speaker.name} (${speaker.title})` : speaker.name;
}

function hedge(quote: Quote): string {
  return quote.hedge ? ` (${quote.hedge})` : "";
}

function citationLine(passage: CitedPassage): string {
  const url = passage.article.url ? ` <${passage.article.url}>` : "";
  return `— ${passage.article.title} [${passage.citation}]${url}`;
}

/** Where a page stands among all the results, and how to see the next: nothing when the page holds them all. */
function pageNote(offset: number, shown: number, total: number): string[] {
  if (offset === 0 && shown >= total) return [];
  const next = offset + shown;
  const range = shown === 0 ? `none from ${count(offset + 1)} on` : `${count(offset + 1)}–${count(next)}`;
  return [`(results ${range} of ${count(total)}${next < total ? `: add --offset ${next} for the next, or --topic to narrow them` : ""})`];
}
