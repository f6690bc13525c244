import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { LoggedTurn } from '../../conversation/turn';
import { describe, StoreUnavailableError } from '../../errors';
import { type ConversationLogStore, type NewRow, rowOf, sessionKey, type StoredTurn } from '../conversation-log-store';
import { migrate } from './migrations';

/**
 * The conversation log in PostgreSQL (`DATABASE_URL`), which every machine writes and the staff
 * report reads: the same masked rows as the embedded log, the same retention and deletion.
 * Turns are inserted in batches, one statement per event-loop turn; a batch PostgreSQL refuses
 * stays in memory (up to 10,000 rows) and is retried, and past a few seconds of failing the
 * chat API answers 503, as it does when the live state fails.
 */

export interface PostgresLogOptions {
  readonly url: string;
  readonly retentionDays: number;
  /**
   * The server: runs the migrations first, and bounds every statement (5 s) so that a stuck
   * database is a failing store, not a hung chat. The report and forget commands neither
   * migrate nor time out (a long report is not an outage).
   */
  readonly migrate?: boolean;
  /** Deletes expired entries this often (the server); never for the commands. */
  readonly purgeEveryMs?: number;
  readonly now?: () => number;
  /** Told of failures in background writes and purges (once per outage). */
  readonly onError?: (error: unknown) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_PENDING_ROWS = 10_000;
const ROWS_PER_INSERT = 500;
// Each column with its type: the rows are sent as a VALUES list, whose parameters carry no type of their own.
const COLUMNS = [
  ['at', 'bigint'],
  ['day', 'text'],
  ['channel', 'text'],
  ['session', 'text'],
  ['text', 'text'],
  ['label', 'text'],
  ['intent', 'text'],
  ['route', 'text'],
  ['score', 'double precision'],
  ['confidence', 'double precision'],
  ['personal_data', 'text'],
  ['uid', 'uuid'],
] as const;
const COLUMN_NAMES = COLUMNS.map(([name]) => name).join(', ');
const STATEMENT_TIMEOUT_MS = 5000;
// A reply PostgreSQL never sends (a dropped network): the client gives up a little after the server would.
const QUERY_TIMEOUT_MS = 8000;
const RETRY_MS = [200, 500, 1000, 2000];
const CHECK_EVERY_MS = 1000;

/** `postgres://user:pass@host/db` without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL (not a valid URL)';
  }
}

/** A turn as written, with the id that makes writing it twice harmless. */
type PendingRow = NewRow & { readonly uid: string };

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class PostgresConversationLog implements ConversationLogStore {
  readonly kind = 'postgres';
  /** Rows dropped because PostgreSQL refused writes for too long; reported, never silent. */
  dropped = 0;
  private pending: PendingRow[] = [];
  private waiting: Waiter[] = [];
  private writing: Promise<void> | undefined;
  private scheduled = false;
  private failingSince: number | undefined;
  private closed = false;
  /** The last health check failed: PostgreSQL is known down, not merely slow to write a batch. */
  private unreachable = false;
  private retries = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  private readonly onError: (error: unknown) => void;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresLogOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
  }

  /** Connects (and migrates), or rejects with one line naming PostgreSQL and the address (never the password). */
  static async open(options: PostgresLogOptions): Promise<PostgresConversationLog> {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 4,
      connectionTimeoutMillis: 2000,
      idleTimeoutMillis: 30_000,
      ...(options.migrate ? { statement_timeout: STATEMENT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS } : {}),
    });
    const log = new PostgresConversationLog(pool, options);
    // An idle connection that breaks is reported by the pool, not thrown: without a listener it would end the process.
    pool.on('error', (error) => log.failed(error));
    try {
      if (options.migrate) await migrateWith(options.url);
      else await pool.query('SELECT 1 FROM turns LIMIT 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StoreUnavailableError(`PostgreSQL at ${redacted(options.url)}`, error);
    }
    log.startTimers();
    return log;
  }

  private startTimers(): void {
    // A store that fails with no traffic is noticed too, and one that is back is noticed without a chat.
    const check = setInterval(() => {
      this.pool.query('SELECT 1').then(
        () => this.reachable(),
        (error: unknown) => {
          this.unreachable = true;
          this.failed(error);
        },
      );
    }, CHECK_EVERY_MS);
    check.unref();
    this.timers.push(check);
    if (this.options.purgeEveryMs) {
      const purge = setInterval(() => {
        this.deleteExpired().catch((error: unknown) => this.onError(error));
      }, this.options.purgeEveryMs);
      purge.unref();
      this.timers.push(purge);
      this.deleteExpired().catch((error: unknown) => this.onError(error));
    }
  }

  private failed(error: unknown): void {
    if (this.failingSince === undefined) {
      this.failingSince = this.now();
      this.onError(new StoreUnavailableError('PostgreSQL', error));
    }
  }

  /**
   * The health check got through. That alone does not end a failure: a database that answers
   * but refuses inserts (read-only, a full disk) stays failing until a batch is written.
   */
  private reachable(): void {
    this.unreachable = false;
    if (this.pending.length === 0 && !this.writing) this.failingSince = undefined;
    else if (!this.writing && !this.retryTimer) this.schedule();
  }

  /** A write or a query succeeded. */
  private recovered(): void {
    this.failingSince = undefined;
    this.unreachable = false;
    if (this.pending.length > 0 && !this.writing) this.schedule();
  }

  failingForMs(now = this.now()): number {
    if (this.failingSince === undefined) return 0;
    // Known down (within a second, by the health check): refused at once, as a lost Redis is.
    return this.unreachable ? Number.POSITIVE_INFINITY : Math.max(1, now - this.failingSince);
  }

  record(turn: LoggedTurn): void {
    this.pending.push({ ...rowOf(turn), uid: randomUUID() });
    if (this.pending.length > MAX_PENDING_ROWS) {
      const excess = this.pending.length - MAX_PENDING_ROWS;
      this.pending.splice(0, excess);
      this.dropped += excess;
      this.onError(new Error(`the conversation log (PostgreSQL) has refused writes for too long: ${this.dropped} entries dropped so far`));
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.writePending();
    });
  }

  /** Writes what is pending, one batch at a time; a refused batch goes back and is retried. */
  private writePending(): Promise<void> {
    // Set only after the writing has begun, and cleared once it has ended: with nothing pending
    // the body ends at once, and a `??=` over the async body would keep its promise forever.
    this.writing ??= this.writeBatches().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async writeBatches(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, ROWS_PER_INSERT);
        const waiters = this.pending.length === 0 ? this.waiting.splice(0) : [];
        try {
          await this.insert(batch);
        } catch (error) {
          this.pending.unshift(...batch);
          this.waiting.unshift(...waiters);
          throw error;
        }
        this.retries = 0;
        this.recovered();
        for (const waiter of waiters) waiter.resolve();
      }
      for (const waiter of this.waiting.splice(0)) waiter.resolve();
    } catch (error) {
      this.failed(error);
      for (const waiter of this.waiting.splice(0)) waiter.reject(new StoreUnavailableError('PostgreSQL', error));
      this.retryLater();
    }
  }

  private retryLater(): void {
    if (this.retryTimer || this.closed) return;
    const delay = RETRY_MS[Math.min(this.retries++, RETRY_MS.length - 1)]!;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.pending.length > 0) this.schedule();
    }, delay);
    this.retryTimer.unref();
  }

  /**
   * One statement for the batch. A row already stored (its reply was lost and the batch retried)
   * is skipped, and so is a row of a session forgotten meanwhile, on any machine.
   */
  private async insert(rows: readonly PendingRow[]): Promise<void> {
    const values: unknown[] = [];
    const tuples = rows.map((row, index) => {
      for (const [column] of COLUMNS) values.push(row[column]);
      return `(${COLUMNS.map(([, type], column) => `$${index * COLUMNS.length + column + 1}::${type}`).join(', ')})`;
    });
    await this.pool.query(
      `INSERT INTO turns (${COLUMN_NAMES})
         SELECT * FROM (VALUES ${tuples.join(', ')}) AS row (${COLUMN_NAMES})
         WHERE NOT EXISTS (SELECT 1 FROM forgotten_sessions forgotten WHERE forgotten.session = row.session)
       ON CONFLICT (uid) DO NOTHING`,
      values,
    );
  }

  /** Resolves once the entries recorded so far are in PostgreSQL; rejects when it refused them (they are retried). */
  written(): Promise<void> {
    if (this.pending.length === 0 && !this.writing) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.schedule();
    return done;
  }

  private async query<Row extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    try {
      const result = await this.pool.query<Row>(text, values);
      this.recovered();
      return result;
    } catch (error) {
      this.failed(error);
      throw new StoreUnavailableError('PostgreSQL', error);
    }
  }

  async recordFeedback(session: string, solved: boolean): Promise<boolean> {
    await this.written();
    const result = await this.query(
      `UPDATE turns SET feedback = $2 WHERE id = (
         SELECT id FROM turns WHERE session = $1 AND label ~ '^q[0-9]+$' AND feedback IS NULL ORDER BY id DESC LIMIT 1)`,
      [sessionKey(session), solved ? 'yes' : 'no'],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /**
   * Deletes every entry of a session. The rows are gone for every query at once; their bytes
   * stay in PostgreSQL's pages until VACUUM reuses them (see README, "Several machines").
   */
  async forgetSession(session: string): Promise<number> {
    const key = sessionKey(session);
    // entries of it not yet written go first: they are never written
    const before = this.pending.length;
    this.pending = this.pending.filter((row) => row.session !== key);
    const unwritten = before - this.pending.length;
    // Remembered first, so that no machine's batch written after this point holds the session.
    await this.query('INSERT INTO forgotten_sessions (session, at) VALUES ($1, $2) ON CONFLICT (session) DO UPDATE SET at = EXCLUDED.at', [
      key,
      this.now(),
    ]);
    // a batch of this machine's already on its way may hold the session: deleted after it lands
    await this.written().catch(() => undefined);
    const result = await this.query('DELETE FROM turns WHERE session = $1', [key]);
    return unwritten + (result.rowCount ?? 0);
  }

  async between(from: number, to: number): Promise<StoredTurn[]> {
    await this.written().catch(() => undefined);
    const result = await this.query<Omit<StoredTurn, 'at'> & { at: string }>(
      `SELECT at, day, channel, session, text, label, intent, route, score, confidence, personal_data, feedback
         FROM turns WHERE at >= $1 AND at < $2 ORDER BY at, id`,
      [from, to],
    );
    return result.rows.map((row) => ({ ...row, at: Number(row.at) }));
  }

  async deleteExpired(): Promise<number> {
    const before = this.now() - this.options.retentionDays * DAY_MS;
    const result = await this.query('DELETE FROM turns WHERE at < $1', [before]);
    await this.query('DELETE FROM forgotten_sessions WHERE at < $1', [before]);
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    try {
      await this.written();
    } catch (error) {
      this.onError(
        new Error(`closing the conversation log (PostgreSQL) with ${this.pending.length} entries unwritten: ${describe(error)}`),
      );
    } finally {
      await this.pool.end();
    }
  }
}

/** The migrations on a connection of their own, with no statement timeout (see migrate()). */
async function migrateWith(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await migrate(client);
  } finally {
    await client.end();
  }
}
