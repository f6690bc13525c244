import pg from 'pg';
import { StoreUnavailableError } from '../../src/errors';
import { sessionKey } from '../../src/state/conversation-log-store';
import { MIGRATIONS } from '../../src/state/postgres/migrations';
import { PostgresConversationLog } from '../../src/state/postgres/postgres-conversation-log';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres-server';
import { loggedTurn } from '../helpers/logged-turn';

/**
 * The conversation log in a real PostgreSQL (initdb and pg_ctl here, on a free port): the same
 * contract as the embedded log, and migrations that two servers starting at once do not race.
 */

const DAY = 24 * 60 * 60 * 1000;
let server: TestPostgres;
let databases = 0;
const opened: PostgresConversationLog[] = [];
const now = Date.UTC(2026, 10, 25);

beforeAll(async () => {
  server = await startTestPostgres();
});

afterAll(async () => {
  await server.stop();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((log) => log.close()));
});

/** A database of its own for each test. */
const freshDatabase = () => server.createDatabase(`log_${++databases}`);

async function open(url: string, retentionDays = 30, migrate = true): Promise<PostgresConversationLog> {
  const log = await PostgresConversationLog.open({ url, retentionDays, migrate, now: () => now });
  opened.push(log);
  return log;
}

const turn = loggedTurn;

async function query<Row extends pg.QueryResultRow>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL conversation log: migrations', () => {
  it('creates the schema once, however many servers start at the same moment, and again changes nothing', async () => {
    const url = freshDatabase();
    await Promise.all([open(url), open(url), open(url), open(url)]);
    const versions = await query<{ version: number }>(url, 'SELECT version FROM kenpo_faq_migrations ORDER BY version');
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    await open(url);
    expect(await query(url, 'SELECT version FROM kenpo_faq_migrations')).toHaveLength(MIGRATIONS.length);
  });

  it('is not created by a reader (report, forget): a database never migrated is refused with one line naming PostgreSQL', async () => {
    const url = freshDatabase();
    const error = await open(url, 30, false).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/^PostgreSQL at postgres:\/\/kenpo@127\.0\.0\.1:\d+\/log_\d+ /);
    expect(await query(url, "SELECT to_regclass('turns') AS t")).toEqual([{ t: null }]);
  });

  it('rejects at start with one line naming PostgreSQL and the address, never the password', async () => {
    const error = await PostgresConversationLog.open({
      url: 'postgres://kenpo:sekret-password@127.0.0.1:1/kenpo',
      retentionDays: 30,
      migrate: true,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain('PostgreSQL at postgres://kenpo:***@127.0.0.1:1/kenpo');
    expect(message).not.toContain('sekret-password');
    expect(message).not.toContain('\n');
  });
});

describe('PostgreSQL conversation log: the log contract', () => {
  let url: string;
  beforeEach(() => {
    url = freshDatabase();
  });

  it('writes turns in batches that every reader sees once written() resolves, the session only as a hash', async () => {
    const log = await open(url);
    for (let index = 0; index < 1200; index++) log.record(turn(`session-${index % 3}`, now + index));
    await log.written();
    const other = await open(url); // another machine
    const rows = await other.between(0, now + 10_000);
    expect(rows).toHaveLength(1200);
    expect(rows[0]).toMatchObject({ at: now, day: '2026-11-25', channel: 'web', label: 'q1', text: `message at ${now}`, feedback: null });
    expect(rows[0]!.session).toBe(sessionKey('session-0'));
    const stored = JSON.stringify(await query(url, 'SELECT * FROM turns'));
    expect(stored).not.toContain('session-0');
  });

  it('puts feedback on the session’s latest FAQ answer', async () => {
    const log = await open(url);
    log.record(turn('s', now - 2000, 'q1'));
    log.record(turn('s', now - 1000, 'q2'));
    log.record(turn('s', now - 500, 'fallback'));
    expect(await log.recordFeedback('s', true)).toBe(true);
    expect(await log.recordFeedback('s', false)).toBe(true);
    expect(await log.recordFeedback('s', false)).toBe(false);
    expect((await log.between(0, now + 1)).map((row) => [row.label, row.feedback])).toEqual([
      ['q1', 'no'],
      ['q2', 'yes'],
      ['fallback', null],
    ]);
  });

  it('deletes a session’s entries on request, and only those, written or not yet written', async () => {
    const log = await open(url);
    log.record(turn('mine', now));
    log.record(turn('theirs', now));
    await log.written();
    log.record(turn('mine', now + 1)); // still waiting for its batch
    expect(await log.forgetSession('mine')).toBe(2);
    expect((await log.between(0, now + 10)).map((row) => row.session)).toEqual([sessionKey('theirs')]);
  });

  it('deletes entries older than the retention period', async () => {
    const log = await open(url, 30);
    log.record(turn('old', now - 31 * DAY));
    log.record(turn('new', now - 29 * DAY));
    await log.written();
    expect(await log.deleteExpired()).toBe(1);
    expect((await log.between(0, now + 1)).map((row) => row.text)).toEqual([`message at ${now - 29 * DAY}`]);
  });
});

describe('PostgreSQL conversation log: failures between machines', () => {
  let url: string;
  beforeEach(() => {
    url = freshDatabase();
  });

  // Inserts refused while the database still answers queries: a read-only failover, a full disk.
  const refuseInserts = (refuse: boolean) =>
    query(
      url,
      refuse
        ? `CREATE OR REPLACE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'read-only for the test'; END $$ LANGUAGE plpgsql;
           CREATE TRIGGER refuse BEFORE INSERT ON turns EXECUTE FUNCTION refuse();`
        : 'DROP TRIGGER refuse ON turns',
    );

  it('stays failing while inserts are refused, though its health check gets through, and writes everything once they work', async () => {
    const log = await PostgresConversationLog.open({ url, retentionDays: 30, migrate: true });
    opened.push(log);
    await refuseInserts(true);
    log.record(turn('s', Date.now()));
    await expect(log.written()).rejects.toBeInstanceOf(StoreUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // two health checks
    expect(log.failingForMs(Date.now() + 5000)).toBeGreaterThan(5000);
    await refuseInserts(false);
    const deadline = Date.now() + 10_000;
    while (log.failingForMs() !== 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.failingForMs()).toBe(0);
    expect(await query(url, 'SELECT count(*)::int AS n FROM turns')).toEqual([{ n: 1 }]);
  });

  it('never writes a turn still waiting on one machine after the session was forgotten on another', async () => {
    const a = await open(url);
    const b = await open(url);
    await refuseInserts(true);
    a.record(turn('forgotten', now));
    a.record(turn('kept', now));
    await expect(a.written()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await b.forgetSession('forgotten')).toBe(0);
    await refuseInserts(false);
    await a.written();
    expect((await b.between(0, now + 1)).map((row) => row.session)).toEqual([sessionKey('kept')]);
  });

  it('stores a row once, however often its batch is sent (a reply lost after PostgreSQL committed)', async () => {
    await open(url);
    const insert = `INSERT INTO turns (at, day, channel, session, text, label, intent, route, score, confidence, uid)
      VALUES (1, '2026-11-25', 'web', 'x', 't', 'q1', 'q1', 'faq', 1, 1, '00000000-0000-4000-8000-000000000001')
      ON CONFLICT (uid) DO NOTHING`;
    await query(url, insert);
    await query(url, insert);
    expect(await query(url, 'SELECT count(*)::int AS n FROM turns')).toEqual([{ n: 1 }]);
  });
});
