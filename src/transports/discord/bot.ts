import { once } from "node:events";
import { Client, Events, GatewayIntentBits, RESTEvents } from "discord.js";
import { commands as allCommands } from "../../../commands";
import type { Command } from "../../../commands/command";
import type { BotConfig } from "../../config";
import { createLogger, type Logger } from "../../log";
import { NO_PINGS } from "./replies";
import { createRouter, currentEngine, type EngineSource, type RouterOptions } from "./router";

/** A running bot. */
export interface BotHandle {
  client: Client<true>;
  /** Disconnects from Discord. Safe to call more than once. */
  stop(): Promise<void>;
}

/** What tests and callers may swap; by default every command and a logger at the configured level. */
export interface BotOptions extends Partial<Pick<RouterOptions, "preconditions" | "deferred" | "moderation">> {
  commands?: readonly Command[];
  logger?: Logger;
}

/**
 * Connects the bot to Discord and answers interactions until stopped. It needs the Guilds
 * intent only: interactions arrive whatever the intents. It does not register commands; that
 * is `npm run deploy-commands`, run once after the commands change.
 * Resolves once the bot is connected and has received its servers.
 * @throws Error when Discord refuses the token or cannot be reached
 */
export async function startBot(config: BotConfig, engine: EngineSource, options: BotOptions = {}): Promise<BotHandle> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, secrets: [config.token] });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiBase },
    allowedMentions: NO_PINGS,
  });
  const route = createRouter({
    engine,
    commands: options.commands ?? allCommands,
    logger,
    ...(options.preconditions ? { preconditions: options.preconditions } : {}),
    ...(options.deferred ? { deferred: options.deferred } : {}),
    ...(options.moderation ? { moderation: options.moderation } : {}),
  });
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => logger.warn(message));
  // discord.js retries a 429 after its retry_after and a 5xx up to three times, silently: log
  // each, by route (which holds no token), so rate limits and Discord outages show.
  client.rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429 || response.status >= 500) {
      logger.warn({ method: request.method, route: request.route, status: response.status, attempt: request.retries + 1 }, "Discord answered with an error");
    }
  });
  // discord.js reports its own shutdown as a reconnect too: only log the real ones.
  let stopping = false;
  client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ code: event.code, shard }, "disconnected from the gateway"));
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) logger.info({ shard }, "reconnecting to the gateway");
  });

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  const readyClient = client as Client<true>;
  logger.info({ bot: readyClient.user.tag, guilds: client.guilds.cache.size, ...currentEngine(engine).stats() }, "connected to Discord");

  return {
    client: readyClient,
    async stop() {
      if (stopping) return;
      stopping = true;
      await client.destroy();
      logger.info("disconnected from Discord");
    },
  };
}
