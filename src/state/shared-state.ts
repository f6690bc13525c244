import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ConversationState } from '../conversation/state';
import { DeliveryLedger } from './delivery-ledger';
import type { LiveState } from './live-state';
import { PersonSessions } from './person-sessions';
import { RateWindows } from './rate-windows';
import { SqliteSessionStore } from './sqlite-session-store';
import { openStateDatabase, useRunningBusyTimeout } from './state-database';
import { WriteBehind } from './write-behind';

export interface SharedStateOptions {
  readonly dataDir: string;
  readonly sessionTtlMs: number;
  readonly maxSessions: number;
  readonly rateWindowMs: number;
  /** How long LINE and Slack people's earlier sessions are remembered (the log's retention). */
  readonly retentionDays: number;
  /**
   * The key people, their sessions and client addresses are hashed with. Every worker must hold
   * the same one (the primary hands it down); without one, this process draws its own.
   */
  readonly personKey?: Buffer;
  /** Expired rows are deleted this often. */
  readonly purgeEveryMs?: number;
  /** Told of failed background writes and purges, which must never stop the server. */
  readonly onError?: (error: unknown) => void;
}

const DELIVERY_TTL_MS = 60 * 60 * 1000;

/** The live state in the shared state database (state-database.ts): one machine's workers share it. */
export class SharedState implements LiveState {
  readonly kind = 'sqlite';
  readonly sessions: SqliteSessionStore<ConversationState>;
  readonly people: PersonSessions;
  readonly deliveries: DeliveryLedger;
  readonly rateWindows: RateWindows;
  private readonly db: Database.Database;
  /** The sessions' and rate windows' writes, one transaction per event-loop turn. */
  private readonly writes: WriteBehind;
  private readonly timer: NodeJS.Timeout;

  constructor(options: SharedStateOptions) {
    this.db = openStateDatabase(options.dataDir);
    this.writes = new WriteBehind(this.db, options.onError);
    this.sessions = new SqliteSessionStore(this.db, { ttlMs: options.sessionTtlMs, maxSessions: options.maxSessions }, this.writes);
    const key = options.personKey ?? randomBytes(32);
    this.people = new PersonSessions(this.db, key, options.retentionDays);
    this.deliveries = new DeliveryLedger(this.db, DELIVERY_TTL_MS);
    this.rateWindows = new RateWindows(this.db, options.rateWindowMs, this.writes, key);
    this.deleteExpired();
    useRunningBusyTimeout(this.db);
    this.timer = setInterval(() => {
      try {
        this.deleteExpired();
      } catch (error) {
        options.onError?.(error);
      }
    }, options.purgeEveryMs ?? 60_000);
    this.timer.unref();
  }

  /** Resolves once the changes made so far are written (at the end of this turn of the event loop). */
  written(): Promise<void> {
    return this.writes.written();
  }

  /** How long writing has been failing, in ms (0 while it works). */
  failingForMs(now = Date.now()): number {
    return this.writes.failingSince === undefined ? 0 : now - this.writes.failingSince;
  }

  deleteExpired(): void {
    this.sessions.deleteExpired();
    this.people.deleteExpired();
    this.deliveries.deleteExpired();
    this.rateWindows.deleteExpired(Date.now());
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  /** Closes at once (what close() does; for callers that cannot wait). */
  closeNow(): void {
    clearInterval(this.timer);
    try {
      this.writes.flush();
    } finally {
      this.db.close();
    }
  }
}
