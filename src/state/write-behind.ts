import type Database from 'better-sqlite3';

/** A store whose writes wait for the end of the event-loop turn. */
export interface PendingWriter {
  /**
   * Writes what is pending, inside the shared transaction; returns what to do once that has
   * committed (clear the pending writes, take in what the database returned). Nothing else
   * runs meanwhile: the transaction is synchronous.
   */
  writePending(): (() => void) | undefined;
}

const RETRY_MS = 100;

/**
 * One transaction per event-loop turn for every store of a database, however many requests
 * the turn answered: a commit costs tens of microseconds and takes the write lock the other
 * workers wait for, so under load this is most of what sharing state costs. A transaction
 * that fails (the database busy or full) leaves everything pending and is retried.
 */
export class WriteBehind {
  private readonly writers: PendingWriter[] = [];
  private scheduled = false;
  private readonly writeAll: () => Array<(() => void) | undefined>;

  constructor(
    private readonly db: Database.Database,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.writeAll = db.transaction(() => this.writers.map((writer) => writer.writePending()));
  }

  register(writer: PendingWriter): void {
    this.writers.push(writer);
  }

  /** Something is pending: write it at the end of this turn of the event loop. */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.inBackground());
  }

  /** Writes what is pending now; throws what the database said if it could not. */
  flush(): void {
    this.scheduled = false;
    if (!this.db.open) return;
    for (const committed of this.writeAll()) committed?.();
  }

  private inBackground(): void {
    try {
      this.flush();
    } catch (error) {
      this.onError(error);
      this.scheduled = true;
      setTimeout(() => this.inBackground(), RETRY_MS).unref();
    }
  }
}
