/** Plain-text lines for moderators, shared by the CLI and Discord so both say the same. */
import type { Article } from "./article";
import type { ArticlePreview } from "./import";
import type { CorpusStatus, LiveChange } from "./live";
import type { AuditEntry } from "./store";

/** "12 articles · 340 passages · 85 quotes · 40 speakers" */
export function describeCounts(counts: { articles?: number; passages: number; quotes: number; speakers: number }): string {
  const parts = [
    ...(counts.articles === undefined ? [] : [plural(counts.articles, "article")]),
    plural(counts.passages, "passage"),
    plural(counts.quotes, "quote"),
    plural(counts.speakers, "speaker"),
  ];
  return parts.join(" · ");
}

/** What an import found, before anything is published. */
export function describePreview(preview: ArticlePreview): string[] {
  return [
    `Title: ${preview.title}`,
    `Source: ${preview.source ?? "(none)"}`,
    `Date: ${preview.published ?? "(none)"}`,
    `From: ${preview.origin}`,
    `Found: ${describeCounts(preview)}`,
    `First paragraph: ${preview.firstParagraph}`,
  ];
}

/** What a change did, and what the corpus holds now. */
export function describeChange(change: LiveChange): string[] {
  const { added, changed, removed } = change.diff;
  const verb = { add: "Added", replace: "Replaced", remove: "Removed", reload: "Reloaded" }[change.action];
  const lines = [change.article ? `${verb} ${change.article.id}: ${change.article.title}` : `${verb} the corpus from disk`];
  if (change.action === "reload") {
    lines.push(added.length + changed.length + removed.length === 0 ? "Nothing changed." : `Added: ${list(added)} · Changed: ${list(changed)} · Removed: ${list(removed)}`);
  }
  lines.push(`Now: ${describeCounts(change.stats)}`);
  for (const file of change.skipped) lines.push(`Skipped ${file.file}: ${file.problem}`);
  return lines;
}

/** The corpus at a glance: counts, last change, recent audit entries, skipped files. */
export function describeStatus(status: CorpusStatus): string[] {
  return [
    `Corpus: ${status.dir}`,
    describeCounts(status.stats),
    `Built: ${status.builtAt.toISOString()} in ${Math.round(status.buildMs)} ms`,
    status.lastChange ? `Last change: ${describeEntry(status.lastChange)}` : "Last change: none recorded",
    ...(status.recent.length ? ["Recent:", ...status.recent.map((entry) => `  ${describeEntry(entry)}`)] : []),
    ...(status.skipped.length ? status.skipped.map((file) => `Skipped ${file.file}: ${file.problem}`) : ["Skipped: none"]),
  ];
}

/** "2026-11-25 16:15:53 UTC add north-korea by discord:1 (alice)" */
export function describeEntry(entry: AuditEntry): string {
  const when = entry.at.replace("T", " ").replace(/\.\d+Z$/, " UTC");
  return `${when} ${entry.action}${entry.id ? ` ${entry.id}` : ""} by ${entry.who}`;
}

/** One line an article: "id — title (source, date)". */
export function describeArticle(article: Article): string {
  const details = [article.source, article.published].filter(Boolean).join(", ");
  return `${article.id} — ${article.title}${details ? ` (${details})` : ""}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function list(ids: readonly string[]): string {
  return ids.length ? ids.join(", ") : "none";
}
