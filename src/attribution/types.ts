/** What kind of speaker or actor a name stands for. */
export type ActorKind = "person" | "organization" | "role" | "party";

/** A person, institution, unnamed role or party that an article names. */
export interface Actor {
  /** The fullest name the article gives: "Andrii Sybhia", "Élysée Palace", "Ukraine's ambassador to the US". */
  name: string;
  kind: ActorKind;
  /** Title or role as the article gives it: "Foreign Minister", "senior foreign policy adviser". */
  title?: string;
  /** The party (a country or bloc, by its common English name) the actor speaks for: "Russia". */
  party?: string;
  /** Every form the article uses for the actor, including `name`: "Putin", "President Putin", "the Russian leader". */
  aliases: string[];
}

/** How a quote's speaker was found; kept so answers and the evaluation can explain themselves. */
export type AttributionMethod =
  | "named" // a name with a speech verb: `"…," Putin stated`
  | "pronoun" // he/she/they referring back: `"…," he said`
  | "role" // a role noun referring back: `the Russian leader asserted`
  | "continuation" // a quote with no attribution of its own continuing the previous speaker
  | "according-to"; // `according to Putin`

/** One direct quotation in an article, attributed where the article attributes it. */
export interface Quote {
  /** `citation#n`, n counting the quotes of that sentence from 1. */
  id: string;
  doc: string;
  /** The citation id of the sentence the quote stands in. */
  passage: string;
  /** The quoted words verbatim, without the quotation marks. */
  text: string;
  /** Offsets of `text` in the sentence's text. */
  start: number;
  end: number;
  /** The speaker's `Actor.name`, or null when the article does not say who spoke. */
  speaker: string | null;
  /** The article's hedge on the attribution: "reportedly", "allegedly", "according to an English transcript". */
  hedge?: string;
  method?: AttributionMethod;
}

/** What the attribution finds in one article. */
export interface ArticleAnalysis {
  actors: Actor[];
  quotes: Quote[];
}
