import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/answers/engine";
import { extractArticle, fetchOptionsFromEnv, ImportError, previewFile, previewLink } from "../../src/corpus/import";
import { isPublicAddress } from "../../src/corpus/ssrf";
import { fixture, type NewsSite, newsPage, startNewsSite } from "./news-site";

const article = fixture("2007-11-28-annapolis-joint-understanding");
const MAX_BYTES = 256 * 1024;
const allowed = { allowPrivate: true, maxBytes: MAX_BYTES, timeoutMs: 2_000 };

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite(article, MAX_BYTES);
});
afterAll(() => site.close());

describe("previewLink", () => {
  it("extracts the article from a news page: metadata, and the paragraphs without navigation, ads or footer", async () => {
    const preview = await previewLink(`${site.base}/article`, allowed);
    expect(preview.draft.paragraphs).toEqual(article.paragraphs);
    expect(preview).toMatchObject({
      origin: `${site.base}/article`,
      title: article.title,
      source: "Wikinews",
      published: "2007-11-28",
      firstParagraph: article.paragraphs[0],
    });
    expect(preview.draft).toMatchObject({ url: `${site.base}/article`, author: "Wikinews contributors" });
  });

  it("counts passages, quotes and speakers as the engine will", async () => {
    const preview = await previewLink(`${site.base}/article`, allowed);
    const { passages, quotes, speakers } = Engine.fromArticles([{ ...article, id: "x" }]).stats();
    expect({ passages: preview.passages, quotes: preview.quotes, speakers: preview.speakers }).toEqual({ passages, quotes, speakers });
    expect(preview.passages).toBeGreaterThan(10);
    expect(preview.quotes).toBeGreaterThan(3);
    expect(preview.speakers).toBeGreaterThan(1);
  });

  it("follows a redirect and reads a gzipped page", async () => {
    expect((await previewLink(`${site.base}/redirect`, allowed)).origin).toBe(`${site.base}/article`);
    expect((await previewLink(`${site.base}/article.gz`, allowed)).draft.paragraphs).toEqual(article.paragraphs);
  });

  it("refuses loopback, private and link-local addresses unless allowed", async () => {
    for (const link of [`${site.base}/article`, `http://localhost:${new URL(site.base).port}/article`, "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/"]) {
      await expect(previewLink(link, { timeoutMs: 2_000 }), link).rejects.toThrow(/private, loopback or link-local.*CORPUS_ALLOW_PRIVATE_URLS/);
    }
  });

  it("reads the setting that allows private addresses from the environment", () => {
    expect(fetchOptionsFromEnv({})).toEqual({ allowPrivate: false });
    expect(fetchOptionsFromEnv({ CORPUS_ALLOW_PRIVATE_URLS: "true" })).toEqual({ allowPrivate: true });
    expect(() => fetchOptionsFromEnv({ CORPUS_ALLOW_PRIVATE_URLS: "yes" })).toThrow(/true or false/);
  });

  it("refuses what is not an http(s) link", async () => {
    await expect(previewLink("file:///etc/passwd")).rejects.toThrow(/file: links are refused/);
    await expect(previewLink("ftp://example.org/a")).rejects.toThrow(/only http and https/);
    await expect(previewLink("not a link")).rejects.toThrow(/is not a link/);
    await expect(previewLink("http://user:pw@example.org/")).rejects.toThrow(/user name or password/);
  });

  it("gives up on a page that does not answer in time", async () => {
    const started = Date.now();
    await expect(previewLink(`${site.base}/slow`, { ...allowed, timeoutMs: 300 })).rejects.toThrow(/did not answer within 0.3 s/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses what is not a web page, pages too large, missing pages, and pages with no article", async () => {
    await expect(previewLink(`${site.base}/pdf`, allowed)).rejects.toThrow(/not a web page \(content type application\/pdf\)/);
    await expect(previewLink(`${site.base}/huge`, allowed)).rejects.toThrow(/larger than 256 KiB/);
    await expect(previewLink(`${site.base}/huge-undeclared`, allowed)).rejects.toThrow(/larger than 256 KiB/);
    await expect(previewLink(`${site.base}/missing`, allowed)).rejects.toThrow(/answered HTTP 404/);
    await expect(previewLink(`${site.base}/nav-only`, allowed)).rejects.toThrow(/no article text/);
  });
});

describe("isPublicAddress", () => {
  it("tells public unicast addresses from the rest", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "localhost"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["8.8.8.8", "151.101.1.69", "2606:4700::1111"]) expect(isPublicAddress(address), address).toBe(true);
  });
});

describe("extractArticle", () => {
  it("drops the byline line and keeps a sentence that starts with By", () => {
    const page = newsPage({ ...article, paragraphs: ["By Tuesday, the leaders had met in Annapolis for the conference.", ...article.paragraphs.slice(1)] });
    expect(extractArticle(page, "https://example.org/a").paragraphs[0]).toBe("By Tuesday, the leaders had met in Annapolis for the conference.");
  });
});

describe("previewFile", () => {
  const md = (front: string, body = "A first paragraph.\n\nSaid \"something\", he said.\n") => Buffer.from(`---\n${front}\n---\n${body}`);

  it("previews a .md file in the corpus format and a .txt file with the title first", () => {
    const preview = previewFile(md('title: "A title"\nsource: The Daily\ndate: 2024-05-01'), "story.md");
    expect(preview).toMatchObject({ title: "A title", source: "The Daily", published: "2024-05-01", firstParagraph: "A first paragraph.", origin: "story.md" });
    expect(preview.passages).toBe(2);
    expect(previewFile(Buffer.from("Plain title\n\nOne.\n\nTwo.\n"), "plain.TXT")).toMatchObject({ title: "Plain title", passages: 2 });
  });

  it("refuses other types, large files, binary and non-UTF-8 files, and bad front matter, naming the problem", () => {
    expect(() => previewFile(Buffer.from("%PDF"), "story.pdf")).toThrow(/story\.pdf: only \.md .* and \.txt/);
    expect(() => previewFile(Buffer.alloc(2048, 0x61), "big.txt", 1024)).toThrow(/big\.txt: is 2 KiB; the limit is 1 KiB/);
    expect(() => previewFile(Buffer.from([0x54, 0x0a, 0x00, 0x41]), "nul.txt")).toThrow(/nul\.txt: is not a text file/);
    expect(() => previewFile(Buffer.from([0x54, 0xe9, 0x0a, 0x0a, 0x41]), "latin1.txt")).toThrow(/latin1\.txt: is not valid UTF-8/);
    expect(() => previewFile(md("url: https://example.org"), "no-title.md")).toThrow(/no-title\.md: title: the front matter needs a title/);
    expect(() => previewFile(md('title: "T"\nurl: ftp://x'), "bad-url.md")).toThrow(/bad-url\.md: url: url must be an http\(s\) link/);
    expect(() => previewFile(md('title: "T"\nsource: [unclosed'), "yaml.md")).toThrow(/yaml\.md: front matter is not valid YAML/);
    expect(() => previewFile(Buffer.from("no front matter"), "bare.md")).toThrow(/bare\.md: has no front matter/);
    expect(() => previewFile(md('title: "T"', "\n"), "empty.md")).toThrow(/empty\.md: has an empty body/);
    expect(() => previewFile(Buffer.from("x"), "../../etc/passwd.pdf")).toThrow(/^passwd\.pdf/);
  });

  it("throws ImportError, which callers show as is", () => {
    expect(() => previewFile(Buffer.from(""), "x.doc")).toThrow(ImportError);
  });
});
