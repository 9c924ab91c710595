import { MentionIndex } from "../../src/answers/mentions";
import { stanceFlags } from "../../src/answers/position";
import { analyzeArticle } from "../../src/attribution/analyze";
import { TextIndex, tokenizeTexts } from "../../src/index/text-index";
import { toPassages } from "../../src/passages/passages";
import { generateCorpus } from "./generate";
import { round, timed } from "./measure";

/**
 * Where an engine build spends its time, stage by stage: `tsx scripts/bench/profile.ts [articles]`.
 * The stages mirror Engine.fromArticles; the figures point at what to optimize first.
 */
const size = Number(process.argv[2] ?? 1000);
const corpus = generateCorpus(size);
const passages = timed(() => corpus.articles.map((article) => toPassages(article)));
const analysis = timed(() => corpus.articles.map((article, k) => analyzeArticle(article, passages.value[k]!)));
const flat = passages.value.flat();
const titles = new Map(corpus.articles.map((article) => [article.id, article.title]));
const passageTerms = timed(() => tokenizeTexts(flat.map((p) => ({ id: p.id, text: p.text, context: titles.get(p.doc) ?? "" }))));
const passageIndex = timed(() => TextIndex.fromTokenized([passageTerms.value]));
const quotes = analysis.value.flatMap((a) => a.quotes);
const quoteIndex = timed(() => new TextIndex(quotes.map((q) => ({ id: q.id, text: q.text }))));
const mentions = timed(() => MentionIndex.build(flat.map((p) => p.text)));
const stance = timed(() => stanceFlags(passageTerms.value));
const mb = corpus.bytes / 2 ** 20;
console.log({
  articles: size,
  textMB: round(mb),
  passages: flat.length,
  quotes: quotes.length,
  passagesMs: round(passages.ms, 0),
  attributionMs: round(analysis.ms, 0),
  passageTermsMs: round(passageTerms.ms, 0),
  passageIndexMs: round(passageIndex.ms, 0),
  quoteIndexMs: round(quoteIndex.ms, 0),
  mentionIndexMs: round(mentions.ms, 0),
  stanceMs: round(stance.ms, 0),
  attributionMBps: round(mb / (analysis.ms / 1000), 2),
});
