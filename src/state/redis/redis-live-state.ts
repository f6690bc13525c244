import type { SessionStore } from '../../conversation/session-store';
import { newSessionId } from '../../conversation/session-store';
import type { ConversationState } from '../../conversation/state';
import type { DeliveryStore, LiveState, PeopleStore, RateCounter, RateWindow } from '../live-state';
import { keyedHash, personOf, personSessionId } from '../person-keys';
import { connectRedis, type RedisConnection } from './redis-connection';

/**
 * The live state in Redis (`REDIS_URL`), for several machines behind a load balancer: each key
 * named by a keyed hash (no session id, user id or address in the clear), each with its expiry
 * in Redis itself (no purge loop). Every worker and machine must hold the same key
 * (KENPO_FAQ_PERSON_KEY), or they would not find each other's keys.
 */

export interface RedisLiveStateOptions {
  readonly url: string;
  readonly key: Buffer;
  readonly sessionTtlMs: number;
  readonly rateWindowMs: number;
  /** How long LINE and Slack people's sessions are remembered after their last new one. */
  readonly retentionDays: number;
  /** Told when Redis becomes unreachable (once per outage). */
  readonly onError?: (error: unknown) => void;
  /** Prefix of every key, so one Redis can serve several deployments or tests. */
  readonly prefix?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DELIVERY_TTL_MS = 60 * 60 * 1000;
const MAX_SESSIONS_PER_PERSON = 200;
const PROBE_KEY_TTL_MS = 10_000;

// A new window when none is live; else one more request in it. Returns {start, count}.
const COUNT_REQUEST = `
local start = redis.call('HGET', KEYS[1], 's')
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
if (not start) or (now - tonumber(start) >= window) then
  redis.call('HSET', KEYS[1], 's', ARGV[1], 'c', 1)
  redis.call('PEXPIRE', KEYS[1], window)
  return {ARGV[1], 1}
end
return {start, redis.call('HINCRBY', KEYS[1], 'c', 1)}`;

// The person's next session number, kept with the last ones; both keys live as long as retention.
const START_NEXT = `
local n = redis.call('INCR', KEYS[1])
redis.call('RPUSH', KEYS[2], n)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[1]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return n`;

class RedisSessions implements SessionStore<ConversationState> {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyOf: (id: string) => string,
    private readonly ttlMs: number,
  ) {}

  async get(id: string): Promise<ConversationState | undefined> {
    const stored = await this.redis.run((client) => client.get(this.keyOf(id)));
    return stored === null ? undefined : (JSON.parse(stored) as ConversationState);
  }

  /** XX: only a session that still exists (one deleted meanwhile, on any machine, stays gone). */
  async set(id: string, state: ConversationState): Promise<void> {
    await this.redis.run((client) => client.set(this.keyOf(id), JSON.stringify(state), 'PX', this.ttlMs, 'XX'));
  }

  async delete(id: string): Promise<void> {
    await this.redis.run((client) => client.del(this.keyOf(id)));
  }

  async create(state: ConversationState, id = newSessionId()): Promise<string> {
    await this.redis.run((client) => client.set(this.keyOf(id), JSON.stringify(state), 'PX', this.ttlMs));
    return id;
  }
}

class RedisPeople implements PeopleStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly key: Buffer,
    private readonly prefix: string,
    private readonly retentionMs: number,
  ) {}

  personOf(platform: string, scope: string, userId: string): string {
    return personOf(this.key, platform, scope, userId);
  }

  async sessionsOf(person: string): Promise<string[]> {
    const numbers = await this.redis.run((client) => client.lrange(this.listKey(person), 0, -1));
    return numbers.map((n) => personSessionId(this.key, person, Number(n)));
  }

  async startNext(person: string): Promise<string> {
    const n = await this.redis.run(
      (client) =>
        client.eval(
          START_NEXT,
          2,
          this.counterKey(person),
          this.listKey(person),
          MAX_SESSIONS_PER_PERSON,
          this.retentionMs,
        ) as Promise<number>,
    );
    return personSessionId(this.key, person, Number(n));
  }

  async forget(person: string): Promise<void> {
    await this.redis.run((client) => client.del(this.counterKey(person), this.listKey(person)));
  }

  private counterKey(person: string): string {
    return `${this.prefix}person-next:${person}`;
  }

  private listKey(person: string): string {
    return `${this.prefix}person-sessions:${person}`;
  }
}

class RedisDeliveries implements DeliveryStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyOf: (id: string) => string,
  ) {}

  /** SET NX: of any number of workers and machines that receive the same delivery, one gets true. */
  async firstTime(id: string): Promise<boolean> {
    return (await this.redis.run((client) => client.set(this.keyOf(id), '1', 'PX', DELIVERY_TTL_MS, 'NX'))) === 'OK';
  }

  async release(id: string): Promise<void> {
    await this.redis.run((client) => client.del(this.keyOf(id)));
  }
}

class RedisRateWindows implements RateCounter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keyOf: (address: string) => string,
    private readonly windowMs: number,
  ) {}

  async count(address: string, time: number): Promise<RateWindow> {
    const [start, count] = await this.redis.run(
      (client) => client.eval(COUNT_REQUEST, 1, this.keyOf(address), time, this.windowMs) as Promise<[string | number, number]>,
    );
    return { start: Number(start), count: Number(count) };
  }
}

export class RedisLiveState implements LiveState {
  readonly kind = 'redis';

  private constructor(
    private readonly redis: RedisConnection,
    readonly sessions: SessionStore<ConversationState>,
    readonly people: PeopleStore,
    readonly deliveries: DeliveryStore,
    readonly rateWindows: RateCounter,
  ) {}

  /** Connects, or rejects with one line naming Redis (the server then exits 1). */
  static async open(options: RedisLiveStateOptions): Promise<RedisLiveState> {
    const prefix = options.prefix ?? 'kenpo-faq:';
    const redis = await connectRedis(options.url, {
      ...(options.onError ? { onError: options.onError } : {}),
      // a write, so that a Redis refusing writes (out of memory, read-only) is failing, not well
      probe: (client) => client.set(`${prefix}health:probe`, '1', 'PX', PROBE_KEY_TTL_MS),
    });
    const named = (kind: string) => (id: string) => `${prefix}${kind}:${keyedHash(options.key, `${kind}:${id}`).slice(0, 32)}`;
    return new RedisLiveState(
      redis,
      new RedisSessions(redis, named('session'), options.sessionTtlMs),
      new RedisPeople(redis, options.key, prefix, options.retentionDays * DAY_MS),
      new RedisDeliveries(redis, named('delivery')),
      new RedisRateWindows(redis, named('rate'), options.rateWindowMs),
    );
  }

  /** Every command is acknowledged by Redis before it resolves: nothing is left to write. */
  async written(): Promise<void> {}

  failingForMs(now?: number): number {
    return this.redis.failingForMs(now);
  }

  close(): Promise<void> {
    return this.redis.close();
  }
}
