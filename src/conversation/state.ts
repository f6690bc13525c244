import type { QuickReply } from '../core/reply';
import type { FaqId } from '../data/schemas';

/** What the bot remembers between turns of one conversation. No message text, nothing personal. */
export interface ConversationState {
  /** The FAQ entry answered last, for reading a vague follow-up (「それはなぜ？」). */
  readonly lastIntent?: FaqId;
  /** The flow in progress (the scam-call flow), if any. */
  readonly flow?: string;
  /**
   * The flow was left open across one other answer (「偽の保険証を作られない？」 asked in the middle
   * of the scam-call flow): the next message may still be about the call, but a clear question
   * is answered as such, and a second other answer closes the flow.
   */
  readonly flowCarried?: boolean;
  /** How the person was contacted, as the flow names it (sms, call …): the flow's steps speak of it. */
  readonly contact?: string;
  /** The flow's branch answered last: chosen again, the bot gives the general steps rather than the same text. */
  readonly flowBranch?: string;
  /** The last reply was the flow's general steps: asked again, the bot says where to turn instead. */
  readonly generalShown?: boolean;
  /** The bot's own words are in English: the person wrote in English, or pressed "English". */
  readonly language?: 'en';
  /** Misses in a row: the first asks to rephrase, the second routes to the call center. */
  readonly misses: number;
  /** The quick replies offered last: typing one's label is the same as pressing it. */
  readonly offered: readonly QuickReply[];
  /** Turns so far. */
  readonly turns: number;
}

export const NEW_CONVERSATION: ConversationState = { misses: 0, offered: [], turns: 0 };
