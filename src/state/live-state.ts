import type { SessionStore } from '../conversation/session-store';
import type { ConversationState } from '../conversation/state';

/**
 * The live state every worker and every machine shares: conversations, LINE and Slack people's
 * sessions, delivered event ids and rate windows. Two implementations: the shared state
 * database (SQLite, shared-state.ts), the embedded default for one machine; and Redis
 * (redis/redis-live-state.ts, with `REDIS_URL`) for several. Asynchronous because Redis answers
 * over the network; SQLite answers at once.
 */
export interface LiveState {
  readonly sessions: SessionStore<ConversationState>;
  readonly people: PeopleStore;
  readonly deliveries: DeliveryStore;
  readonly rateWindows: RateCounter;
  /** Which store this is, for log lines and metrics ("sqlite", "redis"). */
  readonly kind: string;
  /** Resolves once the changes made so far are stored where every worker reads them. */
  written(): Promise<void>;
  /**
   * How long the store has been failing, in ms (0 while it works; Infinity when it is known to
   * be down, a networked store's lost connection): past a few seconds the chat API answers 503
   * and /readyz says so.
   */
  failingForMs(now?: number): number;
  close(): Promise<void>;
}

/** The sessions of each LINE or Slack person (see person-sessions.ts for what is stored, and how). */
export interface PeopleStore {
  /** The person's key: a keyed hash of (platform, scope, user id); never the id itself. */
  personOf(platform: string, scope: string, userId: string): string;
  /** The person's sessions, oldest first. */
  sessionsOf(person: string): Promise<string[]>;
  /** A new current session for the person; only the last ones are kept. Resolves to its id. */
  startNext(person: string): Promise<string>;
  forget(person: string): Promise<void>;
}

/** Ids of recently handled deliveries (LINE webhookEventId, Slack event_id): a redelivery is never answered twice. */
export interface DeliveryStore {
  /** True the first time an id is seen (within the time to live), false after; atomic across workers and machines. */
  firstTime(id: string): Promise<boolean>;
  /** The delivery was not handled after all (the platform is told to retry): its retry is a first time. */
  release(id: string): Promise<void>;
}

export interface RateWindow {
  readonly start: number;
  readonly count: number;
}

/** Fixed request windows per client address (a keyed hash of it), counted across workers and machines. */
export interface RateCounter {
  /** Counts one request of the client at `time`; resolves to its window so far, this request included. */
  count(address: string, time: number): Promise<RateWindow>;
}
