import type { messagingApi } from '@line/bot-sdk';
import type { Reply } from '../../core/reply';

/**
 * A channel-neutral reply as LINE messages: at most five per reply (LINE's limit), each at
 * most 5,000 characters, with the quick replies (at most 13, labels of at most 20 characters)
 * as postback buttons on the last message. Notices get a plain-text heading: LINE text has no
 * styling, and the scam warning must still read as one.
 */
export const LINE_MAX_MESSAGES = 5;
export const LINE_MAX_TEXT = 5000;
export const LINE_MAX_QUICK_REPLIES = 13;
export const LINE_MAX_LABEL = 20;

const HEADINGS: Record<string, string> = { scam_warning: '【ご注意ください】\n', privacy: '【個人情報について】\n' };

function callCenterText(reply: Reply): string | undefined {
  if (!reply.callCenter) return undefined;
  const { name, phone, hours } = reply.callCenter;
  return `${name}\n電話：${phone}\n受付時間：${hours}`;
}

export function renderReplyForLine(reply: Reply): messagingApi.Message[] {
  // The official text's date goes right under it (LINE has no smaller print).
  const texts = reply.messages.map(
    (message) =>
      `${message.notice ? (HEADINGS[message.notice] ?? '') : ''}${message.text}${message.official && reply.asOf ? `\n${reply.asOf.text}` : ''}`,
  );
  const contact = callCenterText(reply);
  if (contact && !texts.some((text) => text.includes(reply.callCenter!.phone))) texts.push(contact);
  // Past the limit, the last messages are joined into one.
  while (texts.length > LINE_MAX_MESSAGES)
    texts.splice(LINE_MAX_MESSAGES - 1, 2, `${texts[LINE_MAX_MESSAGES - 1]}\n\n${texts[LINE_MAX_MESSAGES]}`);
  const messages: messagingApi.TextMessage[] = texts.map((text) => ({ type: 'text', text: text.slice(0, LINE_MAX_TEXT) }));
  const quick = reply.quickReplies.slice(0, LINE_MAX_QUICK_REPLIES);
  if (quick.length > 0 && messages.length > 0) {
    messages[messages.length - 1]!.quickReply = {
      items: quick.map((item) => ({
        type: 'action',
        action: { type: 'postback', label: item.label.slice(0, LINE_MAX_LABEL), data: item.payload, displayText: item.label },
      })),
    };
  }
  return messages;
}
