/**
 * General English news knowledge about parties: countries and blocs, the words that stand for
 * them (short forms, demonyms, capitals, seats of government), and the bloc each belongs to.
 * Nothing here knows any one article.
 */

import { memoize } from "../index/normalize";

/**
 * One row per party: `Name|bloc|terms`, terms comma-separated (short forms, demonyms, capital,
 * seats of government). Kept as a table so adding a country is adding a line. "European leaders"
 * in the news are the EU's and its neighbours', not Moscow's or Kyiv's: the countries east of the
 * EU form a bloc of their own.
 */
const PARTY_TABLE = `
United States|North America|US,U.S.,USA,U.S.A.,United States of America,America,American,Americans,Washington,White House,Pentagon,State Department,Capitol Hill
Canada|North America|Canadian,Ottawa
Mexico|North America|Mexican,Mexico City
Cuba|North America|Cuban,Havana
Haiti|North America|Haitian,Port-au-Prince
Guatemala|North America|Guatemalan,Guatemala City
Honduras|North America|Honduran,Tegucigalpa
El Salvador|North America|Salvadoran,San Salvador
Nicaragua|North America|Nicaraguan,Managua
Panama|North America|Panamanian,Panama City
Brazil|South America|Brazilian,Brasília,Brasilia,Planalto
Argentina|South America|Argentine,Argentinian,Buenos Aires,Casa Rosada
Chile|South America|Chilean,Santiago
Colombia|South America|Colombian,Bogotá,Bogota
Peru|South America|Peruvian,Lima
Venezuela|South America|Venezuelan,Caracas,Miraflores
Ecuador|South America|Ecuadorian,Quito
Bolivia|South America|Bolivian,La Paz
Paraguay|South America|Paraguayan,Asunción
Uruguay|South America|Uruguayan,Montevideo
United Kingdom|Europe|UK,U.K.,Britain,Great Britain,British,Briton,Britons,London,Downing Street,Whitehall,Westminster
Ireland|Europe|Irish,Dublin
France|Europe|French,Paris,Élysée,Elysee,Élysée Palace,Elysee Palace,Quai d'Orsay
Germany|Europe|German,Germans,Berlin,Bundestag
Italy|Europe|Italian,Italians,Rome,Palazzo Chigi
Spain|Europe|Spanish,Spaniard,Madrid,Moncloa
Portugal|Europe|Portuguese,Lisbon
Netherlands|Europe|Dutch,Holland,Amsterdam,The Hague
Belgium|Europe|Belgian,Brussels
Luxembourg|Europe|Luxembourgish
Switzerland|Europe|Swiss,Bern
Austria|Europe|Austrian,Vienna
Poland|Europe|Polish,Pole,Poles,Warsaw
Czech Republic|Europe|Czechia,Czech,Prague
Slovakia|Europe|Slovak,Bratislava
Hungary|Europe|Hungarian,Budapest
Romania|Europe|Romanian,Bucharest
Bulgaria|Europe|Bulgarian,Sofia
Greece|Europe|Greek,Athens
Cyprus|Europe|Cypriot,Nicosia
Malta|Europe|Maltese,Valletta
Denmark|Europe|Danish,Dane,Danes,Copenhagen
Sweden|Europe|Swedish,Swede,Swedes,Stockholm
Norway|Europe|Norwegian,Oslo
Finland|Europe|Finnish,Finn,Finns,Helsinki
Iceland|Europe|Icelandic,Reykjavik
Estonia|Europe|Estonian,Tallinn
Latvia|Europe|Latvian,Riga
Lithuania|Europe|Lithuanian,Vilnius
Belarus|Eastern Europe|Belarusian,Minsk
Ukraine|Eastern Europe|Ukrainian,Ukrainians,Kyiv,Kiev,Bankova
Moldova|Eastern Europe|Moldovan,Chisinau
Russia|Eastern Europe|Russian,Russians,Russian Federation,Moscow,Kremlin
Serbia|Europe|Serbian,Serb,Serbs,Belgrade
Croatia|Europe|Croatian,Croat,Zagreb
Bosnia and Herzegovina|Europe|Bosnia,Bosnian,Sarajevo
Slovenia|Europe|Slovenian,Slovene,Ljubljana
Albania|Europe|Albanian,Tirana
Kosovo|Europe|Kosovar,Pristina
North Macedonia|Europe|Macedonia,Macedonian,Skopje
Montenegro|Europe|Montenegrin,Podgorica
Georgia|Asia|Georgian,Tbilisi
Armenia|Asia|Armenian,Yerevan
Azerbaijan|Asia|Azerbaijani,Azeri,Baku
Turkey|Asia|Türkiye,Turkish,Turk,Turks,Ankara
Israel|Asia|Israeli,Israelis,Jerusalem,Knesset
Palestine|Asia|Palestinian,Palestinians,Palestinian Territories,Ramallah
Lebanon|Asia|Lebanese,Beirut
Syria|Asia|Syrian,Syrians,Damascus
Jordan|Asia|Jordanian,Amman
Iraq|Asia|Iraqi,Iraqis,Baghdad
Iran|Asia|Iranian,Iranians,Tehran,Persia
Saudi Arabia|Asia|Saudi,Saudis,Riyadh
Yemen|Asia|Yemeni,Sanaa
Oman|Asia|Omani,Muscat
United Arab Emirates|Asia|UAE,Emirati,Abu Dhabi,Dubai
Qatar|Asia|Qatari,Doha
Kuwait|Asia|Kuwaiti,Kuwait City
Bahrain|Asia|Bahraini,Manama
Afghanistan|Asia|Afghan,Afghans,Kabul
Pakistan|Asia|Pakistani,Islamabad
India|Asia|Indian,Indians,New Delhi,Delhi
Bangladesh|Asia|Bangladeshi,Bangladeshis,Dhaka
Sri Lanka|Asia|Sri Lankan,Colombo
Nepal|Asia|Nepali,Nepalese,Kathmandu
Myanmar|Asia|Burma,Burmese,Naypyidaw
Thailand|Asia|Thai,Bangkok
Vietnam|Asia|Vietnamese,Hanoi
Cambodia|Asia|Cambodian,Phnom Penh
Laos|Asia|Laotian,Vientiane
Malaysia|Asia|Malaysian,Malaysians,Kuala Lumpur,Putrajaya
Singapore|Asia|Singaporean
Indonesia|Asia|Indonesian,Indonesians,Jakarta
Philippines|Asia|Philippine,Filipino,Filipinos,Manila,Malacañang,Malacanang
China|Asia|Chinese,People's Republic of China,PRC,Beijing,Zhongnanhai
Taiwan|Asia|Taiwanese,Taipei
Hong Kong|Asia|Hongkonger
Japan|Asia|Japanese,Tokyo
South Korea|Asia|Republic of Korea,ROK,South Korean,South Koreans,Seoul,Blue House
North Korea|Asia|Democratic People's Republic of Korea,DPRK,North Korean,North Koreans,Pyongyang
Mongolia|Asia|Mongolian,Ulaanbaatar
Kazakhstan|Asia|Kazakh,Kazakhstani,Astana
Uzbekistan|Asia|Uzbek,Tashkent
Turkmenistan|Asia|Turkmen,Ashgabat
Kyrgyzstan|Asia|Kyrgyz,Bishkek
Tajikistan|Asia|Tajik,Dushanbe
Egypt|Africa|Egyptian,Egyptians,Cairo
Libya|Africa|Libyan,Libyans,Tripoli
Tunisia|Africa|Tunisian,Tunis
Algeria|Africa|Algerian,Algiers
Morocco|Africa|Moroccan,Rabat
Sudan|Africa|Sudanese,Khartoum
South Sudan|Africa|South Sudanese,Juba
Ethiopia|Africa|Ethiopian,Addis Ababa
Eritrea|Africa|Eritrean,Asmara
Somalia|Africa|Somali,Mogadishu
Kenya|Africa|Kenyan,Nairobi
Uganda|Africa|Ugandan,Kampala
Tanzania|Africa|Tanzanian,Dodoma
Rwanda|Africa|Rwandan,Kigali
Democratic Republic of the Congo|Africa|DRC,DR Congo,Congolese,Kinshasa
Nigeria|Africa|Nigerian,Nigerians,Abuja
Ghana|Africa|Ghanaian,Accra
Senegal|Africa|Senegalese,Dakar
Mali|Africa|Malian,Bamako
Niger|Africa|Nigerien,Niamey
Chad|Africa|Chadian,N'Djamena
Cameroon|Africa|Cameroonian,Yaoundé
Gabon|Africa|Gabonese,Libreville
Ivory Coast|Africa|Côte d'Ivoire,Ivorian,Abidjan,Yamoussoukro
Angola|Africa|Angolan,Luanda
Mozambique|Africa|Mozambican,Maputo
Zimbabwe|Africa|Zimbabwean,Harare
Zambia|Africa|Zambian,Lusaka
South Africa|Africa|South African,South Africans,Pretoria,Cape Town
Australia|Oceania|Australian,Australians,Canberra
New Zealand|Oceania|New Zealander,Kiwi,Wellington
Fiji|Oceania|Fijian,Suva
Papua New Guinea|Oceania|Papua New Guinean,Port Moresby
Europe|Europe|European,Europeans,EU,E.U.,European Union,European leaders,European Commission,Brussels
`;

/** A party's row of the table. */
interface PartyEntry {
  name: string;
  bloc: string | null;
  terms: string[];
}

const PARTIES: PartyEntry[] = PARTY_TABLE.trim()
  .split("\n")
  .map((line) => {
    const [name = "", bloc = "", terms = ""] = line.split("|");
    // A bloc is not in itself: Europe's bloc is null.
    return { name, bloc: bloc === name ? null : bloc, terms: [name, ...terms.split(",")] };
  });

/** Folds case, accents and curly apostrophes so "the Élysée", "Elysee" and "Moscow’s" meet. */
function fold(term: string): string {
  return term
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .trim();
}

/** The bare form of a term: folded, without a leading "the" and a trailing possessive. */
function bare(term: string): string {
  return fold(term)
    .replace(/^the\s+/, "")
    .replace(/'s?$/, "")
    .replace(/\s+/g, " ");
}

/** Every term of the table, bare, to its party. Where two parties share a term, the first row wins. */
const BY_TERM = new Map<string, string>();
for (const party of PARTIES) {
  for (const term of party.terms) if (!BY_TERM.has(bare(term))) BY_TERM.set(bare(term), party.name);
}

/**
 * The canonical party a term stands for: "Moscow", "the Kremlin", "Russia's" -> "Russia";
 * "U.S.", "American", "White House" -> "United States"; "European leaders", "EU" -> "Europe".
 * Case-insensitive, tolerant to a leading "the" and a trailing "'s".
 * @returns the party's name, or null when the term does not stand for a party
 */
export const resolveParty: (term: string) => string | null = memoize((term) => {
  const key = bare(term);
  // "U.S.'s" and "U.S" are the same; only strip a final dot if the dotted form is unknown.
  return BY_TERM.get(key) ?? BY_TERM.get(key.replace(/\.$/, "")) ?? BY_TERM.get(`${key}.`) ?? null;
});

/** The first word of every bare term, with and without a final dot ("u.s." and "u.s"). */
const FIRST_WORDS = new Set([...BY_TERM.keys()].flatMap((term) => {
  const first = term.split(" ")[0]!;
  return [first, first.replace(/\.$/, "")];
}));

/**
 * Whether a word can open a party term ("United" of "United States", "Moscow"): a cheap test
 * that spares resolveParty the phrases no term starts with.
 */
export const mayStartPartyTerm: (word: string) => boolean = memoize((word) => {
  const key = bare(word);
  return FIRST_WORDS.has(key) || FIRST_WORDS.has(key.replace(/\.$/, "")) || FIRST_WORDS.has(fold(word).replace(/\.$/, ""));
});

/**
 * All the surface terms that stand for a party (its name, short forms, demonyms, capital,
 * seats of government), for finding sentences about it.
 * @returns the terms as written in the table, or an empty array for an unknown party
 */
export function partyTerms(party: string): string[] {
  const name = resolveParty(party) ?? party;
  return PARTIES.find((entry) => entry.name === name)?.terms.slice() ?? [];
}

/**
 * The continent or bloc a party belongs to: "France" -> "Europe", "Japan" -> "Asia".
 * @returns the bloc, or null for a bloc itself or an unknown party
 */
export function blocOf(party: string): string | null {
  const name = resolveParty(party) ?? party;
  return PARTIES.find((entry) => entry.name === name)?.bloc ?? null;
}

/**
 * Seats of government and institutions that stand for a party but speak as themselves:
 * "the White House said" is said by the White House, on behalf of the United States.
 */
const SEATS = new Set(
  [
    "White House", "Pentagon", "State Department", "Capitol Hill", "Kremlin", "Élysée", "Élysée Palace",
    "Downing Street", "Whitehall", "Westminster", "Quai d'Orsay", "Bundestag", "Knesset", "Blue House",
    "Zhongnanhai", "Planalto", "Casa Rosada", "Moncloa", "Palazzo Chigi", "Malacañang", "Bankova",
    "Miraflores", "European Commission",
  ].map(bare),
);

/** Whether a party term is a seat of government ("the Kremlin", "White House") rather than the country or its people. */
export function isSeatOfGovernment(term: string): boolean {
  return SEATS.has(bare(term));
}
