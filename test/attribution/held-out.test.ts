import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../../src/attribution/analyze";
import { parsePlainArticle } from "../../src/corpus/parse";
import { toPassages } from "../../src/passages/passages";

/**
 * Held-out articles: English Wikinews articles (CC BY 2.5, detokenised from the AMALGUM corpus)
 * whose speakers were annotated by hand before the engine was run on them, to measure how the
 * rules generalize. Batch 1 (bribery to benn) scored 50/65 quoted sentences (76.9%) before the
 * fixes made for it; batch 2 (aretha to ajax), measured with those fixes, 32/42 (76.2%) before its
 * own; batch 3 (armed to california), with the fixes of both, 50/53 (94.3%); batch 4
 * (archaeologist, anjouan), with the fixes of all three, 17/17.
 * Every quote, its speaker by paragraph.sentence (null where the article does not say who spoke).
 */
const EXPECTED: Record<string, Record<string, string | null>> = {
  bribery: {
    "1.2": "Chinese court",
    "2.3": "Zhu Rongji",
    "9.1": "Chinese court",
    "9.2": "court officials",
    "10.1": "Lai",
    "10.2": "Lai",
  },
  aitchison: {
    "2.3": "Lord Kinclaven",
    "7.1": "Norrie",
    "7.2": "Norrie",
    "8.1": "Claire Aitchison",
    "8.2": "Claire Aitchison",
    "8.4": "Norrie Aitchison",
    "9.1": "Andy Logan",
    "9.2": "Andy Logan",
    "9.3": "Liam Murphy",
    "9.4": "Liam Murphy",
  },
  brady: {
    "2.2": "Brady Campaign and Center to Prevent Gun Violence",
    "4.2": "Sarah Brady",
    "5.2": "Nancy Reagan",
    "6.2": "Gabrielle Giffords",
  },
  allegations: {
    "2.1": "Hosni Mubarak",
    "4.1": "Hosni Mubarak",
    "4.2": "Hosni Mubarak",
    "5.1": "Hosni Mubarak",
    "5.2": "Hosni Mubarak",
  },
  bomber: {
    "4.2": "Humam Khalil Abu-Mulal al-Balawi",
    "5.1": "Jarret Brachman",
    "6.1": "Evan Kohlmann",
    "8.1": "U.S. military's intelligence chief in Afghanistan",
    "11.2": "George Little",
    "12.1": "Leon Panetta",
    "13.2": "Petra",
  },
  buffon: {
    "6.1": "Gianluigi Buffon",
    "7.1": "Nasser Al-Khelaïfi",
  },
  catholic: {
    "4.1": "John Fritchey",
    "5.1": "Cardinal Francis George",
  },
  boycott: {
    "2.2": "Mícheál MacDonncha",
    "2.3": "Mícheál MacDonncha",
    "3.1": "Netta",
    "4.1": "Benjamin Netanyahu",
    "5.1": "Mícheál MacDonncha",
    "5.2": "Órla Nic Biorna",
    "6.1": "Nessa Childers",
    "6.2": "Lynn Boylan",
    "6.3": "Emmett O'Brien",
    "7.6": "Dublin city council",
    "8.2": "Vänsterpartiet Malmö",
  },
  bianchi: {
    "4.5": "Philippe",
    "6.2": "FIA",
    "8.2": "Max Chilton",
  },
  cannabis: {
    "4.1": "one attendee",
    "4.2": "A second attendee",
  },
  canadian: {
    "1.2": "Mohamed Kohail",
    "5.1": "Mohamed Kohail",
    "6.1": "Mohamed Kohail",
    "7.2": "a relative",
    "8.2": "Lawrence Cannon",
    "12.1": "Stockwell Day",
  },
  benn: {
    "3.1": "Wikinews",
    "4.2": "Thatcher",
  },
  aretha: {
    "2.1": "Gwendolyn Quinn",
    "5.5": "Aretha Louise Franklin",
    "6.2": "Barack Obama",
  },
  bailout: {
    "2.1": "Harry Reid",
    "5.2": "Steve Ellis",
    "7.1": "Jim Ramstad",
    "7.2": "Jim Ramstad",
    "8.2": "Marcy Kaptur",
    "9.1": null,
    "10.2": "Congressional Website",
  },
  airstrikes: {
    "3.1": "Tom Holloway",
    "3.2": "Tom Holloway",
    "5.1": "Salah al-Obaidi",
    "6.1": "Nouri al-Maliki",
    "7.1": "Nouri al-Maliki",
    "7.2": "Nouri al-Maliki",
    "9.3": "one policeman",
    "10.3": "Nassar al-Rubaie",
    "10.4": "Nassar al-Rubaie",
  },
  afghanistan: {
    "2.2": "Mohammad Aref Jalali",
    "3.1": "Mohammad Aref Jalali",
    "4.2": "James L. Jones",
    "5.1": "Greg Julian",
    "6.1": "Hamid Karzai",
    "7.1": "James L. Jones",
  },
  brussels: {
    "2.1": "Dimitri Verdonck",
    "5.1": "Elio De Bolle",
    "6.1": "Bianca Debaets",
  },
  bombings: {
    "6.2": "Yasmeen Afdhal",
    "8.2": "Hamid Saadi",
    "10.2": "Nouri Maliki",
    "10.3": "Nouri Maliki",
  },
  akihito: {
    "5.3": "Isao Tokoro",
    "9.2": "Jeff Kingston",
    "9.3": "Jeff Kingston",
  },
  adele: {
    "4.5": "Adele",
    "5.2": "Adele",
    "6.1": "Adele",
    "9.5": "Tyler Joseph",
  },
  ajax: {
    "6.1": "Peter Bosz",
    "7.1": "José Mourinho",
  },
  armed: {
    "2.3": "Los Angeles Times",
    "3.1": "Wael Ghonim",
    "3.3": "Mohamed ElBaradei",
    "4.2": "Supreme Council of the Armed Forces",
    "7.4": "Youth Coalition",
  },
  basra: {
    "3.3": "Nouri al-Maliki",
    "5.1": "Kevin Bergner",
    "6.1": "Anthony Cordesman",
    "6.2": "Anthony Cordesman",
    "7.2": "Kevin Bergner",
    "7.3": "Kevin Bergner",
    "7.4": "A 2006 US report",
    "8.2": "Muqtada al-Sadr",
    "9.1": "Harith al-Ithari",
    "10.3": "Hazem al-Nuaeimi",
    "11.1": "Faris Hayder",
    "11.2": "Faris Hayder",
    "12.1": "Kevin Bergner",
    "12.2": "Kevin Bergner",
  },
  boycotts: {
    "2.1": "Gilad Erdan",
    "4.1": "Fatin al-Tamimi",
    "5.1": "Arye Derry",
    "6.1": "Rebecca Vilkomerson",
  },
  bin: {
    "1.2": "United Nations",
    "2.1": "Barack Obama",
    "2.2": "Barack Obama",
    "2.3": "Barack Obama",
    "3.2": "Anders Fogh Rasmussen",
    "3.3": "Anders Fogh Rasmussen",
    "4.2": "Ban Ki-moon",
    "5.1": "David Cameron",
    "5.2": "Minster Silvio Berlusconi",
    "6.1": "Angela Merkel",
    "6.2": "Angela Merkel",
    "6.3": "Angela Merkel",
    "7.2": "Jiang Yu",
    "8.2": "Julia Gillard",
    "8.3": "Julia Gillard",
    "8.4": "Nicolas Sarkozy",
  },
  aids: {
    "9.1": "Tanya Weaver",
    "9.2": "Tanya Weaver",
    "13.1": "Jim Luce",
    "13.2": "Jim Luce",
  },
  california: {
    "3.1": "Bernard Schwartz",
    "3.2": "Bernard Schwartz",
    "5.1": "father",
    "6.1": "mother",
    "7.1": "One of the children",
    // "One of them" may be another child: no speaker rather than a guess.
    "8.1": null,
  },
  archaeologist: {
    "2.2": "Zahi Hawass",
    "3.1": "Zahi Hawass",
    "5.1": "Zahi Hawass",
    "6.1": "Kathleen Martinez",
    "6.2": "Kathleen Martinez",
  },
  anjouan: {
    "3.2": "Abdourahim Said Bakar",
    "3.3": "Abdourahim Said Bakar",
    "6.1": "Abdourahim Said Bakar",
    "6.2": "Abdourahim Said Bakar",
    "9.2": "Ibrahim Moussa",
    "9.3": "Ibrahim Moussa",
    // The article spells the spokesman's name two ways; both are him, neither is Mohamed Bacar.
    "11.1": "Abdourahim Said Bacar",
    "11.2": "Abdourahim Said Bacar",
    "12.1": "Franck Berruyer",
    "13.2": "Ahmed Abdallah Mohamed Sambi",
    "14.2": "Thabo Mbeki",
    "14.3": "Thabo Mbeki",
  },
};

describe.each(Object.entries(EXPECTED))("quotes of the held-out %s article", (name, speakers) => {
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
