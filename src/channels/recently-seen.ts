/**
 * Ids of recently handled deliveries (LINE webhookEventId, Slack event_id), so a platform's
 * redelivery is never answered twice. In memory, with expiry and a size cap.
 */
export class RecentlySeen {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is seen (within the time to live), false after. */
  firstTime(id: string): boolean {
    const time = this.now();
    for (const [key, at] of this.seen) {
      if (time - at < this.ttlMs && this.seen.size <= this.max) break;
      this.seen.delete(key);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, time);
    return true;
  }
}
