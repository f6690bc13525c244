import { PAYLOAD_PATTERN } from '../../core/payloads';
import type { LineEvent, LineMentionee } from './line-body';

/**
 * Which LINE events the bot answers, and in whose conversation: a pure function of the event.
 *
 * One-to-one chats: every text (anything else gets the "text only" notice), every pressed quick
 * reply, and a new friend's greeting.
 *
 * Groups and rooms: only a text that mentions the bot, and quick replies pressed under its own
 * messages. Everyone in a group reads everything, so answering every line would flood the
 * talk and leak one member's worries to the others; a mention is the member saying "this is
 * for the bot". Stickers and images there are not for the bot and get nothing.
 *
 * Conversations are always one person's: in a group, the member's own, kept apart from their
 * one-to-one chat. A group never shares a session (one member's "はい" must not answer
 * another's flow, nor their feedback land on someone else's answer). Without the member's
 * user id there is no one to keep a conversation for, and the event gets no answer.
 */
export type LineAsk = { readonly text: string } | { readonly payload: string } | { readonly notText: true };

export interface LineTurn {
  readonly replyToken: string;
  /** The person whose conversation this is. */
  readonly userId: string;
  /** Keeps a person's group conversations apart from their one-to-one chat (empty there). */
  readonly scope: string;
  readonly ask: LineAsk;
}

export const LINE_MAX_QUESTION = 5000;

/** A mention of the bot itself: LINE marks it `isSelf`; `destination` is the bot's user id. */
function mentionsBot(mentionee: LineMentionee, botUserId: string | undefined): boolean {
  return mentionee.type === 'user' && (mentionee.isSelf === true || (botUserId !== undefined && mentionee.userId === botUserId));
}

/** The text without the bot's own mentions ("@けんぽFAQ 情報は漏れた？" → "情報は漏れた？"). */
function withoutBotMentions(text: string, mentions: readonly LineMentionee[]): string {
  // From the end, so the earlier indexes stay right. LINE counts in UTF-16 code units, as JS does.
  const spans = [...mentions].sort((a, b) => b.index - a.index);
  let rest = text;
  for (const { index, length } of spans) rest = `${rest.slice(0, index)} ${rest.slice(index + length)}`;
  return rest.trim();
}

export function lineTurnOf(event: LineEvent, botUserId?: string): LineTurn | undefined {
  const { replyToken, source } = event;
  if (!replyToken || !source?.userId) return undefined;
  const inGroup = source.type !== 'user';
  const base = {
    replyToken,
    userId: source.userId,
    scope: source.type === 'group' ? `group:${source.groupId}` : source.type === 'room' ? `room:${source.roomId}` : '',
  };
  switch (event.type) {
    case 'follow':
      return inGroup ? undefined : { ...base, ask: { payload: 'start' } };
    case 'postback':
      return PAYLOAD_PATTERN.test(event.postback.data) ? { ...base, ask: { payload: event.postback.data } } : undefined;
    case 'message': {
      const { message } = event;
      if (!inGroup)
        return { ...base, ask: message.type === 'text' ? { text: (message.text ?? '').slice(0, LINE_MAX_QUESTION) } : { notText: true } };
      const mentions = (message.mention?.mentionees ?? []).filter((mentionee) => mentionsBot(mentionee, botUserId));
      if (message.type !== 'text' || mentions.length === 0) return undefined;
      const question = withoutBotMentions(message.text ?? '', mentions);
      // A bare mention is a call for help: the greeting, with the menu.
      return { ...base, ask: question === '' ? { payload: 'start' } : { text: question.slice(0, LINE_MAX_QUESTION) } };
    }
  }
}
