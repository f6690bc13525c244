import { createHash } from 'node:crypto';
import type { LoggedTurn } from '../conversation/turn';

/**
 * Where turns are kept for the staff report and deleted on request: masked text only, the
 * session as a hash. Two implementations: an embedded SQLite file (conversation-log.ts), the
 * default; and PostgreSQL (postgres/postgres-conversation-log.ts, with `DATABASE_URL`), which
 * several machines write to and `npm run cli -- report` reads.
 */
export interface ConversationLogStore {
  /** Which store this is, for log lines and metrics ("sqlite", "postgres"). */
  readonly kind: string;
  /** Queues a turn; written in a batch shortly after (see written()). Never throws. */
  record(turn: LoggedTurn): void;
  /** Marks the session's latest FAQ answer solved or not; false when it has none without feedback. */
  recordFeedback(session: string, solved: boolean): Promise<boolean>;
  /** Deletes every entry of a session, bytes and all; resolves to how many. */
  forgetSession(session: string): Promise<number>;
  /** Resolves once the entries recorded so far are written where every worker and machine reads them. */
  written(): Promise<void>;
  /** Entries between two times (inclusive from, exclusive to), oldest first. */
  between(from: number, to: number): Promise<StoredTurn[]>;
  /**
   * How long the store has been failing, in ms (0 while it works; Infinity when known down).
   * A networked log that cannot be written refuses chats as the live state does: a person
   * could not have their conversation deleted.
   */
  failingForMs(now?: number): number;
  /** Deletes entries older than the retention period; resolves to how many. */
  deleteExpired(): Promise<number>;
  close(): Promise<void>;
}

/** One entry as stored and reported. */
export interface StoredTurn {
  readonly at: number;
  readonly day: string;
  readonly channel: string;
  readonly session: string;
  readonly text: string;
  readonly label: string;
  readonly intent: string;
  readonly route: string;
  readonly score: number;
  readonly confidence: number;
  readonly personal_data: string;
  readonly feedback: 'yes' | 'no' | null;
}

/** The session as stored: a hash, so the log cannot be used to continue or find a live conversation. */
export function sessionKey(session: string): string {
  return createHash('sha256').update(`kenpo-faq:${session}`).digest('base64url').slice(0, 22);
}

/** A turn as both stores write it (feedback comes later, by recordFeedback). */
export type NewRow = Omit<StoredTurn, 'feedback'>;

export function rowOf(turn: LoggedTurn): NewRow {
  return {
    at: turn.at.getTime(),
    day: turn.at.toISOString().slice(0, 10),
    channel: turn.channel,
    session: sessionKey(turn.session),
    text: turn.maskedText,
    label: turn.label,
    intent: turn.intent,
    route: turn.route,
    score: turn.score,
    confidence: turn.confidence,
    personal_data: turn.personalData.join(','),
  };
}
