import { createHash } from "node:crypto";
import { type FileHandle, open, rename, rm, writeFile } from "node:fs/promises";
import { z } from "zod";
import { Engine } from "../answers/engine";
import { MentionIndex } from "../answers/mentions";
import type { Actor, Quote } from "../attribution/types";
import type { Article } from "../corpus/article";
import { citationId, type Passage } from "../passages/passages";
import { ITEMS_PER_STEP, runNow, runSliced, type Steps } from "../steps";
import { TextIndex } from "./text-index";

/**
 * The snapshot file: everything an engine built from a corpus needs to answer, saved so that a
 * restart reads it back instead of re-analysing and re-indexing every article.
 *
 * Layout: one line of JSON, the header, then the sections' bytes one after another, each a
 * UTF-8 JSON text whose length in bytes the header gives. The header says which format version
 * wrote the file and which corpus it was built from (a SHA-256 over the articles' ids, metadata
 * and paragraphs), so a stale or foreign snapshot is refused rather than answering from old text.
 * Large sections are split in chunks so that reading one never needs a string near V8's limit
 * and a reader can pause between chunks.
 *
 * Files are written to a temporary name and renamed into place: a crash mid-write leaves the
 * previous snapshot, never a torn one.
 *
 * `saveSnapshot` and `loadSnapshot` store an engine's parts (articles, passages, quotes, actors,
 * both text indexes and the mention index): lists as chunked JSON, postings as raw 32-bit
 * arrays, so loading is reading buffers rather than rebuilding indexes. `src/corpus/snapshot-file.ts`
 * keeps one beside the corpus: the corpus hash decides whether it still fits.
 */

/** Bumped whenever what a section holds changes meaning; older files are refused, then rebuilt. */
export const SNAPSHOT_VERSION = 4;

const FORMAT = "citebot-snapshot";

export const snapshotHeaderSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  corpusHash: z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 in hex"),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  sections: z.array(z.object({ name: z.string().min(1), bytes: z.number().int().nonnegative() })),
});

export type SnapshotHeader = z.infer<typeof snapshotHeaderSchema>;

/** Why a snapshot cannot be used; the caller rebuilds from the corpus instead. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`snapshot ${file}: ${problem}`);
    this.name = "SnapshotError";
  }
}

/** Identifies a corpus by its content: the same articles in any order give the same hash. */
export function corpusHash(articles: readonly Article[]): string {
  return runNow(corpusHashSteps(articles));
}

/** {@link corpusHash} in steps: hashing a large corpus's text takes a tenth of a second or more. */
export function* corpusHashSteps(articles: readonly Article[]): Steps<string> {
  const hash = createHash("sha256");
  const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let k = 0; k < sorted.length; k++) {
    const { paragraphs, ...meta } = sorted[k]!;
    hash.update(JSON.stringify(Object.entries(meta).sort(([a], [b]) => (a < b ? -1 : 1))));
    for (const paragraph of paragraphs) hash.update(`\u0000${paragraph}`);
    hash.update("\u0001");
    if ((k + 1) % 256 === 0) yield;
  }
  return hash.digest("hex");
}

/** Splits a list into JSON sections of at most `per` items: `name.0`, `name.1`, … */
export function chunkedSections<T>(name: string, items: readonly T[], per = 50_000): Array<[string, string]> {
  const sections: Array<[string, string]> = [];
  for (let at = 0, k = 0; at < items.length || k === 0; at += per, k++) sections.push([`${name}.${k}`, JSON.stringify(items.slice(at, at + per))]);
  return sections;
}

/** Writes a snapshot atomically: to a temporary file first, then renamed over `file`. */
export async function writeSnapshot(
  file: string,
  meta: { corpusHash: string; counts: Record<string, number> },
  sections: ReadonlyArray<readonly [string, string | ArrayBufferView]>,
): Promise<SnapshotHeader> {
  const buffers = sections.map(([, body]) =>
    typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  );
  const header: SnapshotHeader = {
    format: FORMAT,
    version: SNAPSHOT_VERSION,
    corpusHash: meta.corpusHash,
    createdAt: new Date().toISOString(),
    counts: meta.counts,
    sections: sections.map(([name], k) => ({ name, bytes: buffers[k]!.length })),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, [Buffer.from(`${JSON.stringify(header)}\n`, "utf8"), ...buffers]);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return header;
}

/** A snapshot read back: its header, and each section's parsed JSON on demand. */
export interface SnapshotReader {
  header: SnapshotHeader;
  names(): string[];
  /** The parsed JSON of one section. */
  section<T = unknown>(name: string): T;
  /** A section as text, read as UTF-8 without parsing. */
  text(name: string): string;
  /** The parsed JSON of every `name.k` chunk, concatenated (for sections written by `chunkedSections`), one chunk per step. */
  chunks<T = unknown>(name: string): Steps<T[]>;
  /** A binary section (a typed array written as is) as 32-bit unsigned integers. */
  uint32(name: string): Uint32Array;
  /** A binary section as bytes (a copy). */
  bytes(name: string): Uint8Array;
}

/**
 * Reads a snapshot's header and bytes; sections are parsed when asked for.
 * @param expectedHash when given, the corpus the snapshot must have been built from
 * @throws SnapshotError when the file is missing, torn, of another version or of another corpus
 */
export async function readSnapshot(file: string, expectedHash?: string): Promise<SnapshotReader> {
  let bytes: Buffer;
  try {
    const handle = await open(file, "r");
    try {
      bytes = await readWhole(handle);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new SnapshotError(file, (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : (error as Error).message);
  }
  const { header, start } = parseHeader(file, bytes);
  if (expectedHash !== undefined && header.corpusHash !== expectedHash) throw new SnapshotError(file, "was built from another corpus");
  const offsets = new Map<string, [number, number]>();
  let at = start;
  for (const { name, bytes: length } of header.sections) {
    offsets.set(name, [at, at + length]);
    at += length;
  }
  if (at !== bytes.length) throw new SnapshotError(file, `is ${bytes.length} bytes, its header describes ${at}`);
  const body = bytes;
  const range = (name: string): [number, number] => {
    const found = offsets.get(name);
    if (!found) throw new SnapshotError(file, `has no section ${name}`);
    return found;
  };
  const text = (name: string): string => body.toString("utf8", ...range(name));
  const section = <T>(name: string): T => JSON.parse(text(name)) as T;
  return {
    header,
    names: () => [...offsets.keys()],
    section,
    text,
    uint32: (name: string): Uint32Array => {
      const [from, to] = range(name);
      if ((to - from) % 4 !== 0) throw new SnapshotError(file, `section ${name} is not a list of 32-bit numbers`);
      // Copied out: the section need not be aligned in the file's bytes.
      const copy = new Uint32Array((to - from) / 4);
      new Uint8Array(copy.buffer).set(body.subarray(from, to));
      return copy;
    },
    bytes: (name: string): Uint8Array => Uint8Array.from(body.subarray(...range(name))),
    chunks: function* <T>(name: string): Steps<T[]> {
      const out: T[] = [];
      for (let k = 0; offsets.has(`${name}.${k}`); k++) {
        for (const item of section<T[]>(`${name}.${k}`)) out.push(item);
        yield;
      }
      return out;
    },
  };
}

/**
 * A snapshot's header, read from the start of the file alone: a stale snapshot (hundreds of
 * megabytes at 10,000 articles) is told apart without reading it whole.
 * @throws SnapshotError when the file is missing or its header is torn, not JSON, or of another version
 */
export async function readSnapshotHeader(file: string): Promise<SnapshotHeader> {
  let start: Buffer;
  try {
    const handle = await open(file, "r");
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, 0);
      start = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new SnapshotError(file, (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : (error as Error).message);
  }
  return parseHeader(file, start).header;
}

/** The most a header line may take: a few kilobytes in practice. */
const HEADER_BYTES = 1024 * 1024;

/** The header line at the start of a snapshot's bytes, checked, and where the sections start. */
function parseHeader(file: string, bytes: Buffer): { header: SnapshotHeader; start: number } {
  const newline = bytes.subarray(0, HEADER_BYTES).indexOf(0x0a);
  if (newline < 0) throw new SnapshotError(file, "has no header line");
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(0, newline).toString("utf8"));
  } catch {
    throw new SnapshotError(file, "the header is not JSON");
  }
  const parsed = snapshotHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SnapshotError(file, `bad header (${issue?.path.join(".") || "header"}: ${issue?.message ?? "invalid"})`);
  }
  return { header: parsed.data, start: newline + 1 };
}

/**
 * A file's bytes, read into one buffer in pieces on the thread pool: no piece is copied again
 * on this thread (as FileHandle.readFile joins its pieces), which could answer questions meanwhile.
 */
async function readWhole(handle: FileHandle): Promise<Buffer> {
  const { size } = await handle.stat();
  const bytes = Buffer.allocUnsafeSlow(size);
  for (let at = 0; at < size; ) {
    const { bytesRead } = await handle.read(bytes, at, Math.min(READ_PIECE, size - at), at);
    if (bytesRead === 0) return bytes.subarray(0, at);
    at += bytesRead;
  }
  return bytes;
}

/** Bytes read at a time. */
const READ_PIECE = 16 * 1024 * 1024;

/** A text index's sections: ids and terms as JSON, postings as typed arrays. */
function indexSections(name: string, index: TextIndex, knownIds: readonly string[]): Array<[string, string | Uint32Array]> {
  const { ids, terms, fields } = index.toData();
  // The ids are the passages' or quotes' own, in order: saved only if they ever are not.
  const same = ids.length === knownIds.length && ids.every((id, k) => id === knownIds[k]);
  return [
    ...(same ? [] : chunkedSections(`${name}.ids`, ids, 100_000)),
    ...chunkedSections(`${name}.terms`, terms, 100_000),
    [`${name}.averages`, JSON.stringify(fields.map((field) => field.averageLength))],
    ...fields.flatMap((field, f): Array<[string, Uint32Array]> => [
      [`${name}.${f}.offsets`, field.offsets],
      [`${name}.${f}.docs`, field.docs],
      [`${name}.${f}.freqs`, field.freqs],
      [`${name}.${f}.lengths`, field.lengths],
    ]),
  ];
}

function* indexFrom(reader: SnapshotReader, name: string, knownIds: () => string[]): Steps<TextIndex> {
  const averages = reader.section<number[]>(`${name}.averages`);
  const ids = reader.names().includes(`${name}.ids.0`) ? yield* reader.chunks<string>(`${name}.ids`) : knownIds();
  const terms = yield* reader.chunks<string>(`${name}.terms`);
  const fields = [];
  for (let f = 0; f < averages.length; f++) {
    fields.push({
      offsets: reader.uint32(`${name}.${f}.offsets`),
      docs: reader.uint32(`${name}.${f}.docs`),
      freqs: reader.uint32(`${name}.${f}.freqs`),
      lengths: reader.uint32(`${name}.${f}.lengths`),
      averageLength: averages[f]!,
    });
    yield;
  }
  return TextIndex.fromData({ ids, terms, fields });
}

/** Articles whose paragraphs make one text section: a few megabytes to read at once. */
const ARTICLES_PER_TEXT = 1_000;

/**
 * Articles as their metadata (JSON) and their paragraphs as texts of many articles each, with
 * where each paragraph ends in its text: read back as a few strings and cut, rather than parsed
 * as JSON (the text is most of the corpus).
 */
function articleSections(articles: readonly Article[]): Array<[string, string | Uint32Array]> {
  const meta = articles.map(({ paragraphs: _, ...rest }) => rest);
  const counts = Uint32Array.from(articles, (article) => article.paragraphs.length);
  const ends = new Uint32Array(counts.reduce((sum, count) => sum + count, 0));
  const texts: Array<[string, string]> = [];
  let k = 0;
  for (let from = 0; from < articles.length || from === 0; from += ARTICLES_PER_TEXT) {
    const chunk = articles.slice(from, from + ARTICLES_PER_TEXT);
    let end = 0;
    for (const article of chunk) for (const paragraph of article.paragraphs) ends[k++] = end += paragraph.length;
    texts.push([`articles.text.${texts.length}`, chunk.map((article) => article.paragraphs.join("")).join("")]);
  }
  return [...chunkedSections("articles.meta", meta), ["articles.paragraphs", counts], ["articles.ends", ends], ...texts];
}

function* articlesFrom(reader: SnapshotReader): Steps<Article[]> {
  const meta = yield* reader.chunks<Omit<Article, "paragraphs">>("articles.meta");
  const counts = reader.uint32("articles.paragraphs");
  const ends = reader.uint32("articles.ends");
  const articles: Article[] = new Array(meta.length);
  let k = 0;
  for (let from = 0; from < meta.length; from += ARTICLES_PER_TEXT) {
    const text = reader.text(`articles.text.${from / ARTICLES_PER_TEXT}`);
    let start = 0;
    for (let a = from; a < Math.min(meta.length, from + ARTICLES_PER_TEXT); a++) {
      const paragraphs: string[] = new Array(counts[a]!);
      for (let p = 0; p < paragraphs.length; p++, k++) paragraphs[p] = text.slice(start, (start = ends[k]!));
      articles[a] = { ...meta[a]!, paragraphs } as Article;
      if ((a + 1) % 128 === 0) yield;
    }
    yield;
  }
  return articles;
}

/** Numbers per quote in the layout section: its passage, start and end in it, speaker + 1 (0: none), and its other fields. */
const QUOTE_LAYOUT = 5;

/**
 * Quotes as where they stand in their passages, their speakers and other fields as small lists:
 * a quote's id, article and words follow from its passage. As JSON only if some quote does not
 * (then it is saved as it is).
 */
function quoteSections(passages: readonly Passage[], quotes: readonly Quote[]): Array<[string, string | Uint32Array]> {
  const passageAt = new Map(passages.map((passage, k) => [passage.id, k]));
  const speakers = new Map<string, number>();
  const extras = new Map<string, number>();
  const layout = new Uint32Array(quotes.length * QUOTE_LAYOUT);
  let previous = "";
  let n = 0;
  for (let k = 0; k < quotes.length; k++) {
    const { id, doc, passage: citation, text, start, end, speaker, ...rest } = quotes[k]!;
    const at = passageAt.get(citation);
    n = citation === previous ? n + 1 : 1;
    previous = citation;
    const passage = at === undefined ? undefined : passages[at]!;
    if (!passage || passage.doc !== doc || id !== `${citation}#${n}` || passage.text.slice(start, end) !== text) return chunkedSections("quotes", quotes);
    if (speaker !== null && !speakers.has(speaker)) speakers.set(speaker, speakers.size);
    const extra = JSON.stringify(rest);
    if (!extras.has(extra)) extras.set(extra, extras.size);
    layout.set([at!, start, end, speaker === null ? 0 : speakers.get(speaker)! + 1, extras.get(extra)!], k * QUOTE_LAYOUT);
  }
  return [
    ["quotes.layout", layout],
    ["quotes.speakers", JSON.stringify([...speakers.keys()])],
    ["quotes.extras", `[${[...extras.keys()].join(",")}]`],
  ];
}

function* quotesFrom(reader: SnapshotReader, passages: readonly Passage[]): Steps<Quote[]> {
  if (!reader.names().includes("quotes.layout")) return yield* reader.chunks<Quote>("quotes");
  const layout = reader.uint32("quotes.layout");
  const speakers = reader.section<string[]>("quotes.speakers");
  const extras = reader.section<Array<Partial<Quote>>>("quotes.extras");
  const quotes: Quote[] = new Array(layout.length / QUOTE_LAYOUT);
  let previous = "";
  let n = 0;
  for (let k = 0; k < quotes.length; k++) {
    const at = k * QUOTE_LAYOUT;
    const passage = passages[layout[at]!]!;
    const start = layout[at + 1]!;
    const end = layout[at + 2]!;
    const speaker = layout[at + 3]!;
    n = passage.id === previous ? n + 1 : 1;
    previous = passage.id;
    quotes[k] = {
      id: `${passage.id}#${n}`,
      doc: passage.doc,
      passage: passage.id,
      text: passage.text.slice(start, end),
      start,
      end,
      speaker: speaker === 0 ? null : speakers[speaker - 1]!,
      ...extras[layout[at + 4]!],
    };
    if ((k + 1) % ITEMS_PER_STEP === 0) yield;
  }
  return quotes;
}

/** Numbers per passage in the layout section: article, paragraph, sentence, start and end in the paragraph. */
const LAYOUT = 5;

/**
 * Passages as where they stand in their articles (their text is the paragraph's, between two
 * offsets), not their text again; as JSON only if some sentence cannot be found in its paragraph.
 */
function passageSections(articles: readonly Article[], passages: readonly Passage[]): Array<[string, string | Uint32Array]> {
  const layout = new Uint32Array(passages.length * LAYOUT);
  const articleIndex = new Map(articles.map((article, k) => [article.id, k]));
  let cursor = 0;
  let previous = "";
  for (let k = 0; k < passages.length; k++) {
    const passage = passages[k]!;
    const article = articleIndex.get(passage.doc);
    const paragraph = article === undefined ? undefined : articles[article]!.paragraphs[passage.paragraph - 1];
    const key = `${passage.doc}:${passage.paragraph}`;
    if (key !== previous) [cursor, previous] = [0, key];
    const start = paragraph?.indexOf(passage.text, cursor) ?? -1;
    if (article === undefined || start < 0) return chunkedSections("passages", passages);
    layout.set([article, passage.paragraph, passage.sentence, start, start + passage.text.length], k * LAYOUT);
    cursor = start + passage.text.length;
  }
  return [["passages.layout", layout]];
}

function* passagesFrom(reader: SnapshotReader, articles: readonly Article[]): Steps<Passage[]> {
  if (!reader.names().includes("passages.layout")) return yield* reader.chunks<Passage>("passages");
  const layout = reader.uint32("passages.layout");
  const passages: Passage[] = new Array(layout.length / LAYOUT);
  for (let k = 0; k < passages.length; k++) {
    const at = k * LAYOUT;
    const article = articles[layout[at]!]!;
    const paragraph = layout[at + 1]!;
    const sentence = layout[at + 2]!;
    const text = article.paragraphs[paragraph - 1]!.slice(layout[at + 3]!, layout[at + 4]!);
    passages[k] = { id: citationId(article.id, paragraph, sentence), doc: article.id, paragraph, sentence, text };
    if ((k + 1) % ITEMS_PER_STEP === 0) yield;
  }
  return passages;
}

/**
 * Saves everything an engine needs to answer, for `loadSnapshot` to read back at the next start.
 * @returns the header written
 */
export async function saveSnapshot(engine: Engine, file: string): Promise<SnapshotHeader> {
  const parts = engine.parts();
  const mentions = parts.mentions.toData();
  return writeSnapshot(
    file,
    {
      corpusHash: corpusHash(parts.articles),
      counts: { articles: parts.articles.length, passages: parts.passages.length, quotes: parts.quotes.length, actors: parts.actors.length },
    },
    [
      ...articleSections(parts.articles),
      ...passageSections(parts.articles, parts.passages),
      ...quoteSections(parts.passages, parts.quotes),
      ...chunkedSections("actors", parts.actors, 2_000),
      ...indexSections("passageIndex", parts.passageIndex, parts.passages.map((passage) => passage.id)),
      ...indexSections("quoteIndex", parts.quoteIndex, parts.quotes.map((quote) => quote.id)),
      ...chunkedSections("mentions.runs", mentions.runs, 100_000),
      ["mentions.offsets", mentions.offsets],
      ["mentions.positions", mentions.positions],
      ["mentions.irregular", mentions.irregular],
      ["stance", parts.stance],
      ["partyMentions.keys", JSON.stringify(parts.partyMentions!.keys)],
      ["partyMentions.offsets", parts.partyMentions!.offsets],
      ["partyMentions.positions", parts.partyMentions!.positions],
    ],
  );
}

/**
 * An engine from a snapshot, without analysing or indexing any article.
 * @param expectedHash the `corpusHash` of the articles it must answer from, when known
 * @throws SnapshotError when the snapshot is missing, torn, of another version or of another corpus
 */
export async function loadSnapshot(file: string, expectedHash?: string, options: LoadOptions = {}): Promise<Engine> {
  const reader = await readSnapshot(file, expectedHash);
  let engine: Engine;
  try {
    engine = options.beside ? await runSliced(engineSteps(reader)) : runNow(engineSteps(reader));
  } catch (error) {
    if (error instanceof SnapshotError) throw error;
    throw new SnapshotError(file, `cannot be read back: ${(error as Error).message}`);
  }
  if (options.beside) await runSliced(engine.warmSteps());
  else engine.warmLater();
  return engine;
}

/** Options of {@link loadSnapshot}. */
export interface LoadOptions {
  /**
   * Loads beside an engine that keeps answering on this thread (a refresh): in slices between
   * its questions, and warmed before it is handed over. Otherwise (a start) it is ready as soon
   * as it can answer, and warms up between the first questions.
   */
  beside?: boolean;
}

/** Reads an engine's parts back from a snapshot, in steps, and assembles it (not warmed). */
function* engineSteps(reader: SnapshotReader): Steps<Engine> {
  const articles = yield* articlesFrom(reader);
  const passages = yield* passagesFrom(reader, articles);
  const quotes = yield* quotesFrom(reader, passages);
  const actors = yield* reader.chunks<Actor>("actors");
  const passageIndex = yield* indexFrom(reader, "passageIndex", () => passages.map((passage) => passage.id));
  const quoteIndex = yield* indexFrom(reader, "quoteIndex", () => quotes.map((quote) => quote.id));
  const runs = yield* reader.chunks<string>("mentions.runs");
  const mentions = MentionIndex.fromData({
    runs,
    offsets: reader.uint32("mentions.offsets"),
    positions: reader.uint32("mentions.positions"),
    irregular: reader.uint32("mentions.irregular"),
  });
  yield;
  const partyMentions = {
    keys: reader.section<string[]>("partyMentions.keys"),
    offsets: reader.uint32("partyMentions.offsets"),
    positions: reader.uint32("partyMentions.positions"),
  };
  return yield* Engine.assemble({ articles, passages, quotes, actors, passageIndex, quoteIndex, mentions, stance: reader.bytes("stance"), partyMentions });
}

