import type { ErrorRequestHandler, RequestHandler } from 'express';
import { StoreUnavailableError } from '../errors';

/**
 * Every error the API returns is short JSON in Japanese and English, never a stack trace:
 *   { "error": { "code": "TEXT_TOO_LONG", "message": "…", "message_en": "…" } }
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

export const httpErrors = {
  badJson: () => new HttpError(400, 'BAD_JSON', 'リクエストの本文が正しいJSONではありません。', 'The request body is not valid JSON.'),
  invalid: (detail: string, detailEn: string) => new HttpError(400, 'INVALID_REQUEST', detail, detailEn),
  tooLarge: () => new HttpError(413, 'BODY_TOO_LARGE', 'リクエストが大きすぎます。', 'The request body is too large.'),
  unsupportedType: () =>
    new HttpError(
      415,
      'UNSUPPORTED_CONTENT_TYPE',
      'Content-Type は application/json にしてください。',
      'Send the body as application/json.',
    ),
  notFound: () => new HttpError(404, 'NOT_FOUND', 'ページが見つかりません。', 'Not found.'),
  /** The live state or the conversation log cannot be reached (a store down or failing to write). */
  stateUnavailable: () =>
    new HttpError(
      503,
      'STATE_UNAVAILABLE',
      'ただいま会話を続けられない状態です。しばらくしてからお試しください。',
      'The bot cannot store conversations right now; try again shortly.',
    ),
  internal: () =>
    new HttpError(
      500,
      'INTERNAL',
      '申し訳ございません。ただいま応答できません。しばらくしてからお試しください。',
      'Sorry, something went wrong. Please try again later.',
    ),
};

export function sendError(error: HttpError): { status: number; body: unknown } {
  return { status: error.status, body: { error: { code: error.code, message: error.message, message_en: error.messageEn } } };
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Maps body-parser's errors and our own to JSON; anything unexpected is logged and answered 500. */
export function errorHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    let httpError: HttpError;
    const parserError = error as BodyParserError;
    if (error instanceof HttpError) httpError = error;
    else if (error instanceof StoreUnavailableError) httpError = httpErrors.stateUnavailable();
    else if (parserError?.type === 'entity.too.large') httpError = httpErrors.tooLarge();
    else if (parserError?.type === 'entity.parse.failed') httpError = httpErrors.badJson();
    else if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported')
      httpError = httpErrors.unsupportedType();
    else if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      httpError = new HttpError(parserError.status, 'BAD_REQUEST', 'リクエストを処理できません。', 'The request cannot be processed.');
    } else {
      log(error);
      httpError = httpErrors.internal();
    }
    const { status, body } = sendError(httpError);
    response.status(status).json(body);
  };
}

export const notFound: RequestHandler = (_request, _response, next) => next(httpErrors.notFound());
