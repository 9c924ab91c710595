import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from "discord.js";
import type { Actor, Quote } from "../attribution/types";
import type {
  Answer,
  AskAnswer,
  CitedPassage,
  PositionAnswer,
  QuoteSegment,
  QuotesAnswer,
  SourceAnswer,
  WhoSaidAnswer,
  WhoSaidMatch,
} from "../answers/types";
import { DISCORD_LIMITS } from "../transports/discord/limits";
import { count, someOf } from "./lists";

/** A message body as Discord's API takes it. The transport adds flags and allowed mentions. */
export interface RenderedMessage {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

/** Which page of an answer to render. */
export interface RenderOptions {
  /** The index of the first result to show; 0 when left out. */
  offset?: number;
  /** The custom id of a "More" button showing results from `next` on; no button when left out. */
  moreId?: (next: number) => string;
}

/** At most this many results per page, however short: a reply is read, not scrolled. */
export const RESULTS_PER_PAGE = 5;

/** Longest stretch of article text in one result, so that any single result fits a page. */
const MAX_QUOTE = 1_500;
/** Longest cited sentence with its neighbours, for `source`. */
const MAX_CONTEXT = 2_500;
/** Longest article title in a citation line. */
const MAX_TITLE = 200;
/** Longest echo of the user's own words. */
const MAX_ECHO = 300;
/** Longest link; a longer one is dropped, keeping the title, rather than cut. */
const MAX_LINK = 1_000;
/** Words of the sentence used to point a link at it. */
const FRAGMENT_WORDS = 8;

const COLOUR = 0x3b6ea5;
const ZWSP = "\u200b";
const CITATION = /[a-z0-9]+(?:-[a-z0-9]+)*:\d+\.\d+/g;

// ---------------------------------------------------------------------------------------------
// Text safety

/**
 * Makes article or user text inert in a Discord message: no formatting, no headings or lists,
 * no masked links, and no mention of anyone (a zero-width space after `@`, and between `<` and
 * `#` or `/`), so `@everyone`, `<@id>`, `<@&id>` and `<#id>` show as text.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true });
  // Brackets are escaped here rather than by escapeMarkdown's maskedLink, which only escapes a
  // whole `[text](url)`: a stray bracket would still break the article link it sits in.
  return escaped
    .replaceAll("[", "\\[")
    .replaceAll("]", "\\]")
    .replaceAll("@", `@${ZWSP}`)
    .replace(/<([#/])/g, `<${ZWSP}$1`);
}

/**
 * Shortens text to at most `max` characters, cutting at the last space and adding an ellipsis.
 * Text without a space to cut at is cut before any citation id it would split, never after a
 * lone escaping backslash, and never between the halves of a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1;
  const head = text.slice(0, room);
  const space = head.search(/\s\S*$/);
  let cut = space > 0 ? space : room;
  if (space <= 0) {
    for (const match of text.matchAll(CITATION)) {
      if (match.index < cut && cut < match.index + match[0].length) cut = match.index;
    }
    if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? "")) cut--;
  }
  let kept = text.slice(0, cut).trimEnd();
  if (/(?:^|[^\\])(?:\\\\)*\\$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}

/** Escapes, then shortens: the length counts what Discord will receive. */
function safe(text: string, max: number): string {
  return truncate(escapeText(text), max);
}

// ---------------------------------------------------------------------------------------------
// Links to the cited sentence

/**
 * Points an article link at one sentence with a text fragment (`#:~:text=`), using the
 * sentence's first words: enough to be distinctive, short enough to survive small edits.
 */
export function textFragmentUrl(url: string, sentence: string): string {
  const words = sentence
    .replace(/^[\s"“‘'(\[«]+/, "")
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, FRAGMENT_WORDS);
  const start = words.join(" ").replace(/[\s,;:.!?"”’»)\]]+$/, "");
  if (start.length === 0) return url;
  // `-`, `,` and `&` have a meaning inside a text directive, so they must be percent-encoded;
  // encodeURIComponent leaves `-` alone.
  const encoded = encodeURIComponent(start).replaceAll("-", "%2D");
  return `${url.replace(/#.*$/, "")}#:~:text=${encoded}`;
}

/** A link's target as Markdown takes it: brackets and spaces would end the link early. */
function markdownUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** The line that cites a passage: its article, linked at the sentence where there is a url, and its id. */
export function citationLine(passage: CitedPassage): string {
  const title = safe(passage.article.title, MAX_TITLE);
  const id = `\`${passage.citation}\``;
  if (passage.article.url) {
    const link = markdownUrl(textFragmentUrl(passage.article.url, passage.text));
    if (link.length <= MAX_LINK) return `[${title}](${link}) · ${id}`;
  }
  return `*${title}* · ${id}`;
}

// ---------------------------------------------------------------------------------------------
// One result

function blockQuote(text: string): string {
  return `> ${safe(text, MAX_QUOTE)}`;
}

function speakerName(actor: Actor | null, fallback?: string | null): string | null {
  if (actor) return actor.title ? `**${safe(actor.name, MAX_ECHO)}**, ${safe(actor.title, MAX_ECHO)}` : `**${safe(actor.name, MAX_ECHO)}**`;
  return fallback ? `**${safe(fallback, MAX_ECHO)}**` : null;
}

/** `— Speaker, title (hedge)`: who the article says spoke, with its hedge on that. */
function attribution(quote: Quote, actor: Actor | null): string {
  const name = speakerName(actor, quote.speaker) ?? "the article does not say who said this";
  return `— ${name}${quote.hedge ? ` (the article says *${safe(quote.hedge, MAX_ECHO)}*)` : ""}`;
}

function quoteEntry(quote: Quote, actor: Actor | null, passage: CitedPassage, quoted = blockQuote(quote.text), note?: string): string {
  return [quoted, attribution(quote, actor), ...(note ? [note] : []), citationLine(passage)].join("\n");
}

/**
 * The article's quote, verbatim, with the stretches where the asker's words differ underlined;
 * null when the segments do not spell the quote or it is too long to show whole.
 */
function markedQuote(quote: Quote, segments: QuoteSegment[]): string | null {
  if (segments.map((segment) => segment.text).join("") !== quote.text) return null;
  const marked = segments
    .map(({ text, differs }) => {
      const escaped = escapeText(text);
      if (!differs || escaped.trim() === "") return escaped;
      // Markdown underlines only when the markers touch the words: keep the spaces outside.
      const [, before = "", words = "", after = ""] = /^(\s*)([\s\S]*?)(\s*)$/.exec(escaped) ?? [];
      return `${before}__${words}__${after}`;
    })
    .join("");
  return marked.length <= MAX_QUOTE ? `> ${marked}` : null;
}

function whoSaidEntry(match: WhoSaidMatch): string {
  if (!match.misquoted) return quoteEntry(match.quote, match.speaker, match.passage);
  const marked = markedQuote(match.quote, match.segments);
  return marked
    ? quoteEntry(match.quote, match.speaker, match.passage, marked, "*Not word for word: the article's words differ from yours where underlined.*")
    : quoteEntry(match.quote, match.speaker, match.passage, undefined, "*Not word for word: these are the article's exact words.*");
}

// ---------------------------------------------------------------------------------------------
// Answers

/** What every answer kind renders to before it is paged. */
interface Layout {
  title: string;
  /** The first line: what was asked, in the user's words. */
  lead: string;
  /** The results as they read, from the `first` on. */
  entries: string[];
  /** Where `entries` start among all the results, when the answer holds one page of them; 0 otherwise. */
  first?: number;
  /** How many results there are in all; `entries.length` when the answer holds them all. */
  total?: number;
  /** The clear sentence shown when there is no result. */
  empty: string;
}

function echo(text: string): string {
  return `“${safe(text, MAX_ECHO)}”`;
}

function whoSaidLayout(answer: WhoSaidAnswer): Layout {
  return {
    title: "Who said it?",
    lead: `You asked who said ${echo(answer.query)}.`,
    entries: answer.matches.map(whoSaidEntry),
    empty: `${echo(answer.query)} is not in the corpus: no article quotes anyone saying that.`,
  };
}

function askLayout(answer: AskAnswer): Layout {
  return {
    title: "From the articles",
    lead: `You asked: ${echo(answer.question)}`,
    entries: answer.results.map(({ passage, best }) =>
      [blockQuote(passage.text), `${best ? "**Best answer** · " : ""}${citationLine(passage)}`].join("\n"),
    ),
    empty: `The articles do not answer ${echo(answer.question)}: nothing in the corpus matches it.`,
  };
}

function positionLayout(answer: PositionAnswer): Layout {
  const topic = answer.topic ? ` on ${echo(answer.topic)}` : "";
  const who = answer.resolved ? speakerName(answer.resolved) : echo(answer.actor);
  const members = answer.members.length > 0 ? `\nSpeaking for them: ${safe(someOf(answer.members), MAX_ECHO)}.` : "";
  return {
    title: "Position",
    lead: `What ${who} says or wants${topic}.${members}`,
    entries: answer.results.map((result) =>
      result.quote
        ? quoteEntry(result.quote, null, result.passage)
        : [blockQuote(result.passage.text), `— reported stance of **${safe(result.speaker, MAX_ECHO)}**`, citationLine(result.passage)].join("\n"),
    ),
    first: answer.offset,
    total: answer.total,
    empty: answer.resolved
      ? `The articles name ${who} but report nothing they say or want${topic}.`
      : `${echo(answer.actor)} is not in the corpus: no article names that person or party.`,
  };
}

function quotesLayout(answer: QuotesAnswer): Layout {
  return {
    title: "Quotes",
    lead: answer.resolved ? `Quotes by ${speakerName(answer.resolved)}.` : "Every direct quote in the articles, by speaker.",
    entries: answer.groups.flatMap((group) => group.quotes.map(({ quote, passage }) => quoteEntry(quote, group.speaker, passage))),
    empty:
      answer.speaker !== undefined && !answer.resolved
        ? `${echo(answer.speaker)} is not in the corpus: no article quotes anyone by that name.`
        : "The articles hold no direct quotes.",
  };
}

function sourceLayout(answer: SourceAnswer): Layout {
  const suggestions = answer.suggestions.length > 0 ? ` Did you mean ${answer.suggestions.map((id) => `\`${id}\``).join(", ")}?` : "";
  const passage = answer.passage;
  return {
    title: "Source",
    lead: passage ? `The passage \`${passage.citation}\` in its paragraph.` : `You asked for ${echo(answer.citation)}.`,
    entries: passage ? [[`> ${inContext(passage, answer.before, answer.after)}`, citationLine(passage)].join("\n")] : [],
    empty: `${echo(answer.citation)} is not in the corpus: no passage has that citation id.${suggestions}`,
  };
}

/** The cited sentence in bold with as many of its neighbours, nearest first, as fit a page. */
function inContext(passage: CitedPassage, before: CitedPassage[], after: CitedPassage[]): string {
  const earlier = before.map((p) => escapeText(p.text)).reverse();
  const later = after.map((p) => escapeText(p.text));
  const parts = [`**${safe(passage.text, MAX_QUOTE)}**`];
  let length = parts[0]!.length;
  // Alternate sides so the context stays centred; a side stops at its first sentence that does not fit.
  while (earlier.length > 0 || later.length > 0) {
    for (const [side, add] of [[earlier, (t: string) => parts.unshift(t)], [later, (t: string) => parts.push(t)]] as const) {
      const text = side.shift();
      if (text === undefined) continue;
      if (length + text.length + 1 > MAX_CONTEXT) side.length = 0;
      else {
        add(text);
        length += text.length + 1;
      }
    }
  }
  return parts.join(" ");
}

function layout(answer: Answer): Layout {
  switch (answer.kind) {
    case "who-said":
      return whoSaidLayout(answer);
    case "ask":
      return askLayout(answer);
    case "position":
      return positionLayout(answer);
    case "quotes":
      return quotesLayout(answer);
    case "source":
      return sourceLayout(answer);
  }
}

/**
 * Renders one page of an answer as a Discord message: one embed whose description block-quotes
 * the article's words, names the speaker and the article's hedge, and cites each passage.
 * Results that do not fit Discord's limits move to later pages, reached by a "More" button.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): RenderedMessage {
  const { title, lead, entries, empty, first = 0, total = entries.length } = layout(answer);
  if (entries.length === 0) {
    // Results there are, but none from here on: the button of an answer the corpus has changed under.
    const none = total > 0 ? `There are only ${count(total)} results now: run the command again to see them from the start.` : empty;
    return { embeds: [{ title, description: truncate(`${lead}\n\n${none}`, DISCORD_LIMITS.embedDescription), color: COLOUR }], components: [] };
  }
  const offset = Math.min(Math.max(first, options.offset ?? first), first + entries.length - 1);
  const shown: string[] = [];
  let length = lead.length;
  for (const entry of entries.slice(offset - first, offset - first + RESULTS_PER_PAGE)) {
    const added = entry.length + 2;
    // A page always shows at least one result: every entry alone fits by construction.
    if (shown.length > 0 && length + added > DISCORD_LIMITS.embedDescription) break;
    shown.push(entry);
    length += added;
  }
  const next = offset + shown.length;
  const paged = offset > 0 || next < total;
  const embed: APIEmbed = {
    title,
    description: truncate([lead, ...shown].join("\n\n"), DISCORD_LIMITS.embedDescription),
    color: COLOUR,
    ...(paged ? { footer: { text: `Results ${count(offset + 1)}–${count(next)} of ${count(total)}` } } : {}),
  };
  const more = next < total && options.moreId ? options.moreId(next) : null;
  return {
    embeds: [embed],
    components: more
      ? [{ type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: "More", custom_id: more }] }]
      : [],
  };
}
