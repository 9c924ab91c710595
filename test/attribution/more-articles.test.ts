import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/attribution/analyze";
import { parsePlainArticle } from "../../src/corpus/parse";
import { toPassages } from "../../src/passages/passages";

/**
 * More articles, checked after the gold articles to see the rules generalize: Wikinews articles
 * (CC BY 2.5, detokenised from the AMALGUM corpus) and some written for these tests, in US
 * wire-service and political style and in British style (single quotation marks). Every quote,
 * its speaker by paragraph.sentence (null where the article does not say who spoke).
 */
const EXPECTED: Record<string, Record<string, string | null>> = {
  betancourt: {
    "2.1": "Íngrid Betancourt",
    "3.1": "Íngrid Betancourt",
    "3.2": "Íngrid Betancourt",
    "3.3": "Nicolas Sarkozy",
    "5.1": "Íngrid Betancourt",
    "5.2": "Íngrid Betancourt",
    "6.2": "Íngrid Betancourt",
    "6.3": "Nicolas Sarkozy",
    "8.2": "Íngrid Betancourt",
    "9.2": "Íngrid Betancourt",
    "9.3": "Íngrid Betancourt",
  },
  ahmadinejad: {
    "2.1": "Lee Bollinger",
    "3.1": "Mahmoud Ahmadinejad",
    "4.2": "Mahmoud Ahmadinejad",
    "5.2": "Mahmoud Ahmadinejad",
    "6.2": "Mahmoud Ahmadinejad",
    "6.3": "Mahmoud Ahmadinejad",
    "7.1": "Mahmoud Ahmadinejad",
    "7.2": "Mahmoud Ahmadinejad",
    "7.3": "Mahmoud Ahmadinejad",
    "9.1": "Mahmoud Ahmadinejad",
    "10.2": "Mahmoud Ahmadinejad",
    "11.1": "Mahmoud Ahmadinejad",
  },
  annan: {
    "2.1": "Kofi Annan",
    "2.2": "Kofi Annan",
    "7.1": "Kofi Annan",
    "11.1": "Hassan Omar",
    "11.2": "Hassan Omar",
    "13.2": "William Ruto",
  },
  amnesty: {
    "2.2": "Amnesty International",
    "4.2": "Jenny Leong",
    "6.2": "Hassiba Hadj Sahraoui",
    "7.2": "Amnesty International",
  },
  shorts: {
    "3.2": "Elio Riboli",
    "4.1": "EU's agriculture commissioner",
  },
  shorts2: {
    "1.1": "Tarek Mitri",
    "2.2": "Wyclef Jean",
    "2.3": "His younger brother",
    "3.1": "Imran Khan",
    "3.2": "Imran Khan",
  },
  castro: {
    "1.1": "Carlos Lage",
    "1.2": "Ricardo Alcaron",
    "2.1": "Carlos Lage",
    "2.2": "Carlos Lage",
    "3.1": "Hugo Chavez",
    "4.1": "Hugo Chavez",
    "4.2": "Hugo Chavez",
    "6.1": "Condoleezza Rice",
  },
  bonner: {
    "2.2": "Jerzy Buzek",
    "3.2": "Washington Post",
    "4.3": "Washington Post",
  },
  ali: {
    "3.1": "Mohammed Oreibi al-Khalifa",
    "4.1": "Ali Hassan al-Majid",
    "4.2": "Reuters",
    "5.2": "Sultan Hashim Ahmad al-Tal",
    "6.3": "Hussein Rashid Mohammed",
  },
  arrests: {
    "2.2": "Deniz Baykal",
    "3.2": "Mehmet Ali Şahin",
    "4.2": "source",
    "4.3": "source",
    "5.1": "Wolfango Piccoli",
  },
  amtrak: {
    "1.2": "Robert Sumwalt",
    "2.2": "Henry McMaster",
    "3.1": "Derrec Becker",
    "4.2": "Derek Pettaway",
    "5.1": "Robert Sumwalt",
  },
  bush: {
    "1.2": "Bertie Ahern",
    "1.3": "Bertie Ahern",
    "2.1": "Bush",
    "3.1": "Bush",
    "4.2": "Bertie Ahern",
  },
  bbc: {
    "1.1": "Jasper Gerard",
    "2.2": "Jasper Gerard",
    "3.3": "Sinchai Rongdej",
    "4.1": "Arnon Manasvanich",
    "5.1": "Sonthichai Awatanakulthep",
    "6.1": "US Secretary of State",
  },
  aid: {
    "2.1": "Central Intelligence Agency",
    "3.2": "Gebremedhin Araya",
    "4.1": "Peberdy",
    "4.2": "Peberdy",
    "5.3": "Aregawi Berhe",
    "5.4": "Aregawi Berhe",
    "6.1": "Christian Aid",
    "7.1": "Nick Guttmann",
    "7.2": "Nick Guttmann",
    "8.1": "Bob Geldof",
  },
  airasia: {
    "1.2": "Iriyanto",
    "2.1": "Muhammad Alwi",
    "3.2": "Tony Fernandes",
    "4.1": "Terence Fan",
    "5.2": "Jean-Paul Troadec",
  },
  binyam: {
    "1.1": null,
    "2.1": null,
    "3.1": "David Miliband",
    "4.1": "Ivan Lewis",
    "4.2": null,
    "4.3": "Ivan Lewis",
    "5.1": "Ivan Lewis",
  },
  cartoonist: {
    "2.1": "coffee growers association",
    "3.3": null,
    "4.1": "Julio Cesar Gonzalez",
    "5.2": "Daily News",
  },
  "wire-style": {
    "1.1": "Zelensky",
    "2.1": "Zelensky",
    "2.2": "Zelensky",
    "3.2": "Dmitry Peskov",
    "4.1": "Dmitry Peskov",
    "5.2": "Kaja Kallas",
    "5.3": "Kaja Kallas",
    "6.1": "Marco Rubio",
    "7.1": "Trump",
    "8.1": "Trump",
    "9.1": "president",
    "10.1": "A senior European diplomat",
    "11.1": "Ukraine's foreign ministry",
    "11.2": "Ukraine's foreign ministry",
    "12.1": "Mark Rutte",
    "12.2": "Mark Rutte",
    "13.1": "Financial Times",
    "14.2": "Dmitry Peskov",
    "15.1": "Donald Tusk",
    "16.1": "Donald Tusk",
    "17.1": "Viktor Orbán",
    "18.1": "Marco Rubio",
    "18.2": "Marco Rubio",
  },
  "british-style": {
    "1.1": "Boris Johnson",
    "1.2": "Boris Johnson",
    "2.1": "Keir Starmer",
    "2.2": "Keir Starmer",
    "3.1": "Ian Blackford",
    "3.2": "Ian Blackford",
    "4.1": "Ursula von der Leyen",
    "4.2": "Ursula von der Leyen",
    "5.2": "Barrie Deas",
  },
  "us-style": {
    "1.1": "Elizabeth Warren",
    "2.1": "Kevin McCarthy",
    "3.1": "Karine Jean-Pierre",
    "3.2": "Karine Jean-Pierre",
    "4.1": "Chuck Schumer",
    "5.1": "Jerome Powell",
    "5.2": "Jerome Powell",
    "6.1": "Maria Lopez",
    "6.2": "Maria Lopez",
    "7.2": "Tom Becker",
  },
};

describe.each(Object.entries(EXPECTED))("quotes of the %s article", (name, speakers) => {
  const article = parsePlainArticle(name, readFileSync(`test/attribution/articles/${name}.txt`, "utf8"), name);
  const { quotes } = analyzeArticle(article, toPassages(article));

  it("are all found in the expected sentences", () => {
    expect([...new Set(quotes.map((q) => q.passage.split(":")[1]))]).toEqual(Object.keys(speakers));
  });

  it("are each attributed to their speaker", () => {
    const wrong = quotes.filter((q) => speakers[q.passage.split(":")[1]!] !== q.speaker).map((q) => `${q.passage} "${q.text.slice(0, 40)}" -> ${q.speaker}`);
    expect(wrong).toEqual([]);
  });
});
