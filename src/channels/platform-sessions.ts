import { createHmac, randomBytes } from 'node:crypto';
import type { Reply } from '../core/reply';
import { type ConversationHub, FORGET_CONVERSATION, type IncomingTurn, type TurnOutcome } from '../hub/hub';

export interface PlatformSessionsOptions {
  /** The apology sent when a turn fails: the person is never left without a reply. */
  readonly unavailable: () => Reply;
  readonly onError: (error: unknown) => void;
  readonly maxPeople?: number;
  readonly maxSessionsPerPerson?: number;
}

/** A turn as a platform channel has it: the person's platform id instead of a session. */
export type PlatformTurn = Omit<IncomingTurn, 'session' | 'earlierSessions'>;

/**
 * Conversations for platforms whose users have ids of their own (LINE, Slack). The bot's
 * session stays random and unlinked: the platform id is only ever held as a keyed hash whose
 * key lives in this process's memory, and it never reaches the conversation log.
 *
 * A person's earlier sessions (expired after a pause) are remembered too, so that 「この会話を
 * 削除して」 deletes what they said before the pause as well, not only the current session: up to
 * the last 200 sessions per person (a session lasts at least 30 minutes; the log keeps 30 days),
 * in this process's memory only, so not across a restart.
 */
export class PlatformSessions {
  private readonly key = randomBytes(32);
  /** Per person and scope, their sessions, the current one last. */
  private readonly sessions = new Map<string, string[]>();

  private readonly max: number;
  private readonly maxPerPerson: number;

  constructor(
    private readonly hub: () => ConversationHub,
    private readonly options: PlatformSessionsOptions,
  ) {
    this.max = options.maxPeople ?? 50_000;
    this.maxPerPerson = options.maxSessionsPerPerson ?? 200;
  }

  private personKey(platform: string, userId: string, scope: string): string {
    // JSON, not a joined string: no user id or scope can pass for another pair.
    return createHmac('sha256', this.key).update(JSON.stringify([platform, scope, userId])).digest('base64url');
  }

  /** The person's current session in a scope, a new one when the last has expired. */
  private currentSession(personKey: string): string {
    const hub = this.hub();
    const known = this.sessions.get(personKey) ?? [];
    const current = known.at(-1);
    if (current && hub.hasSession(current)) return current;
    const session = hub.startSession();
    this.sessions.delete(personKey);
    this.sessions.set(personKey, [...known, session].slice(-this.maxPerPerson));
    if (this.sessions.size > this.max) this.sessions.delete(this.sessions.keys().next().value!);
    return session;
  }

  /**
   * The turn, in the person's current conversation in `scope`: one person can hold several apart
   * (Slack's /faq test beside their direct messages, a LINE group beside their one-to-one chat);
   * the empty scope is their ordinary conversation with the bot. Should it confirm deleting the conversation,
   * the hub deletes the person's earlier sessions with the current one, before it replies; a
   * failure leaves them all here for another try, and the person gets an apology.
   */
  async handle(platform: string, userId: string, scope: string, turn: PlatformTurn): Promise<TurnOutcome> {
    const personKey = this.personKey(platform, userId, scope);
    const session = this.currentSession(personKey);
    const earlierSessions = (this.sessions.get(personKey) ?? []).filter((id) => id !== session);
    let outcome: TurnOutcome;
    try {
      outcome = await this.hub().handle({ ...turn, session, earlierSessions });
    } catch (error) {
      this.options.onError(error);
      return { reply: this.options.unavailable(), route: 'failed' };
    }
    if (outcome.reply.intentId === FORGET_CONVERSATION) this.sessions.delete(personKey);
    return outcome;
  }
}
