import type { LoggedTurn } from '../../src/conversation/turn';

/** A turn as the conversation log receives it, for the log's tests (SQLite and PostgreSQL alike). */
export function loggedTurn(session: string, at: number, label = 'q1'): LoggedTurn {
  return {
    at: new Date(at),
    channel: 'web',
    session,
    maskedText: `message at ${at}`,
    label,
    intent: label,
    route: 'faq',
    score: 5,
    confidence: 0.8,
    personalData: [],
  };
}
