import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { PAYLOAD_PATTERN } from '../core/payloads';
import type { ReplyMessage } from '../core/reply';
import type { RubyReader, RubySegment } from '../core/ruby';
import { SESSION_ID_PATTERN } from '../conversation/session-store';
import type { ConversationHub, TurnOutcome } from '../hub/hub';
import { HttpError, httpErrors } from './http-errors';

/** The longest message a person may send; longer text is refused, not cut. */
export const MAX_TEXT_LENGTH = 500;
/** The largest request body accepted. */
export const MAX_BODY_BYTES = 8 * 1024;

const chatRequestSchema = z
  .object({
    text: z.string().max(MAX_TEXT_LENGTH).optional(),
    payload: z.string().max(100).regex(PAYLOAD_PATTERN).optional(),
    session: z.string().max(64).optional(),
  })
  .strict();

function invalid(issue: z.ZodIssue): HttpError {
  const field = issue.path.join('.') || '(body)';
  if (field === 'text' && issue.code === 'too_big') {
    return httpErrors.invalid(
      `メッセージは${MAX_TEXT_LENGTH}文字以内で入力してください。`,
      `The message must be at most ${MAX_TEXT_LENGTH} characters.`,
    );
  }
  if (issue.code === 'unrecognized_keys') {
    return httpErrors.invalid(
      `使えない項目があります：${issue.keys.join(', ')}`,
      `Unknown fields: ${issue.keys.join(', ')}. Send text, payload and session only.`,
    );
  }
  return httpErrors.invalid(`項目「${field}」が正しくありません。`, `The field "${field}" is invalid: ${issue.message}.`);
}

export interface ChatResponse {
  readonly session: string;
  readonly sessionRenewed?: boolean;
  /**
   * The person confirmed deleting the conversation, and it is deleted: the session is over
   * (the next message starts a new one), and the widget clears what it shows.
   */
  readonly conversationDeleted?: boolean;
  readonly label: string;
  /** Each message with its ふりがな: `ruby` segments whose texts, joined, are its text. */
  readonly messages: ReadonlyArray<ReplyMessage & { readonly ruby: readonly RubySegment[] }>;
  readonly quickReplies: TurnOutcome['reply']['quickReplies'];
  readonly callCenter?: TurnOutcome['reply']['callCenter'];
  /** With an official answer: the official FAQ's date (YYYY-MM-DD) and the line that says so. */
  readonly asOf?: string;
  readonly asOfNote?: string;
  /** `en` when the bot's own words are in English (the official answers stay Japanese; the widget turns ふりがな on). */
  readonly language?: 'en';
}

/**
 * POST /api/chat {"text" | "payload", "session"?} → the reply. Sessions are created here: an
 * unknown, expired or made-up session id is never adopted; the reply carries the id to use next.
 */
export interface ChatRouterOptions {
  /** The per-conversation request limit, run once the body is read. */
  readonly sessionLimit?: RequestHandler;
  /** The hub (looked up per request: the app starts before the engine is loaded). */
  readonly hub: () => ConversationHub;
  /** ふりがな for the reply's texts (looked up per request, as the hub). */
  readonly ruby: () => RubyReader;
  /** Deletes a session's state and its conversation-log entries; resolves to how many entries. */
  readonly forget: (session: string) => Promise<number>;
}

const forgetRequestSchema = z.object({ session: z.string().regex(SESSION_ID_PATTERN) }).strict();

export function chatRouter({
  hub: currentHub,
  ruby: currentRuby,
  forget,
  sessionLimit = (_request, _response, next) => next(),
}: ChatRouterOptions): Router {
  const router = express.Router();
  const requireJson = (request: Request, _response: Response, next: (error?: unknown) => void) => {
    // Without a body there is no content type to judge (request.is gives null): say what is missing.
    const hasBody = request.headers['transfer-encoding'] !== undefined || request.headers['content-length'] !== undefined;
    if (!hasBody)
      next(httpErrors.invalid('リクエストの本文がありません。JSONで送ってください。', 'The request has no body; send a JSON object.'));
    else next(request.is('application/json') ? undefined : httpErrors.unsupportedType());
  };

  // DELETE /api/chat/session {"session"}: the person's own request to delete what was logged.
  router.delete(
    '/api/chat/session',
    requireJson,
    express.json({ limit: MAX_BODY_BYTES, strict: true }),
    async (request: Request, response: Response) => {
      const parsed = forgetRequestSchema.safeParse(request.body);
      if (!parsed.success)
        throw httpErrors.invalid('削除する会話のセッションを指定してください。', 'Send {"session": "<id>"} to delete a conversation.');
      response.set('Cache-Control', 'no-store').json({ deleted: await forget(parsed.data.session) });
    },
  );

  router.post(
    '/api/chat',
    requireJson,
    express.json({ limit: MAX_BODY_BYTES, strict: true }),
    sessionLimit,
    async (request: Request, response: Response) => {
      const parsed = chatRequestSchema.safeParse(request.body);
      if (!parsed.success) throw invalid(parsed.error.issues[0]!);
      const { text, payload, session: requested } = parsed.data;
      if ((text === undefined || text.trim() === '') && payload === undefined) {
        throw httpErrors.invalid('メッセージを入力してください。', 'Send a non-empty "text" or a "payload".');
      }
      const hub = currentHub();
      const continued = requested !== undefined && SESSION_ID_PATTERN.test(requested) && (await hub.hasSession(requested));
      const session = continued ? requested : await hub.startSession();
      const outcome = await hub.handle({ channel: 'web', session, text, payload });
      const { reply } = outcome;
      const body: ChatResponse = {
        session,
        // The session asked for was unknown or had expired: the conversation starts afresh.
        ...(requested !== undefined && !continued ? { sessionRenewed: true } : {}),
        ...(outcome.effect?.kind === 'forget' ? { conversationDeleted: true } : {}),
        label: reply.label,
        messages: reply.messages.map((message) => ({ ...message, ruby: currentRuby()(message.text) })),
        quickReplies: reply.quickReplies,
        ...(reply.callCenter ? { callCenter: reply.callCenter } : {}),
        ...(reply.asOf ? { asOf: reply.asOf.date, asOfNote: reply.asOf.text } : {}),
        ...(reply.language ? { language: reply.language } : {}),
      };
      response.set('Cache-Control', 'no-store').json(body);
    },
  );
  return router;
}
