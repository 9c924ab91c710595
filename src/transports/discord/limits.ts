/**
 * Discord's limits, named once. Lengths count UTF-16 code units, which is never fewer than the
 * characters Discord counts, so staying under them here stays under them there.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const DISCORD_LIMITS = {
  /** Message content. */
  content: 2_000,
  /** Embed description. */
  embedDescription: 4_096,
  /** Embed title. */
  embedTitle: 256,
  /** Embed field value. */
  fieldValue: 1_024,
  /** Embed footer text. */
  footerText: 2_048,
  /** All embed text of one message together: titles, descriptions, fields, footers, authors. */
  embedTotal: 6_000,
  /** Embed fields per embed. */
  fields: 25,
  /** Autocomplete and option choice name and value. */
  choiceName: 100,
  choiceValue: 100,
  /** Autocomplete choices per response. */
  choices: 25,
  /** Slash command and option descriptions. */
  commandDescription: 100,
  /** A component's custom id. */
  customId: 100,
  /** A button's label. */
  buttonLabel: 80,
} as const;

/** The message flag that shows a reply only to the person who asked. */
export const EPHEMERAL = 1 << 6;
