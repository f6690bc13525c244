import type { Logger } from 'pino';
import type { ReadyBot } from '../server/start';

/** What every platform channel gets: the bot (undefined while it is loading) and the logger. */
export interface ChannelContext<Config> {
  readonly config: Config;
  readonly bot: () => ReadyBot | undefined;
  readonly logger: Logger;
}
