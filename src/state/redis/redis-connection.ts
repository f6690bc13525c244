import { Redis } from 'ioredis';
import { describe, StoreUnavailableError } from '../../errors';

/**
 * One connection to Redis for the live state, and what the server needs to know of it: whether
 * it works. Commands never wait in a queue while Redis is away (they fail at once, and the chat
 * API answers 503); the client reconnects by itself, every second at most, and a probe each
 * second notices an outage with no traffic, so /readyz turns 503 within a few seconds. A Redis
 * that stops answering without closing (hung, or a network that drops packets) has its socket
 * cut after a few seconds of silence, so commands do not pile up behind it.
 */

const PROBE_EVERY_MS = 1000;
const COMMAND_TIMEOUT_MS = 2000;
const CONNECT_TIMEOUT_MS = 2000;
// Pending commands and no byte from Redis this long: the socket is cut (its commands fail) and reconnected.
const SILENT_SOCKET_MS = 3000;

export interface RedisConnectionOptions {
  /** Told when Redis becomes unreachable or refuses commands (once per outage). */
  readonly onError?: (error: unknown) => void;
  /**
   * Run each second to tell whether Redis works (PING by default). The live state probes with a
   * write, so a Redis that answers pings but refuses writes (out of memory, a read-only replica)
   * counts as failing.
   */
  readonly probe?: (client: Redis) => Promise<unknown>;
}

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
export async function connectRedis(url: string, options: RedisConnectionOptions = {}): Promise<RedisConnection> {
  const onError = options.onError ?? (() => undefined);
  const probe = options.probe ?? ((redis: Redis) => redis.ping());
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SILENT_SOCKET_MS,
    retryStrategy: (times) => Math.min(times * 100, 1000),
  });
  let failingSince: number | undefined;
  let closing = false;
  // The first error of a failed connect (WRONGPASS, NOAUTH …) says more than "Connection is closed".
  let firstError: unknown;
  const fail = (error: unknown) => {
    firstError ??= error;
    // said once per outage, not at each failed reconnection or command
    if (failingSince === undefined && !closing) onError(new StoreUnavailableError('Redis', error));
    failingSince ??= Date.now();
  };
  client.on('error', fail);
  client.on('close', () => {
    if (!closing) failingSince ??= Date.now();
  });
  client.on('ready', () => {
    failingSince = undefined;
  });
  try {
    await client.connect();
    await probe(client);
  } catch (error) {
    client.disconnect();
    throw new StoreUnavailableError(`Redis at ${redactedUrl(url)}`, firstError ?? error);
  }
  firstError = undefined;

  const run = async <T>(command: (redis: Redis) => Promise<T>): Promise<T> => {
    try {
      const result = await command(client);
      if (client.status === 'ready') failingSince = undefined;
      return result;
    } catch (error) {
      fail(error);
      throw new StoreUnavailableError('Redis', error);
    }
  };
  const probing = setInterval(() => {
    run(probe).catch(() => undefined);
  }, PROBE_EVERY_MS);
  probing.unref();

  return {
    client,
    run,
    failingForMs: (now = Date.now()) => {
      if (failingSince === undefined) return 0;
      return client.status === 'ready' ? Math.max(1, now - failingSince) : Number.POSITIVE_INFINITY;
    },
    async close() {
      closing = true;
      clearInterval(probing);
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
