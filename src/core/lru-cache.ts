/**
 * A bounded map that forgets the least recently used entry first. For results of pure
 * functions of a message's text that recur under load (the same few questions, asked by
 * thousands, when the incident is in the news).
 */
export class LruCache<Key, Value> {
  // A Map keeps insertion order; a hit is re-inserted, so the first entry is the least recent.
  private readonly entries = new Map<Key, Value>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: Key): Value | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: Key, value: Value): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
