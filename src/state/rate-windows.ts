import type { RateCounter, RateWindow } from './live-state';
import { createHmac, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type PendingWriter, WriteBehind } from './write-behind';

/** This worker's requests of a client not yet added to the database's count. */
interface Unwritten {
  start: number;
  count: number;
}

/** Clients whose windows this worker keeps at most; the oldest go first. */
const MAX_LOCAL_CLIENTS = 100_000;

/**
 * Fixed request windows per client address, counted in the shared state database, so that
 * running more workers does not raise anyone's limit. Each request reads the count of all
 * workers; a worker adds its own requests at the end of its event-loop turn (write-behind.ts).
 * A client can slip past the limit only by requests another worker is answering in that same
 * moment, not yet written.
 */
export class RateWindows implements PendingWriter, RateCounter {
  private readonly read: Database.Statement<[string], RateWindow>;
  private readonly add: Database.Statement<[string, number, number, number, number]>;
  private readonly purge: Database.Statement<[number]>;
  private readonly unwritten = new Map<string, Unwritten>();
  private readonly writes: WriteBehind;

  constructor(
    db: Database.Database,
    private readonly windowMs: number,
    writes?: WriteBehind,
    /** Client addresses are stored as a hash keyed with this (the server's key, never on disk). */
    private readonly key: Buffer = randomBytes(32),
  ) {
    this.writes = writes ?? new WriteBehind(db);
    this.writes.register(this);
    db.exec(
      'CREATE TABLE IF NOT EXISTS rate_windows (client TEXT PRIMARY KEY, start INTEGER NOT NULL, count INTEGER NOT NULL) WITHOUT ROWID',
    );
    // One statement per client, so two workers adding at once cannot lose either's requests.
    this.add = db.prepare(`INSERT INTO rate_windows (client, start, count) VALUES (?, ?, ?)
      ON CONFLICT (client) DO UPDATE SET
        count = CASE WHEN start <= ? THEN excluded.count ELSE count + excluded.count END,
        start = CASE WHEN start <= ? THEN excluded.start ELSE start END`);
    this.read = db.prepare('SELECT start, count FROM rate_windows WHERE client = ?');
    this.purge = db.prepare('DELETE FROM rate_windows WHERE start <= ?');
  }

  /** Counts one request of the client at `time`; returns its window so far, this request included. */
  async count(address: string, time: number): Promise<RateWindow> {
    const client = createHmac('sha256', this.key).update(address).digest('base64url').slice(0, 22);
    const written = this.read.get(client);
    let mine = this.unwritten.get(client);
    if (mine && time - mine.start >= this.windowMs) mine = undefined;
    // The window began with the first request of any worker; one that has ended counts no more.
    const live = written && time - written.start < this.windowMs ? written : undefined;
    const start = Math.min(live?.start ?? time, mine?.start ?? time);
    if (!mine) {
      mine = { start, count: 0 };
      this.unwritten.set(client, mine);
      if (this.unwritten.size > MAX_LOCAL_CLIENTS) this.unwritten.delete(this.unwritten.keys().next().value!);
    }
    mine.count++;
    this.writes.schedule();
    return { start, count: (live?.count ?? 0) + mine.count };
  }

  /** Adds this worker's counts to the database's now; the end of the event-loop turn does it anyway. */
  flush(): void {
    this.writes.flush();
  }

  writePending(): (() => void) | undefined {
    if (this.unwritten.size === 0) return undefined;
    for (const [client, mine] of this.unwritten) {
      const expired = mine.start - this.windowMs;
      this.add.run(client, mine.start, mine.count, expired, expired);
    }
    return () => this.unwritten.clear();
  }

  deleteExpired(time: number): number {
    this.writes.flush();
    return this.purge.run(time - this.windowMs).changes;
  }
}
