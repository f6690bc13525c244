import type { DeliveryStore } from './live-state';
import type Database from 'better-sqlite3';

/**
 * Ids of recently handled deliveries (LINE webhookEventId, Slack event_id) in the shared state
 * database, so a platform's redelivery is never answered twice, whichever worker it reaches.
 */
export class DeliveryLedger implements DeliveryStore {
  private readonly claim: Database.Statement<[string, number, number]>;
  private readonly purge: Database.Statement<[number]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS deliveries (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL) WITHOUT ROWID');
    // A delivery seen longer ago than the time to live counts as new again.
    this.claim = db.prepare(
      'INSERT INTO deliveries (id, seen_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at WHERE seen_at <= ?',
    );
    this.purge = db.prepare('DELETE FROM deliveries WHERE seen_at <= ?');
    this.remove = db.prepare('DELETE FROM deliveries WHERE id = ?');
  }

  /** True the first time an id is seen (within the time to live), false after; atomic across workers. */
  async firstTime(id: string): Promise<boolean> {
    const time = this.now();
    return this.claim.run(id, time, time - this.ttlMs).changes === 1;
  }

  /** The delivery was not handled after all (the platform is told to retry): its retry is a first time. */
  async release(id: string): Promise<void> {
    this.remove.run(id);
  }

  deleteExpired(): number {
    return this.purge.run(this.now() - this.ttlMs).changes;
  }
}
