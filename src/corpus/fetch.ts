import http from "node:http";
import https from "node:https";
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { assertPublicLiteral, PrivateAddressError, publicOnlyLookup } from "./ssrf";

/** A link or a file that cannot become an article, with the reason in words a moderator can act on. */
export class ImportError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = "ImportError";
  }
}

/** Limits on fetching a page. */
export interface FetchOptions {
  /** The whole fetch, redirects and body included. */
  timeoutMs?: number;
  /** The most bytes of page, after decompression. */
  maxBytes?: number;
  /** Allow loopback, private and link-local addresses: tests and self-hosted sources. */
  allowPrivate?: boolean;
  maxRedirects?: number;
}

/** Defaults for {@link fetchPage}: generous for a news page, small enough for a bot. */
export const FETCH_DEFAULTS = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, allowPrivate: false, maxRedirects: 5 } as const;

/** A fetched web page. */
export interface FetchedPage {
  /** The URL after redirects. */
  url: string;
  html: string;
}

const HTML_TYPES = ["text/html", "application/xhtml+xml"];

/**
 * Fetches a web page: http(s) only, public addresses only unless allowed, HTML only, within a
 * time limit and a size limit, following a few redirects (each one checked again).
 * @throws ImportError saying what was refused and why
 */
export async function fetchPage(link: string, options: FetchOptions = {}): Promise<FetchedPage> {
  const { timeoutMs, maxBytes, allowPrivate, maxRedirects } = { ...FETCH_DEFAULTS, ...options };
  const signal = AbortSignal.timeout(timeoutMs);
  let url = parseLink(link);
  try {
    for (let redirects = 0; ; redirects++) {
      if (!allowPrivate) assertPublicLiteral(url.hostname);
      const response = await get(url, signal, allowPrivate);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirects >= maxRedirects) throw new ImportError(`${link} redirects more than ${maxRedirects} times`);
        url = parseLink(new URL(location, url).href);
        continue;
      }
      if (status !== 200) {
        response.resume();
        throw new ImportError(`${url.href} answered HTTP ${status}: check the link opens in a browser`);
      }
      const type = (response.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (!HTML_TYPES.includes(type)) {
        response.resume();
        throw new ImportError(`${url.href} is not a web page (content type ${type || "missing"}): link to the article's page, or upload a .md or .txt file`);
      }
      const declared = Number(response.headers["content-length"] ?? 0);
      if (declared > maxBytes) {
        response.resume();
        throw new ImportError(tooLarge(url, maxBytes));
      }
      const bytes = await readCapped(decoded(response), maxBytes, url);
      return { url: url.href, html: decodeHtml(bytes, response.headers["content-type"]) };
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (signal.aborted) throw new ImportError(`${url.href} did not answer within ${timeoutMs / 1000} s`);
    if (error instanceof PrivateAddressError) throw new ImportError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTFOUND" || code === "EAI_AGAIN") throw new ImportError(`${url.hostname} was not found: check the link`);
    throw new ImportError(`${url.href} could not be fetched: ${code ?? (error as Error).message}`);
  }
}

/** @throws ImportError unless `link` is an absolute http(s) URL */
function parseLink(link: string): URL {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    throw new ImportError(`"${link.slice(0, 200)}" is not a link: give a full address starting with https://`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ImportError(`${url.protocol} links are refused: only http and https`);
  if (url.username || url.password) throw new ImportError("links with a user name or password are refused");
  return url;
}

function get(url: URL, signal: AbortSignal, allowPrivate: boolean): Promise<http.IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, {
      signal,
      ...(allowPrivate ? {} : { lookup: publicOnlyLookup }),
      headers: {
        "user-agent": "Citebot/0.1 (news article import)",
        accept: "text/html,application/xhtml+xml;q=0.9",
        "accept-encoding": "gzip, deflate, br",
      },
    });
    request.once("response", resolve);
    request.once("error", reject);
  });
}

/** The body, decompressed when the server compressed it; pipeline passes a timeout's abort on to the reader. */
function decoded(response: http.IncomingMessage): Readable {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  const decompress =
    encoding === "gzip" || encoding === "x-gzip" ? createGunzip() : encoding === "deflate" ? createInflate() : encoding === "br" ? createBrotliDecompress() : undefined;
  return decompress ? pipeline(response, decompress, () => undefined) : response;
}

/** Reads a stream, stopping as soon as it passes `maxBytes`: a page that lies about its size, or a zip bomb, is cut off. */
async function readCapped(stream: Readable, maxBytes: number, url: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy();
      throw new ImportError(tooLarge(url, maxBytes));
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(url: URL, maxBytes: number): string {
  return `${url.href} is larger than ${Math.round(maxBytes / 1024)} KiB: that is not a news article page`;
}

/** Decodes HTML in the charset the header or a <meta charset> names; UTF-8 otherwise. */
function decodeHtml(bytes: Buffer, contentType: string | undefined): string {
  const label =
    /charset="?([\w-]+)/i.exec(contentType ?? "")?.[1] ??
    /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 2048).toString("latin1"))?.[1] ??
    "utf-8";
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
