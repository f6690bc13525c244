/**
 * A reply of POST /api/chat, read defensively: it comes over the network, so anything missing
 * or of the wrong type is left out, never trusted. The shapes are the core's (src/core/reply-shape.ts).
 */
import type { CallCenter, QuickReply, ReplyMessage } from '../core/reply-shape';

/** The reply, as far as the widget relies on it (the server's ChatResponse). */
export interface ChatReply {
  readonly session: string | null;
  readonly sessionRenewed: boolean;
  readonly conversationDeleted: boolean;
  readonly messages: readonly ReplyMessage[];
  readonly quickReplies: readonly QuickReply[];
  readonly callCenter: CallCenter | null;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;

function readMessage(value: unknown): ReplyMessage {
  const message = isObject(value) ? value : {};
  const text = typeof message.text === 'string' ? message.text : '';
  if (message.kind !== 'notice') return { kind: 'answer', text };
  // Any notice but the scam warning is shown as the privacy notice.
  return { kind: 'notice', notice: message.notice === 'scam_warning' ? 'scam_warning' : 'privacy', text };
}

function readQuickReplies(value: unknown): QuickReply[] {
  if (!Array.isArray(value)) return [];
  const replies: QuickReply[] = [];
  for (const reply of value as unknown[]) {
    if (isObject(reply) && typeof reply.label === 'string' && typeof reply.payload === 'string') {
      replies.push({ label: reply.label, payload: reply.payload });
    }
  }
  return replies;
}

function readCallCenter(value: unknown): CallCenter | null {
  if (!isObject(value)) return null;
  const field = (name: string) => String(value[name] || '');
  return { name: field('name'), phone: field('phone'), hours: field('hours') };
}

/** The reply, or null when the body is not one (then the widget shows the server's error message). */
export function readChatReply(data: unknown): ChatReply | null {
  if (!isObject(data) || !Array.isArray(data.messages)) return null;
  return {
    session: typeof data.session === 'string' && data.session ? data.session : null,
    sessionRenewed: data.sessionRenewed === true,
    conversationDeleted: data.conversationDeleted === true,
    messages: (data.messages as unknown[]).map(readMessage),
    quickReplies: readQuickReplies(data.quickReplies),
    callCenter: readCallCenter(data.callCenter),
  };
}

/** The server's own Japanese message from an error body (at most 300 characters), or null. */
export function errorMessageOf(data: unknown): string | null {
  const error = isObject(data) && isObject(data.error) ? data.error : null;
  const message = error && typeof error.message === 'string' ? error.message : '';
  return message ? message.slice(0, 300) : null;
}
