import type { Reply } from '../core/reply';
import type { ConversationHub, IncomingTurn, TurnOutcome } from '../hub/hub';
import type { PeopleStore } from '../state/live-state';

export interface PlatformSessionsOptions {
  /** The apology sent when a turn fails: the person is never left without a reply. */
  readonly unavailable: () => Reply;
  readonly onError: (error: unknown) => void;
}

/** A turn as a platform channel has it: the person's platform id instead of a session. */
export type PlatformTurn = Omit<IncomingTurn, 'session' | 'earlierSessions'>;

/** What PlatformSessions needs of the loaded bot. */
export interface PlatformBot {
  readonly hub: ConversationHub;
  /** Each person's sessions, in the live state (state/person-sessions.ts or Redis). */
  readonly people: PeopleStore;
}

/**
 * Conversations for platforms whose users have ids of their own (LINE, Slack). The bot's
 * session stays random and unlinked: the platform id is only ever held as a keyed hash, and it
 * never reaches the conversation log.
 *
 * A person's earlier sessions (expired after a pause) are remembered too, so that 「この会話を
 * 削除して」 deletes what they said before the pause as well, not only the current session: up to
 * the last 200 sessions per person, for as long as the conversation log keeps entries.
 */
export class PlatformSessions {
  constructor(
    private readonly bot: () => PlatformBot,
    private readonly options: PlatformSessionsOptions,
  ) {}

  /**
   * The turn, in the person's current conversation in `scope`: one person can hold several apart
   * (Slack's /faq test beside their direct messages, a LINE group beside their one-to-one chat);
   * the empty scope is their ordinary conversation with the bot. Should it confirm deleting the conversation,
   * the hub deletes the person's earlier sessions with the current one, before it replies; a
   * failure leaves them all here for another try, and the person gets an apology.
   */
  async handle(platform: string, userId: string, scope: string, turn: PlatformTurn): Promise<TurnOutcome> {
    const { hub, people } = this.bot();
    let outcome: TurnOutcome;
    let person: string | undefined;
    try {
      person = people.personOf(platform, scope, userId);
      const known = await people.sessionsOf(person);
      let session = known.at(-1);
      // The person's current session, or a new one when the last has expired.
      if (!session || !(await hub.hasSession(session))) session = await hub.startSession(await people.startNext(person));
      const earlierSessions = known.filter((id) => id !== session);
      outcome = await hub.handle({ ...turn, session, earlierSessions });
      if (outcome.effect?.kind === 'forget') await people.forget(person);
    } catch (error) {
      this.options.onError(error);
      return { reply: this.options.unavailable(), route: 'failed' };
    }
    return outcome;
  }
}
