import type { Classification } from '../core/engine';
import { FORGET_DONE, type Reply } from '../core/reply';
import type { TurnRoute } from '../conversation/dialog';

/**
 * The conversation hub: every channel (web, LINE, Slack) hands it a turn and gets a reply.
 * Channels and the engine never import botkit; only the hub's implementation does.
 */

export type ChannelName = 'web' | 'line' | 'slack';

export interface IncomingTurn {
  readonly channel: ChannelName;
  /** The conversation's session id (random; never a platform's user id). */
  readonly session: string;
  readonly text?: string;
  /** A pressed quick reply (see conversation/payloads.ts). */
  readonly payload?: string;
  /**
   * The same person's earlier sessions on this channel (expired after a pause): when they
   * confirm deleting the conversation, these are deleted with it, all before the reply.
   */
  readonly earlierSessions?: readonly string[];
}

export interface TurnOutcome {
  readonly reply: Reply;
  readonly route: TurnRoute;
  readonly classification?: Classification;
}

/**
 * The reply to a confirmed 「この会話を削除して」 (the forget:confirm payload): the hub deletes the
 * conversation before sending it.
 */
export const FORGET_CONVERSATION = FORGET_DONE;

export interface ConversationHub {
  /**
   * A new session: with a new random id (the web chat), or with an id the server derived for a
   * LINE or Slack person (state/person-sessions.ts).
   */
  startSession(id?: string): string;
  /** True while the session is known and not expired. */
  hasSession(session: string): boolean;
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
