import { randomBytes } from 'node:crypto';
import { postJson } from '../helpers/server';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres-server';
import { startTestRedis, type TestRedis } from '../helpers/redis-server';
import { runCli, type ServerProcess, startServerExpectingFailure, startServerProcess } from '../helpers/server-process';

/**
 * Several machines: two server processes, each with its own data directory, sharing one Redis
 * (REDIS_URL) and one PostgreSQL (DATABASE_URL), both real, started here on free ports. No
 * sticky sessions: a conversation goes on wherever its next message lands; the staff report
 * counts every machine's turns; an outage of either store is refused politely and ends by itself.
 */

jest.setTimeout(90_000);

interface ChatBody {
  session: string;
  label: string;
  sessionRenewed?: boolean;
  error?: { code: string };
}

let redis: TestRedis;
let postgres: TestPostgres;
let a: ServerProcess;
let b: ServerProcess;
let environment: Record<string, string>;

beforeAll(async () => {
  // Persistent (an append-only file, fsynced on every write): a crash loses nothing written.
  [redis, postgres] = await Promise.all([startTestRedis({ persistent: true }), startTestPostgres()]);
  environment = {
    REDIS_URL: redis.url,
    DATABASE_URL: postgres.url,
    KENPO_FAQ_PERSON_KEY: randomBytes(32).toString('base64'),
    RATE_LIMIT_MAX_REQUESTS: '10000',
  };
  [a, b] = await Promise.all([startServerProcess(environment), startServerProcess(environment)]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([redis?.stop(), postgres?.stop()]);
});

const chat = (server: ServerProcess, text: string, session?: string) =>
  postJson<ChatBody>(`${server.url}/api/chat`, session ? { text, session } : { text });

const readyz = async (server: ServerProcess) => (await fetch(`${server.url}/readyz`)).status;

/** Polls until the check holds; resolves to how long that took, in ms. */
async function within(ms: number, holds: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await holds()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function volume(csv: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of csv.trim().split('\n').slice(1)) {
    const [section, label, channel, count] = line.split(',');
    if (section === 'volume') counts[`${label}/${channel}`] = Number(count);
  }
  return counts;
}

describe('two server processes sharing REDIS_URL and DATABASE_URL', () => {
  it('goes on with a conversation begun on one on the other, and the report counts the turns of both', async () => {
    const first = await chat(a, '情報は漏れたの？');
    expect(first.status).toBe(200);
    expect(first.body.label).toBe('q1');
    const next = await chat(b, 'それはなぜ？', first.body.session);
    expect(next.body).toMatchObject({ session: first.body.session, label: 'q2' });
    expect(next.body.sessionRenewed).toBeUndefined();

    const { stdout } = await runCli(['report', '--csv'], { DATABASE_URL: postgres.url });
    expect(stdout.split('\n')[0]).toBe('section,label,channel_or_day,count,yes,no,confidence,text');
    expect(volume(stdout)).toEqual({ 'q1/web': 1, 'q2/web': 1 });
  });

  it('deletes on one what was said on the other, from Redis and PostgreSQL, and the conversation stays deleted', async () => {
    const first = await chat(a, '保険証の番号は漏れましたか');
    const deleted = await postJson<{ deleted: number }>(`${b.url}/api/chat/session`, { session: first.body.session }, {}, 'DELETE');
    expect(deleted.body.deleted).toBe(1);
    const again = await chat(a, 'それはなぜ？', first.body.session);
    expect(again.body.sessionRenewed).toBe(true);
    const { stdout } = await runCli(['forget', first.body.session], environment);
    expect(stdout).toContain('deleted 0 entries');
  });

  it('answers 503 STATE_UNAVAILABLE within 5 s of Redis stopping, and resumes by itself, the conversation intact', async () => {
    const before = await chat(a, '情報は漏れたの？');
    expect(before.body.label).toBe('q1');

    await redis.kill();
    const refusedAfter = await within(5000, async () => {
      const [reply, ready] = await Promise.all([chat(b, '情報は漏れたの？'), readyz(b)]);
      return reply.status === 503 && reply.body.error?.code === 'STATE_UNAVAILABLE' && ready === 503;
    });
    expect(refusedAfter).toBeLessThanOrEqual(5000);
    expect(await readyz(a)).toBe(503);

    await redis.restart();
    await within(10_000, async () => (await chat(a, '情報は漏れたの？')).status === 200);
    await within(10_000, async () => (await readyz(b)) === 200);
    const after = await chat(b, 'それはなぜ？', before.body.session);
    expect(after.body).toMatchObject({ session: before.body.session, label: 'q2' });
    expect(after.body.sessionRenewed).toBeUndefined();
  });

  it('answers 503 within 5 s of PostgreSQL stopping, and resumes by itself with no answered turn lost', async () => {
    const report = async () => volume((await runCli(['report', '--csv'], { DATABASE_URL: postgres.url })).stdout);
    const baseline = (await report())['q1/web'] ?? 0;
    let answered = 0;
    const ask = async () => {
      const reply = await chat(a, '情報は漏れたの？');
      if (reply.status === 200) answered++;
      return reply;
    };
    await ask();

    await postgres.pauseServer();
    // A turn answered before the outage is noticed waits in memory and is written once it ends.
    const refusedAfter = await within(5000, async () => {
      const [reply, ready] = await Promise.all([ask(), readyz(a)]);
      return reply.status === 503 && reply.body.error?.code === 'STATE_UNAVAILABLE' && ready === 503;
    });
    expect(refusedAfter).toBeLessThanOrEqual(5000);

    await postgres.resumeServer();
    await within(10_000, async () => (await ask()).status === 200);
    await within(10_000, async () => (await readyz(b)) === 200);
    expect((await report())['q1/web']).toBeGreaterThanOrEqual(baseline + answered);
  });
});

describe('a networked store down at start', () => {
  it('Redis: one line naming it, and exit 1', async () => {
    const exited = await startServerExpectingFailure({ ...environment, REDIS_URL: 'redis://:secret-word@127.0.0.1:1' });
    expect(exited.code).toBe(1);
    const lines = exited.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kenpo-faq: cannot start: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    expect(exited.stderr).not.toContain('secret-word');
  });

  it('PostgreSQL: one line naming it, and exit 1', async () => {
    const exited = await startServerExpectingFailure({ ...environment, DATABASE_URL: 'postgres://kenpo:secret-word@127.0.0.1:1/kenpo' });
    expect(exited.code).toBe(1);
    const lines = exited.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kenpo-faq: cannot start: PostgreSQL at postgres:\/\/kenpo:\*\*\*@127\.0\.0\.1:1\/kenpo/);
    expect(exited.stderr).not.toContain('secret-word');
  });

  it('REDIS_URL without KENPO_FAQ_PERSON_KEY: one line saying to set it, and exit 1', async () => {
    const { KENPO_FAQ_PERSON_KEY: _unset, ...withoutKey } = environment;
    const exited = await startServerExpectingFailure(withoutKey);
    expect(exited.code).toBe(1);
    expect(exited.stderr.trim().split('\n')).toHaveLength(1);
    expect(exited.stderr).toContain('KENPO_FAQ_PERSON_KEY');
  });
});
