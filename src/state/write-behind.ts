import type Database from 'better-sqlite3';

/** A store whose writes wait for the end of the event-loop turn. */
export interface PendingWriter {
  /**
   * Writes what is pending, inside the shared transaction; returns what to do once that has
   * committed (clear the pending writes). Nothing else runs meanwhile: the transaction is
   * synchronous.
   */
  writePending(): (() => void) | undefined;
}

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5000;

/**
 * One transaction per event-loop turn for every store of a database, however many requests
 * the turn answered: a commit costs tens of microseconds and takes the write lock the other
 * workers wait for, so under load this is most of what sharing state costs. A turn's reply
 * waits for `written()`, so whatever worker gets the person's next message finds it. The shared
 * state and the conversation log each write through one.
 *
 * A transaction that fails (the database busy or full) leaves everything pending; it is
 * retried, backing off to every 5 s, with one retry chain at a time. `failingSince` says how
 * long writing has failed, so the server can stop taking chats it could not keep.
 */
export class WriteBehind {
  private readonly writers: PendingWriter[] = [];
  private scheduled = false;
  private retryMs = FIRST_RETRY_MS;
  private waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private readonly writeAll: () => Array<(() => void) | undefined>;
  /** When the first of the failures in a row happened; undefined while writes succeed. */
  failingSince: number | undefined;
  private lastError: unknown;

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

  /**
   * Resolves once what is pending now is written; rejects with the database's error if it could
   * not be. While writes are failing it rejects at once: a reply does not wait out the backoff.
   */
  written(): Promise<void> {
    if (this.failingSince !== undefined) return Promise.reject(this.lastError);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.schedule();
    });
  }

  /** Writes what is pending now; throws what the database said if it could not. */
  flush(): void {
    if (!this.db.open) return;
    for (const committed of this.writeAll()) committed?.();
    this.failingSince = undefined;
    this.lastError = undefined;
    this.retryMs = FIRST_RETRY_MS;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.resolve();
  }

  private inBackground(): void {
    this.scheduled = false;
    try {
      this.flush();
    } catch (error) {
      this.failingSince ??= Date.now();
      this.lastError = error;
      const waiting = this.waiting;
      this.waiting = [];
      for (const waiter of waiting) waiter.reject(error);
      this.onError(error);
      if (this.scheduled) return;
      this.scheduled = true;
      setTimeout(() => this.inBackground(), this.retryMs).unref();
      this.retryMs = Math.min(this.retryMs * 2, LAST_RETRY_MS);
    }
  }
}
