import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Article } from "../../src/corpus/article";
import { parseArticle } from "../../src/corpus/parse";

/** A Wikinews fixture, parsed as the corpus would load it. */
export function fixture(name: string): Article {
  const file = path.join("test/fixtures/wikinews", `${name}.md`);
  return parseArticle("fixture", readFileSync(file, "utf8"), file);
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Renders an article as a news site would: og: and article: metadata, a navigation bar, an
 * advertisement, a byline, related links and a footer around the article's paragraphs.
 */
export function newsPage(article: Article): string {
  const day = article.published ?? "2017-01-13";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(article.title)} - Wikinews, the free news source</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:type" content="article">
<meta property="og:title" content="${escape(article.title)}">
<meta property="og:site_name" content="Wikinews">
<meta property="og:url" content="${escape(article.url ?? "")}">
<meta property="article:published_time" content="${day}T09:30:00Z">
<meta name="author" content="Wikinews contributors">
<link rel="stylesheet" href="/static/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body class="article-page">
<header class="site-header">
  <a class="logo" href="/">Wikinews</a>
  <nav class="main-nav"><ul>
    <li><a href="/wiki/Main_Page">Main page</a></li><li><a href="/wiki/World">World</a></li>
    <li><a href="/wiki/Politics">Politics and conflicts</a></li><li><a href="/wiki/Sports">Sports</a></li>
    <li><a href="/wiki/Random">Random article</a></li><li><a href="/login">Log in</a></li>
  </ul></nav>
  <form class="search" action="/search"><input name="q" placeholder="Search Wikinews"></form>
</header>
<div class="ad ad-banner" id="top-ad"><a href="https://ads.example/click">Advertisement: Subscribe now and get 3 months for only $1! Limited offer.</a></div>
<main id="content">
  <article class="news-article">
    <h1 class="headline">${escape(article.title)}</h1>
    <div class="meta"><span class="byline">By Wikinews contributors</span> · <time datetime="${day}">${day}</time></div>
    <div class="article-body">
${article.paragraphs.map((p) => `      <p>${escape(p)}</p>`).join("\n")}
    </div>
    <div class="share"><a href="/share/twitter">Share on Twitter</a> <a href="/share/facebook">Share on Facebook</a></div>
  </article>
  <aside class="related"><h2>Related news</h2><ul>
    <li><a href="/wiki/a">NATO holds summit in Warsaw</a></li>
    <li><a href="/wiki/b">US expels 35 Russian diplomats</a></li>
  </ul></aside>
  <div class="ad ad-sidebar">Sponsored: The one trick bankers hate. Click here.</div>
</main>
<footer class="site-footer">
  <p>All text created after September 25, 2005 available under the terms of the Creative Commons Attribution 2.5 License.</p>
  <p><a href="/privacy">Privacy policy</a> · <a href="/about">About Wikinews</a> · <a href="/disclaimer">Disclaimers</a></p>
</footer>
</body>
</html>`;
}

/** A local HTTP server on 127.0.0.1 with pages that exercise every refusal. */
export interface NewsSite {
  /** The base URL, such as http://127.0.0.1:12345 */
  base: string;
  close(): Promise<void>;
}

/** Routes: /article, /article.gz, /redirect, /slow, /pdf, /huge, /huge-undeclared, /nav-only, /missing. */
export async function startNewsSite(article: Article, maxBytes: number): Promise<NewsSite> {
  const html = newsPage(article);
  const server = http.createServer((request, response) => {
    switch (request.url) {
      case "/article":
        return void response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      case "/article.gz":
        return void response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" }).end(gzipSync(html));
      case "/redirect":
        return void response.writeHead(302, { location: "/article" }).end();
      case "/slow":
        return; // never answers
      case "/pdf":
        return void response.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4\n");
      case "/huge":
        return void response.writeHead(200, { "content-type": "text/html", "content-length": String(maxBytes + 1) }).end("x".repeat(maxBytes + 1));
      case "/huge-undeclared": {
        // Chunked, no length: the cap must cut it off while reading.
        response.writeHead(200, { "content-type": "text/html" });
        const chunk = `<p>${"filler ".repeat(1000)}</p>`;
        const write = (left: number): void => {
          if (left <= 0 || response.destroyed) return void response.end();
          response.write(chunk, () => write(left - chunk.length));
        };
        return write(maxBytes * 2);
      }
      case "/nav-only":
        return void response
          .writeHead(200, { "content-type": "text/html" })
          .end('<!DOCTYPE html><html><head><title>Index</title></head><body><nav><a href="/a">World</a> <a href="/b">Sports</a></nav><footer>© News</footer></body></html>');
      default:
        return void response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
