import { stemmer } from "stemmer";

/**
 * Text normalization shared by indexing, querying and quote matching, so that what a user types
 * finds what the article wrote: case, diacritics (Élysée = Elysee), curly or straight quotes and
 * apostrophes, and English word endings.
 */

/** Common English words that carry no meaning for search. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most " +
    "my myself no nor not now of off on once only or other our ours ourselves out over own same she should " +
    "so some such than that the their theirs them themselves then there these they this those through to " +
    "too under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves also may might must shall us"
  ).split(" "),
);

/** Folds a text for comparison: lowercase, no diacritics, straight quotes, plain hyphens and spaces. */
export function foldText(text: string): string {
  let folded: string;
  if (!NON_ASCII.test(text)) {
    // Most news sentences: only a backtick to straighten.
    folded = text.includes("`") ? text.replaceAll("`", "'") : text;
  } else {
    // Quote marks and dashes first (their decomposition is themselves): many sentences are then
    // plain ASCII and skip the costly decomposition. Same result as decomposing everything.
    let otherwise = false;
    ({ folded, otherwise } = foldMarks(text));
    if (otherwise) {
      folded = folded
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .replace(/[‘’‚‛′`´]/g, "'")
        .replace(/[“”„‟″«»]/g, '"')
        .replace(/[‐‑‒–—―]/g, "-");
    }
  }
  // Only the whitespace that is not already one plain space is rewritten.
  return folded.replace(SPACE_TO_FOLD, " ").toLowerCase();
}

/** Marks whose decomposition is themselves, so they can be folded before decomposing. */
const MARK_FOLDS = new Map<number, string>([
  ...[..."‘’‚‛′`"].map((mark): [number, string] => [mark.charCodeAt(0), "'"]),
  ...[..."“”„‟«»"].map((mark): [number, string] => [mark.charCodeAt(0), '"']),
  ...[..."‐‑‒–—―"].map((mark): [number, string] => [mark.charCodeAt(0), "-"]),
]);

/** The text with its quote marks and dashes folded, in one pass; `otherwise` when other characters beyond ASCII remain. */
function foldMarks(text: string): { folded: string; otherwise: boolean } {
  let folded = "";
  let copied = 0;
  let otherwise = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x7f && code !== 0x60) continue;
    const fold = MARK_FOLDS.get(code);
    if (fold === undefined) {
      if (code > 0x7f) otherwise = true;
      continue;
    }
    folded += text.slice(copied, at) + fold;
    copied = at + 1;
  }
  return { folded: copied === 0 ? text : folded + text.slice(copied), otherwise };
}

/** A run of whitespace other than a single plain space. */
const SPACE_TO_FOLD = /[^\S ]\s*| \s+/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** A word of a text with where it stands in that text. */
export interface WordToken {
  /** The word folded and without apostrophes or a possessive ending: "world's" -> "world". */
  word: string;
  start: number;
  end: number;
}

/**
 * A word: letters and digits, with inner apostrophes (can’t), editorial brackets inside it
 * ([t]here), or the dots of an acronym (U.S.).
 */
const WORD = /(?:\p{L}\.){2,}|(?:[\p{L}\p{N}]|\[[\p{L}\p{N}]+\](?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])\[[\p{L}\p{N}]+\])+(?:['’][\p{L}\p{N}]+)*/gu;

/** Splits a text into words, keeping each word's offsets in the original text. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = foldWord(match[0]);
    if (word) tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** The words of a text, folded, in order: {@link wordTokens} without the offsets. */
export function words(text: string): string[] {
  const found: string[] = [];
  for (const raw of rawWords(text)) {
    const word = foldWord(raw);
    if (word) found.push(word);
  }
  return found;
}

/**
 * The words of a text as written, in order, for a reader that folds each distinct one once
 * (with {@link foldWord}); folding may leave nothing of one ("'"), which is then no word.
 */
export function rawWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * Remembers a pure word function's results: vocabularies follow Zipf's law, so a few thousand
 * words are most of any text. Bounded: cleared when full, so memory never grows with queries.
 */
export function memoize<V>(fn: (word: string) => V, capacity = 1 << 18): (word: string) => V {
  const cache = new Map<string, V>();
  return (word) => {
    const known = cache.get(word);
    if (known !== undefined || cache.has(word)) return known as V;
    const value = fn(word);
    if (cache.size >= capacity) cache.clear();
    cache.set(word, value);
    return value;
  };
}

/** A word as written, folded as the index and quote matching compare it: "World's" -> "world". */
export const foldWord: (raw: string) => string = memoize(foldWordUncached);

function foldWordUncached(raw: string): string {
  // "US" and "U.S." are the country; folded to "us" they would be the pronoun, a stop word.
  if (/^U\.?S\.?$/.test(raw)) return "usa";
  return foldText(raw)
    .replace(/'s$/, "")
    .replace(/['.\[\]]/g, "");
}

/** Irregular English verb forms, which no suffix rule relates to their base: began -> begin. */
const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(
  (
    "began:begin begun:begin said:say told:tell took:take taken:take gave:give given:give went:go gone:go " +
    "came:come saw:see seen:see made:make knew:know known:know thought:think brought:bring sought:seek " +
    "met:meet held:hold kept:keep left:leave led:lead felt:feel found:find got:get gotten:get spoke:speak " +
    "spoken:speak wrote:write written:write chose:choose chosen:choose fought:fight won:win lost:lose " +
    "sent:send spent:spend built:build stood:stand understood:understand rose:rise risen:rise fell:fall " +
    "fallen:fall struck:strike drew:draw drawn:draw drove:drive driven:drive flew:fly flown:fly grew:grow " +
    "grown:grow threw:throw thrown:throw broke:break broken:break bought:buy caught:catch taught:teach " +
    "paid:pay laid:lay sold:sell hid:hide hidden:hide shot:shoot fled:flee"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** Reduces a folded word to its stem, so "negotiations" finds "negotiation" and "began" finds "begin". */
export const stem: (word: string) => string = memoize((word) => {
  if (/^\p{N}+$/u.test(word)) return word;
  return stemmer(IRREGULAR_VERBS.get(word) ?? word);
});

/** The index's view of a text: its words, folded, without stop words. */
export function searchTerms(text: string): string[] {
  return words(text).filter((word) => !STOP_WORDS.has(word));
}

/**
 * Edit distance between two words, stopping early once it exceeds `max`
 * (returns max + 1 then). Transpositions count as one edit, since they are common typos.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  // One edit is checked in a single pass: it is what most comparisons of similar words ask.
  if (max === 1) return oneEditApart(a, b) ? 1 : 2;
  const columns = b.length + 1;
  if (rows.length < columns * 3) rows = new Int32Array(columns * 6);
  // Three rows in one reused buffer: two rows back (for transpositions), the last one, this one.
  let prevPrev = 0;
  let prev = columns;
  let row = 2 * columns;
  for (let j = 0; j < columns; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[row] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[prev + j]! + 1, rows[row + j - 1]! + 1, rows[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[prevPrev + j - 2]! + 1);
      rows[row + j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, row] = [prev, row, prevPrev];
  }
  return rows[prev + b.length]!;
}

let rows = new Int32Array(64 * 3);

/** Whether two different words are one substitution, insertion, deletion or swap of neighbours apart. */
function oneEditApart(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length !== long.length) return short.slice(i) === long.slice(i + 1);
  if (short.slice(i + 1) === long.slice(i + 1)) return true;
  return i + 1 < short.length && short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
}

/** How many typos a word of this length may carry and still count as the same word. */
export function typoAllowance(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 4) return 1;
  return 0;
}

/** Whether two folded words are the same word, allowing for typos and word endings. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const key = `${a}\u0000${b}`;
  let same = sameWords.get(key);
  if (same === undefined) {
    same = sameWordUncached(a, b);
    if (sameWords.size >= 1 << 18) sameWords.clear();
    sameWords.set(key, same);
  }
  return same;
}

/** Pairs of words already compared: quote alignment compares the same frequent words again and again. */
const sameWords = new Map<string, boolean>();

function sameWordUncached(a: string, b: string): boolean {
  if (a === b) return true;
  if (stem(a) === stem(b)) return true;
  const allowance = Math.min(typoAllowance(a), typoAllowance(b));
  return allowance > 0 && editDistance(a, b, allowance) <= allowance;
}
