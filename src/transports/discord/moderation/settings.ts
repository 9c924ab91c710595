import { z } from "zod";
import type { FetchOptions } from "../../../corpus/fetch";
import { fetchOptionsFromEnv } from "../../../corpus/import";

/** Who may change the corpus from Discord, and where. */
export interface ModerationSettings {
  /** Servers whose moderators may change the corpus. Empty: no server may. */
  guildIds: readonly string[];
  /** Roles that may moderate besides members with Manage Server. */
  moderatorRoleIds: readonly string[];
  /** How links are fetched (CORPUS_ALLOW_PRIVATE_URLS). */
  fetch: FetchOptions;
}

/** A comma-separated list of snowflakes; empty or unset is an empty list. */
const snowflakes = (variable: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? "").split(",").map((id) => id.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^\d{17,20}$/, `${variable}: each id must be a number of 17 to 20 digits (Copy ID in Discord)`)));

const envSchema = z.object({
  MODERATION_GUILD_IDS: snowflakes("MODERATION_GUILD_IDS"),
  MODERATOR_ROLE_IDS: snowflakes("MODERATOR_ROLE_IDS"),
  DISCORD_GUILD_ID: z.string().trim().optional(),
});

/**
 * Reads the moderation settings: MODERATION_GUILD_IDS (default: DISCORD_GUILD_ID),
 * MODERATOR_ROLE_IDS, CORPUS_ALLOW_PRIVATE_URLS.
 * @throws Error naming the variable when one is malformed
 */
export function moderationSettings(env: NodeJS.ProcessEnv = process.env): ModerationSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join("\n"));
  const { MODERATION_GUILD_IDS, MODERATOR_ROLE_IDS, DISCORD_GUILD_ID } = parsed.data;
  return {
    guildIds: MODERATION_GUILD_IDS.length > 0 ? MODERATION_GUILD_IDS : DISCORD_GUILD_ID ? [DISCORD_GUILD_ID] : [],
    moderatorRoleIds: MODERATOR_ROLE_IDS,
    fetch: fetchOptionsFromEnv(env),
  };
}
