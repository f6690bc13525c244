import type { Reply } from '../../core/reply';

/**
 * A channel-neutral reply as Slack Block Kit: text sections (escaped for mrkdwn), notices
 * with a heading, the call center in a context block, and the quick replies as buttons.
 */
export const QUICK_REPLY_ACTION = /^quick_reply_\d+$/;

export function escapeForSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const HEADINGS: Record<string, string> = { scam_warning: ':warning: *ご注意ください*\n', privacy: ':lock: *個人情報について*\n' };

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Array<Record<string, unknown>>;
}

export function renderReplyForSlack(reply: Reply, staffView?: string): SlackMessage {
  const blocks: Array<Record<string, unknown>> = reply.messages.map((message) => ({
    type: 'section',
    text: { type: 'mrkdwn', text: `${message.notice ? (HEADINGS[message.notice] ?? '') : ''}${escapeForSlack(message.text)}`.slice(0, 3000) },
  }));
  if (reply.callCenter) {
    const { name, phone, hours } = reply.callCenter;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeForSlack(`${name}\u3000電話：${phone}\u3000受付時間：${hours}`) }] });
  }
  if (reply.quickReplies.length > 0) {
    blocks.push({
      type: 'actions',
      elements: reply.quickReplies.slice(0, 25).map((quick, index) => ({
        type: 'button',
        action_id: `quick_reply_${index}`,
        text: { type: 'plain_text', text: quick.label.slice(0, 75) },
        value: quick.payload,
      })),
    });
  }
  if (staffView) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `\`${escapeForSlack(staffView).replaceAll('`', "'")}\`` }] });
  return { text: reply.messages.map((message) => message.text).join('\n').slice(0, 3000), blocks };
}
