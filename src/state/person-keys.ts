import { createHmac } from 'node:crypto';

/**
 * How LINE and Slack people and their sessions are named in the live state, the same in SQLite
 * and in Redis: a person is a keyed hash of (platform, scope, user id), a session the keyed hash
 * of the person and its number. Without the server's key (never stored) neither can be tied to
 * a person or used as a session.
 */
export function keyedHash(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

/** JSON, not a joined string, so no user id or scope can pass for another pair. */
export function personOf(key: Buffer, platform: string, scope: string, userId: string): string {
  return keyedHash(key, JSON.stringify([platform, scope, userId]));
}

/** The person's n-th session's id: 24 characters, like a web session's. */
export function personSessionId(key: Buffer, person: string, n: number): string {
  return keyedHash(key, `${person}:${n}`).slice(0, 24);
}
