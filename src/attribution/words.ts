/**
 * General English word lists for attribution: speech verbs, titles, role nouns, institution
 * words, pronouns. Lists are data; the modules that use them hold the logic.
 */

/** Builds the regular inflections of a verb: state -> states, stated, stating. */
function inflect(verb: string): string[] {
  if (verb.endsWith("e")) return [verb, `${verb}s`, `${verb}d`, `${verb.slice(0, -1)}ing`];
  if (/[^aeiou]y$/.test(verb)) return [verb, `${verb.slice(0, -1)}ies`, `${verb.slice(0, -1)}ied`, `${verb}ing`];
  if (/(?:sh|ch|ss|x)$/.test(verb)) return [verb, `${verb}es`, `${verb}ed`, `${verb}ing`];
  return [verb, `${verb}s`, `${verb}ed`, `${verb}ing`];
}

/** A set of role nouns with their regular plurals: "lawyer" -> "lawyers", "spokesman" -> "spokesmen". */
function withPlurals(nouns: string[]): ReadonlySet<string> {
  const plural = (noun: string) =>
    noun.endsWith("man") ? `${noun.slice(0, -3)}men` : /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : /(?:s|sh|ch|x)$/.test(noun) ? `${noun}es` : `${noun}s`;
  return new Set(nouns.flatMap((noun) => [noun, plural(noun)]));
}

/** Verbs that introduce someone's words, in their regular base form (inflected below). */
const REGULAR_SPEECH_VERBS = `state assert warn caution emphasize emphasise note add insist claim remark
  acknowledge stress accuse characterize characterise describe deny suggest explain announce declare
  reiterate argue comment reply respond urge ask indicate mention admit confirm predict promise threaten
  pledge demand complain observe recall conclude concede contend maintain praise criticize criticise
  dismiss brand label plead testify echo question joke exclaim shout tweet post allege charge counter
  retort lament vow affirm aver cite estimate instruct order term dispute blast slam hail welcome boast
  chant yell scream whisper mutter scoff sigh laugh continue reveal justify condemn denounce answer`;

/** Irregular speech verb forms, and forms whose regular spelling doubles a consonant. */
const IRREGULAR_SPEECH_VERBS = `say says said saying tell tells told telling write writes wrote writing
  speak speaks spoke speaking call calls called calling refer refers referred referring read reads
  quip quips quipped quipping labelled labelling`;

/**
 * Verbs of opinion that report a view in the holder's words (`views X as "a threat"`,
 * `thought of him as "a mass murderer"`); weaker than speech verbs, still attribution.
 */
const OPINION_VERBS = `view views viewed viewing see sees saw regard regards regarded consider considers considered
  believe believes believed think thinks thought feel feels felt`;

/** Every speech or opinion verb form, lowercase. */
export const SPEECH_VERBS: ReadonlySet<string> = new Set([
  ...REGULAR_SPEECH_VERBS.split(/\s+/).filter(Boolean).flatMap(inflect),
  ...IRREGULAR_SPEECH_VERBS.split(/\s+/).filter(Boolean),
  ...OPINION_VERBS.split(/\s+/).filter(Boolean),
]);

/** Nouns for someone's words: `Ahmadinejad's most pointed arguments were…`. */
export const SPEECH_NOUNS: ReadonlySet<string> = new Set(
  "arguments argument remarks remark comments comment words speech statement statements message response reply criticism testimony letter tweet post answer answers".split(" "),
);

/** Verbs after which a quote is a name, not words said: `named their robot "Robogee"`. */
export const NAMING_VERBS: ReadonlySet<string> = new Set("named dubbed titled entitled nicknamed renamed".split(" "));

/** Words marking a passive, so `was told "X"` does not make the subject a speaker. */
export const PASSIVE_AUXILIARIES: ReadonlySet<string> = new Set("be been being was were is are".split(" "));

/** Words that hedge an attribution. */
export const HEDGE_ADVERBS: ReadonlySet<string> = new Set(
  "reportedly allegedly apparently purportedly supposedly ostensibly".split(" "),
);

/**
 * Words that make up a title before a name: "Foreign Minister", "Secretary of State",
 * "Major general", "team member". Lowercase; connectors (of, to, for) only inside titles.
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set(
  `president presidential vice prime minister ministers foreign deputy defence defense interior finance
  first secretary undersecretary under-secretary state chancellor ambassador envoy special general
  major lieutenant colonel admiral commander chief spokesperson spokesman spokeswoman senator governor
  mayor king queen prince princess emperor pope sheikh ayatollah premier leader chairman chairwoman chair
  director adviser advisor senior policy security national citizen member team coach captain brother
  sister father mother son daughter wife husband son-in-law judge justice attorney prosecutor officer
  official analyst professor dr dr. mr mr. mrs mrs. ms ms. president-elect chancellor-elect negotiator
  principal diplomat representative rep. sen. gov. gen. col. lt. capt. sgt. secretary-general
  director-general commissioner lawmaker legislator mp spokesperson aide economist expert researcher
  fellow head founder ceo executive editor correspondent reporter journalist activist lawyer
  minister-president crown general-secretary marshal sergeant private colonel-general cardinal bishop
  archbishop rabbi imam reverend rev. father sir dame lord lady baroness deputy-director defence-minister
  presidential-spokesperson ministry press health education justice trade economy economic environment
  transport energy agriculture culture labour labor home affairs relations external internal military
  intelligence army navy air force party opposition union council cabinet assistant junior acting
  nuclear top police congressman congresswoman alderman alderwoman councillor councilor councilman
  councilwoman assemblyman assemblywoman detective inspector superintendent constable sheriff
  major-general lieutenant-general brigadier brigadier-general`.split(/\s+/),
);

/** Modifiers that may stand before a title without being one: "Outgoing US President". */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set("former outgoing incoming acting current late interim then proposed".split(" "));

/** Connectors allowed inside a title: "Secretary of State", "Ambassador to the United States". */
export const TITLE_CONNECTORS: ReadonlySet<string> = new Set("of to for the and".split(" "));

/**
 * Nouns that make a phrase a role that can speak: "an advisor to the Palestinian team",
 * "Ukraine's ambassador to the US", "the Russian leader", "the minister".
 */
export const ROLE_NOUNS: ReadonlySet<string> = withPlurals(
  `president minister chancellor ambassador envoy adviser advisor aide spokesman spokesperson spokeswoman
  official officials diplomat diplomats source sources negotiator leader leaders premier king queen
  general commander officer analyst analysts expert experts member secretary governor mayor senator
  lawmaker lawyer prosecutor judge witness resident residents coach captain director chairman chief head
  representative correspondent editor professor researcher economist activist son-in-law brother sister
  father mother son daughter wife husband citizen founder undersecretary under-secretary commissioner
  secretary-general protester protesters demonstrator demonstrators witness witnesses eyewitness survivor
  survivors victim voter voters worker workers student students teacher doctor nurse farmer soldier
  fan fans player manager owner neighbour neighbor relative relatives passenger villager refugee
  migrant shopkeeper resident investigator investigators scientist scientists researcher spokesperson
  organiser organizer organisers organizers campaigner campaigners critic critics supporter supporters
  observer observers insider insiders executive executives employee employees staff defector
  family suspect defendant accused plaintiff mp woman man women men person people girl boy child
  mourner mourners singer musician artist actor actress rapper writer author poet novelist filmmaker
  producer consultant athlete goalkeeper footballer driver pilot astronaut attendee attendees participant
  participants spectator spectators visitor visitors guest guests bystander bystanders onlooker onlookers
  tourist tourists colleague colleagues friend friends pastor priest entrepreneur businessman
  businesswoman banker engineer designer photographer blogger commentator columnist presenter physician
  surgeon militant militants fighter fighters gunman hostage detainee prisoner inmate policeman policemen
  policewoman firefighter firefighters paramedic paramedics publicist politician politicians children
  reporter journalist`.split(/\s+/),
);

/** Role nouns that stand for a head of state or government, so "the leader" finds a president. */
export const LEADER_NOUNS: ReadonlySet<string> = new Set("leader premier head".split(" "));

/** Titles of heads of state or government, for matching "the leader". */
export const LEADER_TITLES: ReadonlySet<string> = new Set("president prime premier chancellor king queen leader emperor".split(" "));

/**
 * Head words of institution names, capitalized in names ("Korean Central News Agency",
 * "Élysée Palace") and lowercase in role phrases ("the joint statement", "the ministry").
 */
export const INSTITUTION_WORDS: ReadonlySet<string> = new Set(
  `agency ministry department palace council center centre institute institution foundation party army
  navy military times news post journal office committee commission union organization organisation
  court university government parliament congress senate police forces service administration embassy
  group company corporation association federation league alliance network press broadcasting
  television radio statement report newspaper channel guard guards secretariat cabinet
  assembly bureau authority authorities command tribunal board inc corp ltd charity magazine
  broadcaster website firm bank airline publisher watchdog club campaign`.split(/\s+/),
);

/** Institution words that, lowercase after "the", can speak: "the joint statement said". */
export const SPEAKING_INSTITUTIONS: ReadonlySet<string> = new Set(
  `statement ministry palace agency government military navy army police embassy office report
  newspaper council committee commission court administration authorities cabinet department
  secretariat network channel company firm group team club union party campaign university hospital
  school airline bank charity organisation organization prosecutors regulator watchdog
  tribunal coalition alliance movement militia release communique communiqué
  letter body institution association federation society institute foundation board bureau resolution
  forces`.split(/\s+/),
);

/** Pronouns that stand for a person speaking: "he said". */
export const PERSON_PRONOUNS: ReadonlySet<string> = new Set(["he", "she"]);

/** Object pronouns that stand for a person: `a post by him read`. */
export const PERSON_OBJECT_PRONOUNS: ReadonlySet<string> = new Set(["him", "her"]);

/** Title and role words that tell a woman, for "she" and "her": "Mrs. Thatcher", "the spokeswoman". */
export const FEMALE_WORDS: ReadonlySet<string> = new Set(
  `mrs ms miss madam lady queen princess duchess empress dame baroness countess spokeswoman chairwoman
  congresswoman councilwoman businesswoman policewoman alderwoman assemblywoman actress mother wife
  sister daughter grandmother aunt niece widow girl woman nun`.split(/\s+/),
);

/** Title and role words that tell a man, for "he" and "him": "Mr Benn", "the spokesman". */
export const MALE_WORDS: ReadonlySet<string> = new Set(
  `mr sir lord king prince duke emperor baron spokesman chairman congressman councilman businessman
  policeman alderman assemblyman actor father husband brother son grandfather uncle nephew widower boy
  man monk`.split(/\s+/),
);

/** Pronouns that stand for an institution or a group speaking: "it added". */
export const GROUP_PRONOUNS: ReadonlySet<string> = new Set(["it", "they"]);

/**
 * Capitalized words that open sentences or stand in names without being names:
 * function words, time words, discourse markers.
 */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  `the a an in on at to of for by with from as and or but if when while after before since during
  according meanwhile however also yet still then there here this that these those his her their its
  our my your we you they he she it i both all some many most several one two three four five each
  every other another such no not nor yesterday today tomorrow earlier later last next recently
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december regarding citing commenting discussing having being
  even only just about around over under within without due part reports report estimates ties
  analysts prosecutors officials critics teams team further meanwhile instead indeed despite
  although though because so thus hence moreover furthermore besides once what who which where why
  how mr mrs ms dr`.split(/\s+/),
);

/**
 * Adverbs, auxiliaries and reporting frames that may stand between a speaker and the speech
 * verb: `Merz allegedly warned`, `Al-Majid is reported to have said`.
 */
export const BETWEEN_SUBJECT_AND_VERB: ReadonlySet<string> = new Set(
  `also further later subsequently publicly repeatedly then has have had reportedly allegedly apparently
  however once again earlier previously recently consistently firmly flatly quickly personally privately
  openly bluntly separately would will did does do not never always still
  is are was were to reported understood believed thought`.split(/\s+/),
);

/** Prepositions after which a name is not a clause's subject: "in a statement", "of Putin". */
export const PREPOSITIONS: ReadonlySet<string> = new Set(
  "of to in on at for by with from about against over under into onto between among regarding toward towards than like via per".split(" "),
);
