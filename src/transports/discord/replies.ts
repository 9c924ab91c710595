import { type InteractionReplyOptions, type InteractionUpdateOptions, type MessageMentionOptions, MessageFlags } from "discord.js";
import type { RenderedMessage } from "../../renderers/discord";
import { DISCORD_LIMITS } from "./limits";

/**
 * The one place replies are built. Every reply pings nobody: article and user text may hold
 * `@everyone` or `<@&id>`, and escaping is not the only guard.
 */
export const NO_PINGS: MessageMentionOptions = { parse: [], repliedUser: false };

/** A rendered answer as a message body, for a reply, an edit or an update. */
export function answerBody(rendered: RenderedMessage): InteractionUpdateOptions {
  return { content: rendered.content ?? "", embeds: rendered.embeds, components: rendered.components, allowedMentions: NO_PINGS };
}

/** A rendered answer as a first reply: in the channel, or only to the asker. */
export function answerReply(rendered: RenderedMessage, ephemeral: boolean): InteractionReplyOptions {
  return { ...answerBody(rendered), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) } as InteractionReplyOptions;
}

/** A short sentence only the asker sees: invalid input, a cooldown, an error. */
export function notice(text: string): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { content: text.slice(0, DISCORD_LIMITS.content), flags: MessageFlags.Ephemeral, allowedMentions: NO_PINGS };
}
