/**
 * What people paste into a bot, for the property tests: mentions, Markdown, links, control,
 * zero-width and bidi characters, right-to-left scripts, emoji, combining marks, a lone surrogate.
 */
export const HOSTILE_PASTES: readonly string[] = [
  "@everyone",
  "@here",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&123456789012345678>",
  "<#123456789012345678>",
  "</ask:123456789012345678>",
  "```js\nconsole.log('hi')\n```",
  "`code`",
  "**bold** __under__ ~~strike~~ ||spoiler||",
  "> quote",
  "# Heading",
  "- item",
  "[click here](https://evil.example/phish)",
  "https://evil.example/a?b=1&c=<2>",
  "\u202eevil\u202c",
  "\u200b\u200c\u200d\u2060\ufeff",
  "\u0000\u0001\u0007\u001b[2J\u007f",
  "\r\n\t\v\f",
  "שלום עולם",
  "مرحبا بالعالم",
  "😀👍🏽👨‍👩‍👧",
  "e\u0301\u0301\u0301",
  "\ud800",
  "\\",
  "\\\\`",
];

/** The same without links, for tests where nothing may reach for a host. */
export const HOSTILE_PASTES_WITHOUT_LINKS: readonly string[] = HOSTILE_PASTES.filter((text) => !text.includes("://"));
