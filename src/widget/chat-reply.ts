/**
 * A reply of POST /api/chat, read defensively: it comes over the network, so anything missing
 * or of the wrong type is left out, never trusted. The shapes are the core's (src/core/reply-shape.ts).
 */
import type { CallCenter, Language, QuickReply, ReplyMessage } from '../core/reply-shape';

/** A piece of a message's text, with its reading in hiragana when it has kanji (the server's src/core/ruby.ts). */
export interface RubySegment {
  readonly text: string;
  readonly reading?: string;
}

/** A message as the chat API sends it: with its ふりがな when the segments add up to its text. */
export interface ChatMessage extends ReplyMessage {
  readonly ruby?: readonly RubySegment[];
}

/** The reply, as far as the widget relies on it (the server's ChatResponse). */
export interface ChatReply {
  readonly session: string | null;
  readonly sessionRenewed: boolean;
  readonly conversationDeleted: boolean;
  readonly messages: readonly ChatMessage[];
  readonly quickReplies: readonly QuickReply[];
  readonly callCenter: CallCenter | null;
  /** Shown under each official message: 「（2026年11月25日時点の公表内容です）」. */
  readonly asOfNote: string | null;
  /** The language of the bot's own words (`en` only when the reply says so). */
  readonly language: Language;
}

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;

/** The segments, when each is a text with at most a reading and together they are the message's text; else none. */
function readRuby(value: unknown, text: string): RubySegment[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const segments: RubySegment[] = [];
  for (const segment of value as unknown[]) {
    if (!isObject(segment) || typeof segment.text !== 'string') return undefined;
    if (segment.reading !== undefined && typeof segment.reading !== 'string') return undefined;
    segments.push(segment.reading ? { text: segment.text, reading: segment.reading } : { text: segment.text });
  }
  return segments.map((segment) => segment.text).join('') === text ? segments : undefined;
}

function readMessage(value: unknown): ChatMessage {
  const message = isObject(value) ? value : {};
  const text = typeof message.text === 'string' ? message.text : '';
  const extras: { official?: true; ruby?: RubySegment[] } = {};
  if (message.official === true) extras.official = true;
  const ruby = readRuby(message.ruby, text);
  if (ruby) extras.ruby = ruby;
  if (message.kind !== 'notice') return { kind: 'answer', text, ...extras };
  // Any notice but the scam warning is shown as the privacy notice.
  return { kind: 'notice', notice: message.notice === 'scam_warning' ? 'scam_warning' : 'privacy', text, ...extras };
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
    asOfNote: typeof data.asOfNote === 'string' && data.asOfNote ? data.asOfNote : null,
    language: data.language === 'en' ? 'en' : 'ja',
  };
}

/**
 * The server's own message from an error body (at most 300 characters), or null: in English its
 * `message_en` when there is one, else the Japanese `message`.
 */
export function errorMessageOf(data: unknown, language: Language = 'ja'): string | null {
  const error = isObject(data) && isObject(data.error) ? data.error : null;
  const pick = (field: string) => (error && typeof error[field] === 'string' ? (error[field] as string) : '');
  const message = (language === 'en' && pick('message_en')) || pick('message');
  return message ? message.slice(0, 300) : null;
}
