import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { ReadyBot } from '../hub/loaded-bot';

/** What every platform channel gets: the bot (undefined while it is loading) and the logger. */
export interface ChannelContext<Config> {
  readonly config: Config;
  readonly bot: () => ReadyBot | undefined;
  readonly logger: Logger;
  /** True once the server is shutting down: new deliveries get 503, work in flight finishes. */
  readonly shuttingDown?: () => boolean;
}

/**
 * What a channel gives the server: its routes, and a way to wait for replies still being
 * worked on after the platform was answered, so a shutdown does not drop them.
 */
export interface PlatformChannel {
  readonly routers: RequestHandler[];
  drain(timeoutMs?: number): Promise<void>;
}
