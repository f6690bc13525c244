import { randomBytes } from 'node:crypto';

/**
 * Conversation state by session, with expiry. The server keeps it where all its workers and
 * machines read it: the shared state database (state/sqlite-session-store.ts) by default, Redis
 * with `REDIS_URL` (state/redis/); the CLI and tests keep it in memory. Asynchronous because a
 * networked store answers later; the embedded ones answer at once.
 */
export interface SessionStore<State> {
  /** The state of a live session, or undefined when it is unknown or expired. */
  get(id: string): Promise<State | undefined>;
  /** Stores a live session's new state; a session deleted or expired meanwhile stays gone. */
  set(id: string, state: State): Promise<void>;
  delete(id: string): Promise<void>;
  /**
   * A new session, with a new unguessable id; or with `id`, one the server derived itself (a
   * LINE or Slack person's: state/person-sessions.ts). Never an id a client made up.
   */
  create(state: State, id?: string): Promise<string>;
}

export interface MemorySessionStoreOptions {
  /** A session expires this long after its last turn. */
  readonly ttlMs: number;
  /** The oldest sessions are dropped beyond this many, so a flood cannot exhaust memory. */
  readonly maxSessions: number;
  /** The clock, injectable for tests. */
  readonly now?: () => number;
}

interface Entry<State> {
  state: State;
  expiresAt: number;
}

// Random bytes are drawn a page at a time: one call to the system's generator per 341 ids.
const POOL_BYTES = 4096;
const TIME_BYTES = 6;
const RANDOM_BYTES = 12;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/**
 * 24 URL-safe characters: the time in milliseconds, then 96 random bits. The random part makes
 * an id unguessable; the time in front keeps the ids of one moment next to each other in the
 * shared state database's index, so a batch of new sessions touches a few pages instead of one
 * page each (it halved what storing a session costs). The id tells its holder only when their
 * own conversation began.
 */
export function newSessionId(): string {
  if (poolOffset + RANDOM_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const id = Buffer.allocUnsafe(TIME_BYTES + RANDOM_BYTES);
  id.writeUIntBE(Date.now(), 0, TIME_BYTES);
  pool.copy(id, TIME_BYTES, poolOffset, poolOffset + RANDOM_BYTES);
  poolOffset += RANDOM_BYTES;
  return id.toString('base64url');
}

export const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export class MemorySessionStore<State> implements SessionStore<State> {
  // A Map keeps insertion order; touching a session re-inserts it, so the first entry is the oldest.
  private readonly entries = new Map<string, Entry<State>>();
  private readonly now: () => number;

  constructor(private readonly options: MemorySessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  async get(id: string): Promise<State | undefined> {
    return this.live(id);
  }

  private live(id: string): State | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return entry.state;
  }

  async set(id: string, state: State): Promise<void> {
    if (this.live(id) === undefined) return;
    this.entries.delete(id);
    this.entries.set(id, { state, expiresAt: this.now() + this.options.ttlMs });
    this.evict();
  }

  async delete(id: string): Promise<void> {
    this.entries.delete(id);
  }

  async create(state: State, id = newSessionId()): Promise<string> {
    this.entries.set(id, { state, expiresAt: this.now() + this.options.ttlMs });
    this.evict();
    return id;
  }

  /** Drops expired sessions and, past the cap, the least recently used ones. */
  private evict(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (this.entries.size > this.options.maxSessions || entry.expiresAt <= now) this.entries.delete(id);
      else break;
    }
  }
}
