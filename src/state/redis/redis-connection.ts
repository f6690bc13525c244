import { Redis } from 'ioredis';
import { describe, StoreUnavailableError } from '../../errors';

/**
 * One connection to Redis for the live state, and what the server needs to know of it: whether
 * it works. Commands never wait in a queue while Redis is away (they fail at once, and the chat
 * API answers 503); the client reconnects by itself, every second at most, and a ping each
 * second notices an outage with no traffic, so /readyz turns 503 within a few seconds.
 */

const PING_EVERY_MS = 1000;
const COMMAND_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;

export interface RedisConnection {
  readonly client: Redis;
  /** Runs a command; its failure marks Redis as failing and rejects with StoreUnavailableError. */
  run<T>(command: (client: Redis) => Promise<T>): Promise<T>;
  /** How long Redis has been failing, in ms (0 while it works); Infinity while the connection is lost (it is known down). */
  failingForMs(now?: number): number;
  close(): Promise<void>;
}

/** `redis://user:pass@host:6379/0` without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL (not a valid URL)';
  }
}

/** Connects, or rejects with one line naming Redis and the address (never the password). */
export async function connectRedis(url: string, onError: (error: unknown) => void = () => undefined): Promise<RedisConnection> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  let failingSince: number | undefined;
  let closing = false;
  // ioredis reports each failed reconnection as an error event: said once per outage, not each second.
  client.on('error', (error: unknown) => {
    if (failingSince === undefined && !closing) onError(new StoreUnavailableError('Redis', error));
    failingSince ??= Date.now();
  });
  client.on('close', () => {
    if (!closing) failingSince ??= Date.now();
  });
  client.on('ready', () => {
    failingSince = undefined;
  });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new StoreUnavailableError(`Redis at ${redactedUrl(url)}`, error);
  }

  const run = async <T>(command: (redis: Redis) => Promise<T>): Promise<T> => {
    try {
      const result = await command(client);
      if (client.status === 'ready') failingSince = undefined;
      return result;
    } catch (error) {
      failingSince ??= Date.now();
      throw new StoreUnavailableError('Redis', error);
    }
  };
  const ping = setInterval(() => {
    run((redis) => redis.ping()).catch(() => undefined);
  }, PING_EVERY_MS);
  ping.unref();

  return {
    client,
    run,
    failingForMs: (now = Date.now()) => {
      if (failingSince === undefined) return 0;
      return client.status === 'ready' ? Math.max(1, now - failingSince) : Number.POSITIVE_INFINITY;
    },
    async close() {
      closing = true;
      clearInterval(ping);
      try {
        await client.quit();
      } catch (error) {
        // already gone: nothing to close cleanly
        client.disconnect();
        if (!/closed|Connection is closed/i.test(describe(error))) throw error;
      }
    },
  };
}
