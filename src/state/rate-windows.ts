import type Database from 'better-sqlite3';
import { type PendingWriter, WriteBehind } from './write-behind';

export interface RateWindow {
  readonly start: number;
  readonly count: number;
}

/** A client's window as this worker knows it. */
interface LocalWindow {
  start: number;
  /** The count in the database (all workers) when this worker last wrote. */
  known: number;
  /** This worker's requests since. */
  unwritten: number;
}

/** Clients whose windows this worker keeps at most; the oldest go first. */
const MAX_LOCAL_CLIENTS = 100_000;

/**
 * Fixed request windows per client address, counted in the shared state database, so that
 * running more workers does not raise anyone's limit. Each worker counts in memory and adds its
 * count to the database's at the end of the event-loop turn (write-behind.ts), taking back the
 * total of all workers: a client may slip past the limit by what the other workers answered
 * in that one turn of their loop, never more.
 */
export class RateWindows implements PendingWriter {
  private readonly add: Database.Statement<[string, number, number, number, number], RateWindow>;
  private readonly purge: Database.Statement<[number]>;
  private readonly local = new Map<string, LocalWindow>();
  private readonly writes: WriteBehind;

  constructor(
    db: Database.Database,
    private readonly windowMs: number,
    writes?: WriteBehind,
  ) {
    this.writes = writes ?? new WriteBehind(db);
    this.writes.register(this);
    db.exec('CREATE TABLE IF NOT EXISTS rate_windows (client TEXT PRIMARY KEY, start INTEGER NOT NULL, count INTEGER NOT NULL) WITHOUT ROWID');
    // One statement per client, so two workers adding at once cannot lose either's requests.
    this.add = db.prepare(`INSERT INTO rate_windows (client, start, count) VALUES (?, ?, ?)
      ON CONFLICT (client) DO UPDATE SET
        count = CASE WHEN start <= ? THEN excluded.count ELSE count + excluded.count END,
        start = CASE WHEN start <= ? THEN excluded.start ELSE start END
      RETURNING start, count`);
    this.purge = db.prepare('DELETE FROM rate_windows WHERE start <= ?');
  }

  /** Counts one request of the client at `time`; returns its window so far, this request included. */
  count(client: string, time: number): RateWindow {
    let window = this.local.get(client);
    if (!window || time - window.start >= this.windowMs) {
      this.local.delete(client);
      window = { start: time, known: 0, unwritten: 0 };
      this.local.set(client, window);
      if (this.local.size > MAX_LOCAL_CLIENTS) this.local.delete(this.local.keys().next().value!);
    }
    window.unwritten++;
    this.writes.schedule();
    return { start: window.start, count: window.known + window.unwritten };
  }

  /** Adds this worker's counts to the database's now; the end of the event-loop turn does it anyway. */
  flush(): void {
    this.writes.flush();
  }

  writePending(): (() => void) | undefined {
    const totals: Array<[LocalWindow, RateWindow]> = [];
    for (const [client, window] of this.local) {
      if (window.unwritten === 0) continue;
      const expired = window.start - this.windowMs;
      totals.push([window, this.add.get(client, window.start, window.unwritten, expired, expired)!]);
    }
    if (totals.length === 0) return undefined;
    return () => {
      for (const [window, total] of totals) {
        window.start = total.start;
        window.known = total.count;
        window.unwritten = 0;
      }
    };
  }

  deleteExpired(time: number): number {
    this.writes.flush();
    for (const [client, window] of this.local) if (time - window.start >= this.windowMs && window.unwritten === 0) this.local.delete(client);
    return this.purge.run(time - this.windowMs).changes;
  }
}
