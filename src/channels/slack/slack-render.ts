import type { Reply } from '../../core/reply';

/**
 * A channel-neutral reply as Slack Block Kit: text sections (escaped for mrkdwn), notices
 * with a heading, the call center in a context block, and the quick replies as buttons.
 *
 * A button says which of the person's conversations it belongs to in its action id, so a
 * press continues that one: `quick_reply_<n>` for their chat with the bot (direct messages
 * and mentions; also every button posted before conversations were told apart), and
 * `quick_reply_faq_<n>` for a staff member's /faq test, which must not continue (or send
 * feedback into) their ordinary chat.
 */
export type SlackConversation = 'chat' | 'faq';

export const QUICK_REPLY_ACTION = /^quick_reply_(?:faq_)?\d+$/;
/** Slack's limits for a button. */
export const SLACK_MAX_BUTTON_VALUE = 2000;
export const SLACK_MAX_ACTION_ID = 255;
export const SLACK_MAX_BUTTON_TEXT = 75;
export const SLACK_MAX_BUTTONS = 25;

export function quickReplyActionId(conversation: SlackConversation, index: number): string {
  return conversation === 'faq' ? `quick_reply_faq_${index}` : `quick_reply_${index}`;
}

/** The conversation a pressed button belongs to, from its action id. */
export function conversationOfAction(actionId: string): SlackConversation {
  return actionId.startsWith('quick_reply_faq_') ? 'faq' : 'chat';
}

export function escapeForSlack(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const HEADINGS: Record<string, string> = { scam_warning: ':warning: *ご注意ください*\n', privacy: ':lock: *個人情報について*\n' };

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Array<Record<string, unknown>>;
}

export interface SlackRenderOptions {
  /** The staff view (/faq): label, score, runner-up and the words that fired. */
  readonly staffView?: string;
  /** Whose conversation the buttons continue (default: the person's chat). */
  readonly conversation?: SlackConversation;
}

export function renderReplyForSlack(reply: Reply, { staffView, conversation = 'chat' }: SlackRenderOptions = {}): SlackMessage {
  const blocks: Array<Record<string, unknown>> = reply.messages.flatMap((message) => [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `${message.notice ? (HEADINGS[message.notice] ?? '') : ''}${escapeForSlack(message.text)}`.slice(0, 3000),
      },
    },
    // The official text's date, in small print under it.
    ...(message.official && reply.asOf ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: escapeForSlack(reply.asOf.text) }] }] : []),
  ]);
  if (reply.callCenter) {
    const { name, phone, hours } = reply.callCenter;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapeForSlack(`${name}\u3000電話：${phone}\u3000受付時間：${hours}`) }],
    });
  }
  // A payload cut short would be a different (or no) payload: one too long is left out whole.
  const buttons = reply.quickReplies.filter((quick) => quick.payload.length <= SLACK_MAX_BUTTON_VALUE).slice(0, SLACK_MAX_BUTTONS);
  if (buttons.length > 0) {
    blocks.push({
      type: 'actions',
      elements: buttons.map((quick, index) => ({
        type: 'button',
        action_id: quickReplyActionId(conversation, index),
        text: { type: 'plain_text', text: quick.label.slice(0, SLACK_MAX_BUTTON_TEXT) },
        value: quick.payload,
      })),
    });
  }
  if (staffView)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `\`${escapeForSlack(staffView).replaceAll('`', "'")}\`` }] });
  return {
    text: reply.messages
      .map((message) => message.text)
      .join('\n')
      .slice(0, 3000),
    blocks,
  };
}
