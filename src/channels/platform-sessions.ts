import { createHmac, randomBytes } from 'node:crypto';
import type { ConversationHub } from '../hub/hub';

/**
 * Conversations for platforms whose users have ids of their own (LINE, Slack). The bot's
 * session stays random and unlinked: the platform id is only ever held as a keyed hash whose
 * key lives in this process's memory, and it never reaches the conversation log.
 */
export class PlatformSessions {
  private readonly key = randomBytes(32);
  private readonly sessions = new Map<string, string>();

  constructor(
    private readonly hub: () => ConversationHub,
    private readonly max = 50_000,
  ) {}

  /**
   * The person's conversation in `scope`: one person can hold several apart (Slack's /faq test
   * beside their direct messages, a LINE group beside their one-to-one chat); the default
   * scope is their ordinary conversation with the bot.
   */
  sessionFor(platform: string, userId: string, scope = ''): string {
    // JSON, not a joined string: no user id or scope can pass for another pair.
    const userKey = createHmac('sha256', this.key).update(JSON.stringify([platform, scope, userId])).digest('base64url');
    const hub = this.hub();
    const known = this.sessions.get(userKey);
    if (known && hub.hasSession(known)) return known;
    const session = hub.startSession();
    this.sessions.delete(userKey);
    this.sessions.set(userKey, session);
    if (this.sessions.size > this.max) this.sessions.delete(this.sessions.keys().next().value!);
    return session;
  }
}
