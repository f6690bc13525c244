import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { SESSION_ID_PATTERN } from '../../src/conversation/session-store';
import { NEW_CONVERSATION } from '../../src/conversation/state';
import { StoreUnavailableError } from '../../src/errors';
import { RedisLiveState } from '../../src/state/redis/redis-live-state';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';

/**
 * The live state in a real redis-server (started here on a free port, no persistence): the same
 * contract as the shared state database, with expiry kept by Redis itself, in real time.
 */

let redis: TestRedis;
let raw: Redis;
const opened: RedisLiveState[] = [];
const key = randomBytes(32);

beforeAll(async () => {
  redis = await startTestRedis();
  raw = new Redis(redis.url);
});

afterAll(async () => {
  raw.disconnect();
  await redis.stop();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((state) => state.close()));
  await raw.flushall();
});

async function openState(options: { sessionTtlMs?: number; rateWindowMs?: number; key?: Buffer } = {}): Promise<RedisLiveState> {
  const state = await RedisLiveState.open({
    url: redis.url,
    key: options.key ?? key,
    sessionTtlMs: options.sessionTtlMs ?? 60_000,
    rateWindowMs: options.rateWindowMs ?? 60_000,
    retentionDays: 30,
  });
  opened.push(state);
  return state;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const conversation = (turns: number) => ({ ...NEW_CONVERSATION, turns });

describe('Redis live state: sessions', () => {
  it('creates unique ids of the session id shape, and returns the state created, then the state last set', async () => {
    const { sessions } = await openState();
    const ids = await Promise.all(Array.from({ length: 20 }, () => sessions.create(NEW_CONVERSATION)));
    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(SESSION_ID_PATTERN);
    const id = ids[0]!;
    expect(await sessions.get(id)).toEqual(NEW_CONVERSATION);
    await sessions.set(id, conversation(3));
    expect(await sessions.get(id)).toEqual(conversation(3));
    expect(await sessions.get(ids[1]!)).toEqual(NEW_CONVERSATION);
  });

  it('expires a session its time to live after the last set, by Redis key expiry', async () => {
    // Margins of a second either way: timers on a loaded machine run late.
    const { sessions } = await openState({ sessionTtlMs: 2000 });
    const id = await sessions.create(NEW_CONVERSATION);
    await sleep(1000);
    await sessions.set(id, conversation(1)); // extends it by another 2 s
    await sleep(1500); // past the creation's time to live, within the last set's
    expect(await sessions.get(id)).toEqual(conversation(1));
    await sleep(1600);
    expect(await sessions.get(id)).toBeUndefined();
    // No key is left without an expiry: nothing needs a purge loop.
    const other = await sessions.create(NEW_CONVERSATION);
    expect(other).toMatch(SESSION_ID_PATTERN);
    for (const name of await raw.keys('*')) expect(await raw.pttl(name)).toBeGreaterThan(0);
  });

  it('does not revive a deleted or expired session on set, nor adopt an id it never created', async () => {
    const { sessions } = await openState({ sessionTtlMs: 200 });
    const deleted = await sessions.create(NEW_CONVERSATION);
    await sessions.delete(deleted);
    await sessions.set(deleted, conversation(2));
    expect(await sessions.get(deleted)).toBeUndefined();

    const expired = await sessions.create(NEW_CONVERSATION);
    await sleep(300);
    await sessions.set(expired, conversation(2));
    expect(await sessions.get(expired)).toBeUndefined();

    await sessions.set('s_never-created-by-this-store', conversation(1));
    expect(await sessions.get('s_never-created-by-this-store')).toBeUndefined();
  });

  it('is shared by two connections (two machines): one reads, updates and deletes what the other created', async () => {
    const one = await openState();
    const two = await openState();
    const id = await one.sessions.create(NEW_CONVERSATION);
    expect(await two.sessions.get(id)).toEqual(NEW_CONVERSATION);
    await two.sessions.set(id, conversation(4));
    expect(await one.sessions.get(id)).toEqual(conversation(4));
    await one.sessions.delete(id);
    await two.sessions.set(id, conversation(5));
    expect(await two.sessions.get(id)).toBeUndefined();
  });

  it('finds nothing under another key: every machine must hold the same KENPO_FAQ_PERSON_KEY', async () => {
    const id = await (await openState()).sessions.create(NEW_CONVERSATION);
    expect(await (await openState({ key: randomBytes(32) })).sessions.get(id)).toBeUndefined();
  });
});

describe('Redis live state: LINE and Slack people', () => {
  it('lists a person’s sessions oldest first, apart from other people’s, shared by two connections without a number taken twice', async () => {
    const one = await openState();
    const two = await openState();
    const alice = one.people.personOf('line', 'ch', 'alice');
    const bob = one.people.personOf('line', 'ch', 'bob');
    expect(two.people.personOf('line', 'ch', 'alice')).toBe(alice);
    expect(await one.people.sessionsOf(alice)).toEqual([]);
    const started = await Promise.all([one, two, one, two].map((state) => state.people.startNext(alice)));
    const b1 = await two.people.startNext(bob);
    expect(new Set(started).size).toBe(4);
    expect((await two.people.sessionsOf(alice)).sort()).toEqual([...started].sort());
    expect(await one.people.sessionsOf(bob)).toEqual([b1]);
    for (const id of [...started, b1]) expect(id).toMatch(SESSION_ID_PATTERN);
    const a5 = await one.people.startNext(alice);
    expect((await two.people.sessionsOf(alice)).at(-1)).toBe(a5);
  });

  it('keeps only the last 200 sessions of a person, and remembers them for the retention period', async () => {
    const { people } = await openState();
    const alice = people.personOf('slack', 'T1', 'alice');
    const started: string[] = [];
    for (let n = 0; n < 203; n++) started.push(await people.startNext(alice));
    expect(await people.sessionsOf(alice)).toEqual(started.slice(3));
    for (const name of await raw.keys('*person*')) {
      expect(await raw.pttl(name)).toBeGreaterThan(29 * 24 * 60 * 60 * 1000);
    }
  });

  it('forgets a person and only that person', async () => {
    const { people } = await openState();
    const alice = people.personOf('line', 'ch', 'alice');
    const bob = people.personOf('line', 'ch', 'bob');
    await people.startNext(alice);
    const b1 = await people.startNext(bob);
    await people.forget(alice);
    expect(await people.sessionsOf(alice)).toEqual([]);
    expect(await people.sessionsOf(bob)).toEqual([b1]);
  });
});

describe('Redis live state: deliveries and rate windows', () => {
  it('claims a delivery id once across two connections, again after a release, and lets it expire', async () => {
    const one = await openState();
    const two = await openState();
    const claims = await Promise.all([one, two, one, two].map((state) => state.deliveries.firstTime('evt-1')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await two.deliveries.release('evt-1');
    expect(await one.deliveries.firstTime('evt-1')).toBe(true);
    const [name] = await raw.keys('*delivery*');
    expect(await raw.pttl(name!)).toBeGreaterThan(59 * 60 * 1000);
  });

  it('counts a client’s requests within a window across two connections, each client apart, and restarts after it', async () => {
    const one = await openState({ rateWindowMs: 1000 });
    const two = await openState({ rateWindowMs: 1000 });
    expect(await one.rateWindows.count('203.0.113.7', 5000)).toEqual({ start: 5000, count: 1 });
    expect(await two.rateWindows.count('203.0.113.7', 5400)).toEqual({ start: 5000, count: 2 });
    expect(await two.rateWindows.count('198.51.100.1', 5400)).toEqual({ start: 5400, count: 1 });
    expect(await one.rateWindows.count('203.0.113.7', 5999)).toEqual({ start: 5000, count: 3 });
    expect(await two.rateWindows.count('203.0.113.7', 6000)).toEqual({ start: 6000, count: 1 });
    for (const name of await raw.keys('*rate*')) expect(await raw.pttl(name)).toBeLessThanOrEqual(1000);
  });
});

describe('Redis live state: what is stored', () => {
  it('names every key by a keyed hash: no session id, user id, scope, address or delivery id in keys or values', async () => {
    const state = await openState();
    const userId = 'U4f2c9e8a7b6d5c4e3f2a1b0c9d8e7f6a';
    const scope = 'T0SCOPEWORKSPACE';
    const address = '203.0.113.77';
    const person = state.people.personOf('slack', scope, userId);
    const personal = [await state.people.startNext(person)];
    personal.push(await state.sessions.create(NEW_CONVERSATION));
    await state.sessions.create(NEW_CONVERSATION, personal[0]);
    await state.deliveries.firstTime('Ev0DELIVERYID');
    await state.rateWindows.count(address, Date.now());

    const names = await raw.keys('*');
    expect(names.length).toBeGreaterThanOrEqual(5);
    const values = await Promise.all(
      names.map(async (name) => {
        const type = await raw.type(name);
        if (type === 'string') return raw.get(name);
        if (type === 'list') return JSON.stringify(await raw.lrange(name, 0, -1));
        return JSON.stringify(await raw.hgetall(name));
      }),
    );
    const everything = JSON.stringify([names, values]);
    for (const secret of [userId, scope, address, 'Ev0DELIVERYID', ...personal, key.toString('hex'), key.toString('base64url')]) {
      expect(everything).not.toContain(secret);
    }
    for (const name of names) expect(name).toMatch(/^kenpo-faq:[a-z-]+:[A-Za-z0-9_-]+$/);
  });
});

/** Opening that is expected to fail: resolves to what it rejected with. */
const openFailing = (url: string) =>
  RedisLiveState.open({ url, key, sessionTtlMs: 1000, rateWindowMs: 1000, retentionDays: 1 }).catch((caught: unknown) => caught);

describe('Redis live state: failures', () => {
  it('fails fast while Redis hangs (commands do not pile up), says so once, and recovers by itself', async () => {
    const errors: unknown[] = [];
    const state = await RedisLiveState.open({
      url: redis.url,
      key,
      sessionTtlMs: 60_000,
      rateWindowMs: 60_000,
      retentionDays: 30,
      onError: (error) => errors.push(error),
    });
    opened.push(state);
    const id = await state.sessions.create(NEW_CONVERSATION);
    redis.freeze();
    try {
      const started = Date.now();
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => state.sessions.get(id)));
      expect(results.every((result) => result.status === 'rejected')).toBe(true);
      expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(state.failingForMs()).toBeGreaterThan(0);
      // The silent socket is cut: no command waits behind it (ioredis's queue of sent commands).
      await sleep(3500);
      const queued = (state as unknown as { redis: { client: { commandQueue: { length: number } } } }).redis.client.commandQueue.length;
      expect(queued).toBeLessThanOrEqual(2);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(StoreUnavailableError);
    } finally {
      redis.thaw();
    }
    const deadline = Date.now() + 10_000;
    while (state.failingForMs() !== 0 && Date.now() < deadline) await sleep(100);
    expect(state.failingForMs()).toBe(0);
    expect(await state.sessions.get(id)).toEqual(NEW_CONVERSATION);
  });

  it('counts as failing while Redis answers pings but refuses writes', async () => {
    const state = await openState();
    await raw.config('SET', 'maxmemory', '1');
    await raw.config('SET', 'maxmemory-policy', 'noeviction');
    try {
      await expect(state.sessions.create(NEW_CONVERSATION)).rejects.toBeInstanceOf(StoreUnavailableError);
      await sleep(2500); // two probes: neither clears the failure
      expect(state.failingForMs()).toBeGreaterThan(2000);
    } finally {
      await raw.config('SET', 'maxmemory', '0');
    }
    await sleep(1500);
    expect(state.failingForMs()).toBe(0);
  });

  it('names the cause when Redis refuses the password at start (not "Connection is closed")', async () => {
    await raw.config('SET', 'requirepass', 'the-right-one');
    try {
      const error = await openFailing(`redis://:a-wrong-one@127.0.0.1:${redis.port}`);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as Error).message).toMatch(/WRONGPASS|invalid username-password/);
      expect((error as Error).message).not.toContain('a-wrong-one');
    } finally {
      await raw.config('SET', 'requirepass', '');
    }
  });

  it('rejects at start with one line naming Redis and the address, never the password', async () => {
    const closedPort = redis.port === 1 ? 2 : 1;
    const error = await openFailing(`redis://:sekret-password@127.0.0.1:${closedPort}`);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain(`Redis at redis://:***@127.0.0.1:${closedPort}`);
    expect(message).not.toContain('sekret-password');
    expect(message).not.toContain('\n');
  });
});
