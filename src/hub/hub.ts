import type { IncomingTurn, TurnOutcome } from '../conversation/turn';

export type { ChannelName, IncomingTurn, TurnOutcome } from '../conversation/turn';

/**
 * The conversation hub: every channel (web, LINE, Slack) hands it a turn and gets a reply.
 * Channels and the engine never import botkit; only the hub's implementation does.
 */

export interface ConversationHub {
  /**
   * A new session: with a new random id (the web chat), or with an id the server derived for a
   * LINE or Slack person (state/person-sessions.ts).
   */
  startSession(id?: string): Promise<string>;
  /** True while the session is known and not expired. */
  hasSession(session: string): Promise<boolean>;
  handle(turn: IncomingTurn): Promise<TurnOutcome>;
  /**
   * Deletes the session and what was logged of it, once a turn of it still being answered has
   * finished (so that turn cannot log a row after the deletion); resolves to how many log
   * entries were deleted.
   */
  forget(session: string): Promise<number>;
}

export class HubError extends Error {
  readonly code = 'HUB_TURN_FAILED';
}
