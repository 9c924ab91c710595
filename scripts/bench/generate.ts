import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Article } from "../../src/corpus/article";
import { loadCorpus } from "../../src/corpus/load";
import { splitParagraphs } from "../../src/corpus/parse";
import { splitSentences } from "../../src/passages/sentences";
import { detokenize, MarkovModel, tokenize } from "./markov";
import { Rng, Zipf } from "./random";

/**
 * A deterministic synthetic news corpus for the benchmark. A Markov model trained on the real
 * articles (the seed corpus and the Wikinews fixtures) writes the narrative and the quoted words;
 * a Zipf-distributed invented vocabulary widens it the way thousands of articles would; invented
 * but plausible people (name, title, country) speak in the forms news uses: `“…,” X said`,
 * `X warned that “…”`, `according to X`, pronouns and role nouns referring back.
 * Article i depends only on the seed and i, so a smaller corpus is a prefix of a larger one.
 */

/** A quote the generator wrote, with who it put the words in the mouth of. */
export interface GeneratedQuote {
  doc: string;
  text: string;
  speaker: string;
}

export interface Person {
  first: string;
  last: string;
  name: string;
  female: boolean;
  title: string;
  country: Country;
}

interface Country {
  name: string;
  adjective: string;
}

export interface GeneratedCorpus {
  articles: Article[];
  quotes: GeneratedQuote[];
  /** The people who speak in at least one article. */
  speakers: Person[];
  /** The invented vocabulary, most frequent first (for absent words and typos). */
  lexicon: readonly string[];
  bytes: number;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const SEED_FILES = [
  path.join(ROOT, "corpus/putin-us-peace-plan.md"),
  ...readdirSync(path.join(ROOT, "test/fixtures/wikinews"))
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => path.join(ROOT, "test/fixtures/wikinews", file)),
];

const COUNTRIES: Country[] = [
  ["Russia", "Russian"], ["Ukraine", "Ukrainian"], ["United States", "US"], ["France", "French"],
  ["Germany", "German"], ["Poland", "Polish"], ["United Kingdom", "British"], ["China", "Chinese"],
  ["India", "Indian"], ["Japan", "Japanese"], ["Brazil", "Brazilian"], ["Turkey", "Turkish"],
  ["Israel", "Israeli"], ["Iran", "Iranian"], ["Indonesia", "Indonesian"], ["Australia", "Australian"],
  ["Canada", "Canadian"], ["Mexico", "Mexican"], ["Nigeria", "Nigerian"], ["Egypt", "Egyptian"],
  ["South Africa", "South African"], ["Italy", "Italian"], ["Spain", "Spanish"], ["Sweden", "Swedish"],
  ["Finland", "Finnish"], ["North Korea", "North Korean"], ["South Korea", "South Korean"],
  ["Afghanistan", "Afghan"], ["Pakistan", "Pakistani"], ["Libya", "Libyan"], ["Greece", "Greek"],
  ["Kenya", "Kenyan"], ["Argentina", "Argentine"], ["Norway", "Norwegian"], ["Lithuania", "Lithuanian"],
].map(([name, adjective]) => ({ name: name!, adjective: adjective! }));

const TITLES = [
  "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Interior Minister",
  "Finance Minister", "Deputy Foreign Minister", "Health Minister", "Trade Minister",
  "Justice Minister", "opposition leader", "government spokesperson", "ambassador", "senior adviser",
  "army chief", "central bank governor", "chief negotiator", "Energy Minister", "senator", "mayor",
];

const FEMALE_FIRST = (
  "Anna Maria Elena Sofia Olga Irina Ingrid Marta Clara Amina Fatima Aisha Mei Yuki Priya Ananya Leila " +
  "Nadia Sarah Emily Grace Helen Julia Katarina Lucia Natalia Beata Agnieszka Chiara Ines Zainab Ngozi " +
  "Rachel Hannah Sigrid Astrid Mariam Yasmin Carmen Daniela Paula Renata Tamar Lina Noor Hana Kirsten"
).split(" ");
const MALE_FIRST = (
  "Vladimir Sergei Dmitry Andrii Oleksandr Pavel Tomasz Piotr Jan Emmanuel Olaf Friedrich Alexander " +
  "Jens Lars Mikko Antoni Luis Carlos Miguel Juan Pedro Ahmed Omar Hassan Ali Yusuf Ibrahim Kwame Chidi " +
  "Takeshi Hiroshi Wei Jun Raj Arjun Vikram David Michael James Robert Thomas Mark Paul Stefan Mateusz"
).split(" ");
const SYLLABLES = (
  "ka ko ve ra mi lo sa to ne ri da ba de ma ta li no ha si go be ru mo za pe la ni ve ko sha zho " +
  "bor vin tal mar ser dan kel pol gor len vis tan rod lem"
).split(" ");
const SURNAME_ENDINGS = (
  "ov ova enko ski ska son sen ez es ani ura berg stein ic ovic escu idis oglu ian ashvili ko ardt " +
  "ini etti ova ik ek man well ford ton ley ridge"
).split(" ");
const SPEECH_VERBS = [
  "said", "said", "said", "stated", "told reporters", "warned", "asserted", "noted", "added", "insisted",
  "argued", "cautioned", "emphasized", "claimed", "explained", "reiterated", "told the BBC", "wrote",
];
const REPORTING_VERBS = ["said", "warned", "insisted", "argued", "claimed", "noted", "stressed", "acknowledged", "announced"];
const STANCE_OPENERS = ["accused", "rejected", "backed", "criticised", "urged", "called for", "demanded", "supported", "opposed"];
const NOUNS = ["plan", "talks", "proposal", "deal", "decision", "agreement", "report", "deployment", "investigation", "sanctions"];
const STOP = new Set(
  "the a an and or but of to in on at for with by from as is was were be been are that this these those it its he she they we his her their our not no has have had will would can could than then there which who whom what when where while also into after before about over under between".split(
    " ",
  ),
);

/** Everything the generator learns once from the real articles. */
interface Models {
  narrative: MarkovModel;
  speech: MarkovModel;
  lexicon: string[];
  properNouns: string[];
  wordZipf: Zipf;
  properZipf: Zipf;
  people: Person[];
  peopleZipf: Zipf;
}

const LEXICON_SIZE = 40_000;
const PROPER_SIZE = 12_000;
const PEOPLE = 3_000;

function trainModels(seed: number): Models {
  const narrativeSentences: string[] = [];
  const quoted: string[] = [];
  for (const file of SEED_FILES) {
    // The body only: some fixtures' front matter is deliberately loose, and only the words matter here.
    const body = readFileSync(file, "utf8").replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, "");
    for (const paragraph of splitParagraphs(body)) {
      for (const span of splitSentences(paragraph)) {
        const hasQuote = /[“"]/.test(span.text);
        if (!hasQuote) narrativeSentences.push(span.text);
        for (const match of span.text.matchAll(/[“"]([^”"]{12,})[”"]/g)) quoted.push(match[1]!);
      }
    }
  }
  const rng = Rng.derive(seed, "lexicon");
  const words = new Set<string>();
  while (words.size < LEXICON_SIZE) words.add(inventWord(rng, rng.int(2, 4)));
  const proper = new Set<string>();
  while (proper.size < PROPER_SIZE) proper.add(capitalize(inventWord(rng, rng.int(2, 3))));
  const people: Person[] = [];
  const names = new Set<string>();
  while (people.length < PEOPLE) {
    const female = rng.chance(0.4);
    const first = rng.pick(female ? FEMALE_FIRST : MALE_FIRST);
    const last = capitalize(rng.pick(SYLLABLES) + (rng.chance(0.5) ? rng.pick(SYLLABLES) : "") + rng.pick(SURNAME_ENDINGS));
    const name = `${first} ${last}`;
    if (names.has(name) || names.has(last)) continue;
    names.add(name);
    names.add(last);
    people.push({ first, last, name, female, title: rng.pick(TITLES), country: rng.pick(COUNTRIES) });
  }
  return {
    narrative: new MarkovModel().train(narrativeSentences),
    speech: new MarkovModel().train([...quoted, ...quoted, ...narrativeSentences]),
    lexicon: [...words],
    properNouns: [...proper],
    wordZipf: new Zipf(LEXICON_SIZE, 1.1, 40),
    properZipf: new Zipf(PROPER_SIZE, 1, 20),
    people,
    peopleZipf: new Zipf(PEOPLE, 0.9, 3),
  };
}

function inventWord(rng: Rng, syllables: number): string {
  let word = "";
  for (let k = 0; k < syllables; k++) word += rng.pick(SYLLABLES);
  return rng.chance(0.35) ? word + rng.pick(["s", "ing", "ed", "er", "tion", "ment", "al", "ity"]) : word;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Writes one article's sentences; `models` and the seed decide everything. */
class ArticleWriter {
  private readonly topic: string[];
  private lastSpeaker: Person | null = null;
  private readonly introduced = new Set<Person>();
  readonly quotes: Array<{ text: string; speaker: Person }> = [];

  constructor(
    private readonly models: Models,
    private readonly rng: Rng,
    readonly speakers: Person[],
  ) {
    this.topic = Array.from({ length: 4 }, () => models.lexicon[models.wordZipf.draw(rng)]!);
  }

  /** Tokens with some words swapped for invented ones: the article's topic words, then the Zipf vocabulary. */
  private vary(tokens: string[]): string[] {
    return tokens.map((token, k) => {
      if (/^\p{Ll}[\p{L}]{3,}$/u.test(token) && !STOP.has(token)) {
        if (this.rng.chance(0.04)) return this.rng.pick(this.topic);
        if (this.rng.chance(0.1)) return this.models.lexicon[this.models.wordZipf.draw(this.rng)]!;
      } else if (k > 0 && /^\p{Lu}\p{Ll}{2,}$/u.test(token) && this.rng.chance(0.15)) {
        return this.models.properNouns[this.models.properZipf.draw(this.rng)]!;
      }
      return token;
    });
  }

  narrative(): string {
    const tokens = this.vary(this.models.narrative.sentence(this.rng, 8, 34));
    if (this.rng.chance(0.15)) {
      const who = this.speakers[this.rng.int(0, this.speakers.length - 1)]!;
      const rest = detokenize(tokens);
      return `${this.refer(who, false)} ${this.rng.pick(STANCE_OPENERS)} ${lowerFirst(rest)}.`;
    }
    return `${detokenize(tokens)}.`;
  }

  /** A sentence with a quote, attributed in one of the ways news attributes quotes. */
  quoteSentence(): string {
    const who = this.lastSpeaker && this.rng.chance(0.3) ? this.lastSpeaker : this.speakers[this.rng.int(0, this.speakers.length - 1)]!;
    const words = detokenize(this.vary(this.models.speech.sentence(this.rng, 5, 24, 0.2)));
    const verb = this.rng.pick(SPEECH_VERBS);
    const form = this.rng.int(0, 9);
    const subject = this.refer(who, form !== 7);
    let sentence: string;
    let quoted: string;
    if (form <= 3) {
      quoted = capitalize(words);
      sentence = `“${quoted},” ${subject} ${verb}.`;
    } else if (form <= 5) {
      quoted = lowerFirst(words);
      sentence = `${capitalize(subject)} ${this.rng.pick(REPORTING_VERBS)} that “${quoted}.”`;
    } else if (form === 6) {
      quoted = capitalize(words);
      sentence = `${capitalize(subject)} ${verb}: “${quoted}.”`;
    } else if (form === 7) {
      quoted = lowerFirst(words.split(" ").slice(0, this.rng.int(3, 7)).join(" ").replace(/[,;:(]$/, ""));
      sentence = `According to ${subject}, the ${this.rng.pick(NOUNS)} was “${quoted}”.`;
    } else if (form === 8) {
      quoted = lowerFirst(words.split(" ").slice(0, this.rng.int(2, 6)).join(" ").replace(/[,;:(]$/, ""));
      sentence = `${capitalize(subject)} called the ${this.rng.pick(NOUNS)} “${quoted}”.`;
    } else {
      const second = detokenize(this.vary(this.models.speech.sentence(this.rng, 4, 14, 0.2)));
      quoted = `${capitalize(words)}. ${capitalize(second)}`;
      sentence = `“${quoted},” ${subject} ${verb}.`;
    }
    this.quotes.push({ text: quoted, speaker: who });
    this.lastSpeaker = who;
    return sentence;
  }

  /** Full name, title and country the first time; surname, role noun or pronoun after. */
  private refer(who: Person, pronounOk: boolean): string {
    if (!this.introduced.has(who)) {
      this.introduced.add(who);
      return `${who.country.adjective} ${who.title} ${who.name}`;
    }
    if (pronounOk && who === this.lastSpeaker && this.rng.chance(0.4)) return who.female ? "she" : "he";
    if (this.rng.chance(0.15)) return `the ${who.country.adjective} ${who.title.toLowerCase()}`;
    return who.last;
  }
}

function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) && !/^(I|I’m)\b/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function slug(text: string, words: number): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0)
    .slice(0, words)
    .join("-");
}

const modelsBySeed = new Map<number, Models>();

function modelsFor(seed: number): Models {
  let models = modelsBySeed.get(seed);
  if (!models) modelsBySeed.set(seed, (models = trainModels(seed)));
  return models;
}

/** Article `i` of the corpus for `seed`. */
export function generateArticle(seed: number, i: number): { article: Article; quotes: GeneratedQuote[]; speakers: Person[] } {
  const models = modelsFor(seed);
  const rng = Rng.derive(seed, "article", i);
  const speakers = new Set<Person>();
  const wanted = rng.int(2, 5);
  while (speakers.size < wanted) speakers.add(models.people[models.peopleZipf.draw(rng)]!);
  const writer = new ArticleWriter(models, rng, [...speakers]);
  const lead = [...speakers][0]!;
  const headline = detokenize(models.narrative.sentence(rng, 5, 9, 0.4));
  const title = rng.chance(0.5) ? `${lead.last} ${rng.pick(["says", "warns", "rejects", "backs", "calls for"])} ${lowerFirst(headline)}` : capitalize(headline);
  const paragraphs: string[] = [];
  const count = rng.int(10, 16);
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    const length = rng.int(2, 4);
    for (let s = 0; s < length; s++) sentences.push(rng.chance(0.3) ? writer.quoteSentence() : writer.narrative());
    paragraphs.push(sentences.join(" "));
  }
  const id = `a${String(i).padStart(5, "0")}-${slug(title, 5) || "article"}`.slice(0, 60).replace(/-+$/, "");
  const published = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000 * 7).toISOString().slice(0, 10);
  return {
    article: { id, title, source: "Citebot benchmark (synthetic)", published, paragraphs },
    quotes: writer.quotes.map((quote) => ({ doc: id, text: quote.text, speaker: quote.speaker.name })),
    speakers: writer.speakers,
  };
}

/** The first `size` articles of the corpus for `seed`. */
export function generateCorpus(size: number, seed = 20_251_125): GeneratedCorpus {
  const articles: Article[] = [];
  const quotes: GeneratedQuote[] = [];
  const speakers = new Set<Person>();
  let bytes = 0;
  for (let i = 0; i < size; i++) {
    const generated = generateArticle(seed, i);
    articles.push(generated.article);
    quotes.push(...generated.quotes);
    for (const person of generated.speakers) speakers.add(person);
    bytes += Buffer.byteLength(generated.article.title) + generated.article.paragraphs.reduce((sum, p) => sum + Buffer.byteLength(p) + 2, 0);
  }
  return { articles, quotes, speakers: [...speakers], lexicon: modelsFor(seed).lexicon, bytes };
}

/** The people who speak in the seed corpus, for position and autocomplete queries over it. */
const SEED_SPEAKERS: Array<[string, string, boolean, string]> = [
  ["Vladimir Putin", "President", false, "Russia"],
  ["Volodymyr Zelensky", "President", false, "Ukraine"],
  ["Emmanuel Macron", "President", false, "France"],
  ["Friedrich Merz", "Chancellor", false, "Germany"],
  ["Alexander Stubb", "President", false, "Finland"],
  ["Donald Trump", "President", false, "United States"],
  ["Yuri Ushakov", "senior adviser", false, "Russia"],
  ["Andrii Sybhia", "Foreign Minister", false, "Ukraine"],
];

/** The real seed corpus (the `corpus/` folder) in the generator's shape, so the same queries can be built over it. */
export async function seedCorpus(dir = path.join(ROOT, "corpus")): Promise<GeneratedCorpus> {
  const { articles } = await loadCorpus(dir);
  const quotes: GeneratedQuote[] = [];
  let bytes = 0;
  for (const article of articles) {
    for (const paragraph of article.paragraphs) {
      bytes += Buffer.byteLength(paragraph) + 2;
      for (const match of paragraph.matchAll(/[“"]([^”"]{8,})[”"]/g)) quotes.push({ doc: article.id, text: match[1]!.replace(/[,.]$/, ""), speaker: "" });
    }
  }
  const speakers = SEED_SPEAKERS.map(([name, title, female, country]) => {
    const [first, ...rest] = name.split(" ");
    return { first: first!, last: rest.join(" "), name, female, title, country: COUNTRIES.find((c) => c.name === country)! };
  });
  return { articles, quotes, speakers, lexicon: modelsFor(20_251_125).lexicon, bytes };
}

/** Renders an article as a corpus file (front matter and paragraphs), for tools that read folders. */
export function toMarkdown(article: Article): string {
  const front = [`title: ${JSON.stringify(article.title)}`, `source: ${JSON.stringify(article.source)}`, `published: ${article.published}`];
  return `---\n${front.join("\n")}\n---\n\n${article.paragraphs.join("\n\n")}\n`;
}

export { tokenize };
