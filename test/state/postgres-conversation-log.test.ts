import pg from 'pg';
import type { LoggedTurn } from '../../src/conversation/turn';
import { StoreUnavailableError } from '../../src/errors';
import { sessionKey } from '../../src/state/conversation-log-store';
import { MIGRATIONS } from '../../src/state/postgres/migrations';
import { PostgresConversationLog } from '../../src/state/postgres/postgres-conversation-log';
import { startTestPostgres, type TestPostgres } from '../helpers/postgres-server';

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

function turn(session: string, at: number, label = 'q1'): LoggedTurn {
  return {
    at: new Date(at),
    channel: 'web',
    session,
    maskedText: `message at ${at}`,
    label,
    intent: label,
    route: 'faq',
    score: 5,
    confidence: 0.8,
    personalData: [],
  };
}

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
