import type { BotData } from '../data/load-bot-data';
import type { BotConfig, FaqId, Label } from '../data/schemas';
import type { Classification } from './engine';

/**
 * Channel-neutral replies: text, notices and quick replies. Channels only render them.
 * FAQ answers are the official text as stored in intents/, never rewritten here.
 */

export type NoticeKind = 'scam_warning' | 'privacy';

export interface ReplyMessage {
  readonly kind: 'answer' | 'notice';
  readonly text: string;
  readonly notice?: NoticeKind;
}

export interface QuickReply {
  /** What the button shows (at most 20 characters: LINE's limit). */
  readonly label: string;
  /** What the button sends back: `intent:q3` answers q3 directly. */
  readonly payload: string;
}

export interface CallCenter {
  readonly name: string;
  readonly phone: string;
  readonly hours: string;
}

export interface Reply {
  readonly label: Label;
  readonly intentId: string;
  readonly messages: readonly ReplyMessage[];
  readonly quickReplies: readonly QuickReply[];
  /** Present when the reply routes the person to the call center. */
  readonly callCenter?: CallCenter;
}

export const INTENT_PAYLOAD_PREFIX = 'intent:';

export function intentPayload(id: FaqId): string {
  return `${INTENT_PAYLOAD_PREFIX}${id}`;
}

export function fillCallCenter(template: string, config: BotConfig): string {
  const { name, phone, hours } = config.callCenter;
  return template.replaceAll('{name}', name).replaceAll('{phone}', phone).replaceAll('{hours}', hours);
}

export interface Responder {
  /** The reply to a classified message. */
  replyTo(classification: Classification): Reply;
  /** The reply for one FAQ entry, as when a quick reply is chosen. */
  answerFaq(id: FaqId): Reply;
  /** The menu of FAQ questions as quick replies. */
  menu(): QuickReply[];
}

export function createResponder(data: BotData, config: BotConfig): Responder {
  const faqById = new Map(data.faq.map((intent) => [intent.id, intent]));
  const faq = (id: FaqId) => faqById.get(id)!;
  const quickReplyFor = (id: FaqId): QuickReply => ({ label: faq(id).label, payload: intentPayload(id) });
  const callCenter: CallCenter = { ...config.callCenter };

  function answerFaq(id: FaqId): Reply {
    const intent = faq(id);
    const message: ReplyMessage =
      id === 'q9' ? { kind: 'notice', notice: 'scam_warning', text: intent.answer } : { kind: 'answer', text: intent.answer };
    return {
      label: id,
      intentId: id,
      messages: [message],
      quickReplies: intent.related.map(quickReplyFor),
      ...(id === 'q8' || id === 'q9' ? { callCenter } : {}),
    };
  }

  function menu(): QuickReply[] {
    return data.faq.map((intent) => quickReplyFor(intent.id));
  }

  function replyTo(classification: Classification): Reply {
    const { label, intentId } = classification;
    if (label === 'smalltalk') {
      const kind = data.smalltalk.kinds[intentId.replace(/^smalltalk\./, '')]!;
      return {
        label,
        intentId,
        messages: [{ kind: 'answer', text: fillCallCenter(kind.answer, config) }],
        quickReplies: kind.show_menu ? menu() : [],
      };
    }
    if (label === 'fallback') {
      return {
        label,
        intentId,
        messages: [{ kind: 'answer', text: fillCallCenter(data.fallback.answer, config) }],
        quickReplies: [],
        callCenter,
      };
    }
    return answerFaq(label);
  }

  return { replyTo, answerFaq, menu };
}
