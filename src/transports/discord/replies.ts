import { type APIEmbed, type InteractionReplyOptions, type MessageMentionOptions, MessageFlags } from "discord.js";
import { type RenderedMessage, truncate } from "../../renderers/discord";
import { DISCORD_LIMITS } from "./limits";

/**
 * The one place replies are built. Every reply pings nobody: article and user text may hold
 * `@everyone` or `<@&id>`, and escaping is not the only guard.
 */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

/** A message body for a reply, an edit of the original reply, or an update of a message. */
interface Body {
  content: string;
  embeds: APIEmbed[];
  components: RenderedMessage["components"];
  allowedMentions: MessageMentionOptions;
}

/** A rendered answer as a message body; empty content so an edit or update clears any earlier text. */
export function answerBody(rendered: RenderedMessage): Body {
  return { content: "", embeds: rendered.embeds, components: rendered.components, allowedMentions: NO_PINGS };
}

/** A rendered answer as a first reply: in the channel, or only to the asker. */
export function answerReply(rendered: RenderedMessage, ephemeral: boolean): InteractionReplyOptions {
  return { ...answerBody(rendered), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

/** A short sentence as a message body, replacing whatever the message showed. */
export function noticeBody(text: string): Body {
  return { content: truncate(text, DISCORD_LIMITS.content), embeds: [], components: [], allowedMentions: NO_PINGS };
}

/** A short sentence only the asker sees: invalid input, a cooldown, an error. */
export function notice(text: string): InteractionReplyOptions {
  return { ...noticeBody(text), flags: MessageFlags.Ephemeral };
}
