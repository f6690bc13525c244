import type Database from 'better-sqlite3';
import { newSessionId, type SessionStore } from '../conversation/session-store';
import { sessionKey } from './conversation-log';
import { type PendingWriter, WriteBehind } from './write-behind';

export interface SqliteSessionStoreOptions {
  /** A session expires this long after its last turn. */
  readonly ttlMs: number;
  /** Beyond this many, the least recently active sessions go at the next purge: bounds the file. */
  readonly maxSessions: number;
  readonly now?: () => number;
  /** Told when writing fails; what was pending is kept and retried (with its own WriteBehind only). */
  readonly onError?: (error: unknown) => void;
}

const PURGE_BATCH = 2000;

/**
 * A session as stored: its first 8 characters (for a web session, the time it began, which
 * keeps the index in order), then a hash of the whole id. The id itself is a bearer token (it
 * continues or deletes a conversation), so the file never holds it.
 */
export function storedKey(id: string): string {
  return id.slice(0, 8) + sessionKey(id);
}

/** A write waiting for the end of the event-loop turn. */
interface PendingWrite<State> {
  /** A session created in this turn: inserted, not updated. */
  readonly created: boolean;
  readonly state: State;
  readonly expiresAt: number;
}

/**
 * Conversation state by session in the shared state database, so every worker sees every
 * conversation. A turn's state is written only to a session that still exists: a session
 * deleted meanwhile (by another worker, at the person's request) is never brought back.
 *
 * New and changed sessions are written at the end of the event-loop turn (write-behind.ts), in
 * the one transaction of that turn. This worker reads its own pending writes; another worker
 * sees them once the reply has left, before the person can send the next message. A deletion
 * is written at once.
 */
export class SqliteSessionStore<State> implements SessionStore<State>, PendingWriter {
  private readonly now: () => number;
  private readonly select: Database.Statement<[string, number], { state: string }>;
  private readonly live: Database.Statement<[string, number], { live: 1 }>;
  private readonly insert: Database.Statement<[string, string, number]>;
  private readonly update: Database.Statement<[string, number, string, number]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly count: Database.Statement<[number], { n: number }>;
  private readonly purgeExpired: Database.Statement<[number]>;
  private readonly purgeOldest: Database.Statement<[number]>;
  private readonly pending = new Map<string, PendingWrite<State>>();
  private readonly writes: WriteBehind;

  constructor(
    db: Database.Database,
    private readonly options: SqliteSessionStoreOptions,
    /** Shared with the database's other stores; by default the store's own. */
    writes?: WriteBehind,
  ) {
    this.writes = writes ?? new WriteBehind(db, options.onError);
    this.writes.register(this);
    this.now = options.now ?? Date.now;
    db.exec(`
      CREATE TABLE IF NOT EXISTS sessions (
        id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at);
    `);
    this.select = db.prepare('SELECT state FROM sessions WHERE id = ? AND expires_at > ?');
    this.live = db.prepare('SELECT 1 AS live FROM sessions WHERE id = ? AND expires_at > ?');
    // A server-derived id (a LINE or Slack person's) can come again after its session was deleted.
    this.insert = db.prepare(
      'INSERT INTO sessions (id, state, expires_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at',
    );
    this.update = db.prepare('UPDATE sessions SET state = ?, expires_at = ? WHERE id = ? AND expires_at > ?');
    this.remove = db.prepare('DELETE FROM sessions WHERE id = ?');
    this.count = db.prepare('SELECT count(*) AS n FROM sessions WHERE expires_at > ?');
    this.purgeExpired = db.prepare(`DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at <= ? LIMIT ${PURGE_BATCH})`);
    this.purgeOldest = db.prepare('DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY expires_at LIMIT ?)');
  }

  /** Writes what is pending now (other workers read it then); the end of the event-loop turn does it anyway. */
  flush(): void {
    this.writes.flush();
  }

  writePending(): (() => void) | undefined {
    if (this.pending.size === 0) return undefined;
    const now = this.now();
    for (const [id, write] of this.pending) {
      if (write.created) this.insert.run(storedKey(id), JSON.stringify(write.state), write.expiresAt);
      else this.update.run(JSON.stringify(write.state), write.expiresAt, storedKey(id), now);
    }
    return () => this.pending.clear();
  }

  private later(id: string, write: PendingWrite<State>): void {
    this.pending.set(id, write);
    this.writes.schedule();
  }

  get size(): number {
    this.flush();
    return this.count.get(this.now())!.n;
  }

  async get(id: string): Promise<State | undefined> {
    const now = this.now();
    const pending = this.pending.get(id);
    if (pending) return pending.expiresAt > now ? pending.state : undefined;
    const row = this.select.get(storedKey(id), now);
    return row ? (JSON.parse(row.state) as State) : undefined;
  }

  async set(id: string, state: State): Promise<void> {
    const pending = this.pending.get(id);
    // Whether the session is live is checked again when the write lands (another worker may
    // delete it meanwhile); checking now keeps this worker from answering for a dead one.
    const now = this.now();
    if (pending === undefined ? this.live.get(storedKey(id), now) === undefined : pending.expiresAt <= now) return;
    this.later(id, { created: pending?.created ?? false, state, expiresAt: now + this.options.ttlMs });
  }

  async delete(id: string): Promise<void> {
    this.pending.delete(id);
    this.remove.run(storedKey(id));
  }

  async create(state: State, id = newSessionId()): Promise<string> {
    this.later(id, { created: true, state, expiresAt: this.now() + this.options.ttlMs });
    return id;
  }

  /** Deletes expired sessions and, beyond the cap, the least recently active; returns how many. */
  deleteExpired(): number {
    this.flush();
    // In batches, each its own transaction: the other workers write between them.
    let deleted = 0;
    for (let batch = PURGE_BATCH; batch === PURGE_BATCH;) {
      batch = this.purgeExpired.run(this.now()).changes;
      deleted += batch;
    }
    for (let excess = this.size - this.options.maxSessions; excess > 0; excess -= PURGE_BATCH) {
      deleted += this.purgeOldest.run(Math.min(excess, PURGE_BATCH)).changes;
    }
    return deleted;
  }
}
