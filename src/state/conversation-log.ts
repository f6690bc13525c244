import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { LoggedTurn } from '../conversation/turn';
import { type ConversationLogStore, type NewRow, rowOf, sessionKey, type StoredTurn } from './conversation-log-store';
import { type PendingWriter, WriteBehind } from './write-behind';

export { sessionKey, type StoredTurn } from './conversation-log-store';

/**
 * The conversation log: an embedded SQLite database under the data directory. It holds only
 * masked text (see mask.ts), and the session as a hash, never a platform's user id. Entries
 * older than the retention period are deleted automatically; a session's entries are deleted
 * on request.
 */

export const LOG_FILE_NAME = 'conversations.sqlite';
const DAY_MS = 24 * 60 * 60 * 1000;
const SELECT_TURNS =
  'SELECT at, day, channel, session, text, label, intent, route, score, confidence, personal_data, feedback FROM turns WHERE at >= ? AND at < ? ORDER BY at';
// Rows kept in memory while the database refuses writes (locked, disk full); beyond this the
// oldest are dropped and counted, so a stuck disk cannot also exhaust memory.
const MAX_PENDING_ROWS = 10_000;
// How long a write waits for a lock held by another process (a report, a backup) before the
// batch is kept for the next try; better-sqlite3's default of 5 s would stall every chat.
const BUSY_TIMEOUT_MS = 200;
// A deletion's write-ahead log is emptied at once, or retried while another process reads it.
const CHECKPOINT_TRIES = 20;
const CHECKPOINT_RETRY_MS = 500;

/** The database has refused writes for so long that the oldest waiting entries were dropped. */
export class ConversationLogOverflow extends Error {
  readonly code = 'CONVERSATION_LOG_OVERFLOW';
  constructor(readonly dropped: number) {
    super(
      `the conversation log has refused writes for too long: ${dropped} entries dropped so far (more than ${MAX_PENDING_ROWS} were waiting); check the disk and any process locking ${LOG_FILE_NAME}`,
    );
  }
}

export interface ConversationLogOptions {
  /** Deletes expired entries this often, besides at opening. */
  readonly purgeEveryMs?: number;
  readonly now?: () => number;
  /** Told of failures in background writes and purges, which must never stop the server. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Reads entries between two times without changing the file: reports must not purge or
 * create anything, whatever retention the reading process is configured with.
 */
export function readConversationLog(file: string, from: number, to: number): StoredTurn[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(SELECT_TURNS).all(from, to) as StoredTurn[];
  } finally {
    db.close();
  }
}

export class ConversationLog implements ConversationLogStore, PendingWriter {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly feedback: Database.Statement;
  private readonly forget: Database.Statement;
  private readonly purge: Database.Statement;
  private readonly timer?: NodeJS.Timeout;

  constructor(
    readonly file: string,
    private readonly retentionDays: number,
    options: ConversationLogOptions = {},
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    this.db.pragma('journal_mode = WAL');
    // A log, not a ledger: after a power cut the last moments may be lost, never the file.
    this.db.pragma('synchronous = NORMAL');
    // A deleted entry's bytes are overwritten, not left in free pages until something reuses
    // them; the write-ahead log is emptied after each deletion (see erase()).
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS turns (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        day TEXT NOT NULL,
        channel TEXT NOT NULL,
        session TEXT NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        intent TEXT NOT NULL,
        route TEXT NOT NULL,
        score REAL NOT NULL,
        confidence REAL NOT NULL,
        personal_data TEXT NOT NULL DEFAULT '',
        feedback TEXT CHECK (feedback IN ('yes', 'no'))
      );
      CREATE INDEX IF NOT EXISTS turns_at ON turns (at);
      CREATE INDEX IF NOT EXISTS turns_session ON turns (session);
    `);
    this.insert = this.db
      .prepare(`INSERT INTO turns (at, day, channel, session, text, label, intent, route, score, confidence, personal_data)
      VALUES (@at, @day, @channel, @session, @text, @label, @intent, @route, @score, @confidence, @personal_data)`);
    // Feedback belongs to the latest FAQ answer of the session that has none yet.
    this.feedback = this.db.prepare(`UPDATE turns SET feedback = @feedback WHERE id = (
      SELECT id FROM turns WHERE session = @session AND label GLOB 'q[0-9]*' AND feedback IS NULL ORDER BY id DESC LIMIT 1)`);
    this.forget = this.db.prepare('DELETE FROM turns WHERE session = ?');
    this.purge = this.db.prepare('DELETE FROM turns WHERE at < ?');
    this.now = options.now ?? Date.now;
    this.onError = options.onError ?? (() => undefined);
    this.writes = new WriteBehind(this.db, this.onError);
    this.writes.register(this);
    this.purgeExpired();
    if (options.purgeEveryMs) {
      this.timer = setInterval(() => this.inBackground(() => this.purgeExpired()), options.purgeEveryMs);
      this.timer.unref();
    }
  }

  private readonly now: () => number;
  private readonly onError: (error: unknown) => void;
  /** Rows dropped because the database refused writes for too long; reported, never silent. */
  dropped = 0;
  private pending: NewRow[] = [];
  /** The batch of each event-loop turn, retried with backoff while the database refuses it. */
  private readonly writes: WriteBehind;

  /** Turns are written in batches, one transaction per event-loop turn, not one per message. */
  record(turn: LoggedTurn): void {
    this.pending.push(rowOf(turn));
    if (this.pending.length > MAX_PENDING_ROWS) {
      const excess = this.pending.length - MAX_PENDING_ROWS;
      this.pending.splice(0, excess);
      this.dropped += excess;
      // Said every time, with the running total: losing log entries must never go unnoticed.
      this.onError(new ConversationLogOverflow(this.dropped));
    }
    this.writes.schedule();
  }

  writePending(): (() => void) | undefined {
    if (this.pending.length === 0) return undefined;
    for (const row of this.pending) this.insert.run(row);
    return () => (this.pending = []);
  }

  /** Writes what is pending; everything that reads or deletes flushes first. Throws what the database said. */
  flush(): void {
    this.writes.flush();
  }

  /**
   * Resolves once the entries recorded so far are written (at the end of this turn of the
   * event loop), so that a deletion the person asks for next, on whichever worker, finds them.
   */
  written(): Promise<void> {
    return this.writes.written();
  }

  /**
   * Always 0: the embedded log keeps refused entries in memory and retries them (up to 10,000),
   * and its disk is the state database's, whose failure refuses chats already.
   */
  failingForMs(): number {
    return 0;
  }

  private inBackground(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.onError(error);
    }
  }

  async recordFeedback(session: string, solved: boolean): Promise<boolean> {
    this.flush();
    return this.feedback.run({ session: sessionKey(session), feedback: solved ? 'yes' : 'no' }).changes > 0;
  }

  /** Deletes every entry of a session, bytes and all; resolves to how many. */
  async forgetSession(session: string): Promise<number> {
    this.flush();
    return this.erase(() => this.forget.run(sessionKey(session)).changes);
  }

  /** Deletes entries older than the retention period, bytes and all; resolves to how many. */
  async deleteExpired(): Promise<number> {
    return this.purgeExpired();
  }

  private purgeExpired(): number {
    this.flush();
    return this.erase(() => this.purge.run(this.now() - this.retentionDays * DAY_MS).changes);
  }

  /**
   * Runs a deletion, then empties the write-ahead log: with secure_delete the database pages no
   * longer hold the text, but the log still holds the frames written before, until a checkpoint
   * copies them back and the log is truncated. Another process reading at that moment can keep
   * the log from being truncated; the checkpoint is then tried again shortly, in the background.
   */
  private erase(deletion: () => number): number {
    const deleted = deletion();
    if (deleted > 0) this.emptyLog(CHECKPOINT_TRIES);
    return deleted;
  }

  private emptyLog(triesLeft: number): void {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result?.busy && triesLeft > 1 && this.db.open) {
      setTimeout(() => this.inBackground(() => this.db.open && this.emptyLog(triesLeft - 1)), CHECKPOINT_RETRY_MS).unref();
    }
  }

  /** Entries between two times (inclusive from, exclusive to), oldest first. */
  async between(from: number, to: number): Promise<StoredTurn[]> {
    this.flush();
    return this.db.prepare(SELECT_TURNS).all(from, to) as StoredTurn[];
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  /** Closes at once (what close() does; for callers that cannot wait). */
  closeNow(): void {
    if (this.timer) clearInterval(this.timer);
    try {
      this.inBackground(() => this.flush());
    } finally {
      this.db.close();
    }
  }
}
