import { type Interaction, PermissionFlagsBits } from "discord.js";
import type { ModerationSettings } from "./settings";

/** One condition for changing the corpus: null when met, else the sentence that says why not. */
interface Rule {
  readonly name: string;
  check(interaction: Interaction, settings: ModerationSettings): string | null;
}

/**
 * Who may use /corpus, in one place. Discord hides the command from members without Manage
 * Server, but a server's admins can override that, so every call is checked again here.
 */
const RULES: readonly Rule[] = [
  {
    name: "in a server",
    check: (interaction) => (interaction.inGuild() ? null : "/corpus works only in a server, not in direct messages."),
  },
  {
    name: "moderation server",
    check: (interaction, settings) =>
      settings.guildIds.includes(interaction.guildId ?? "") ? null : "The corpus cannot be changed from this server.",
  },
  {
    name: "moderator",
    check: (interaction, settings) => {
      if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return null;
      const roles = interaction.member?.roles;
      // A cached member has a role manager; an uncached one, the raw list of ids.
      const ids = Array.isArray(roles) ? roles : roles ? [...roles.cache.keys()] : [];
      return ids.some((id) => settings.moderatorRoleIds.includes(id)) ? null : "Only moderators (Manage Server, or a moderator role) can change the corpus.";
    },
  },
];

/** The first rule the interaction fails, with its reason, or null when it may change the corpus. */
export function moderationRefusal(interaction: Interaction, settings: ModerationSettings): { rule: string; reason: string } | null {
  for (const rule of RULES) {
    const reason = rule.check(interaction, settings);
    if (reason !== null) return { rule: rule.name, reason };
  }
  return null;
}
