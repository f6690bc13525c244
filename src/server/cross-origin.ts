import type { RequestHandler } from 'express';
import { HttpError } from './http-errors';

/**
 * CORS for the API, from an allowlist: the association's own site can embed the widget and
 * call the API from the browser; other sites cannot. Requests without an Origin header (curl,
 * LINE and Slack webhooks) and same-origin requests (the demo page) are not affected. Behind a
 * proxy that ends TLS, the bot sees http while the page is https: with `trustProxy` set, the
 * forwarded scheme counts, otherwise add the page's own origin to `allowedOrigins`.
 */
export function apiCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (request, response, next) => {
    const origin = request.get('origin');
    if (!origin) {
      next();
      return;
    }
    const sameOrigin = origin === `${request.protocol}://${request.host}`;
    if (!sameOrigin && !allowed.has(origin)) {
      next(
        new HttpError(
          403,
          'ORIGIN_NOT_ALLOWED',
          'このサイトからはご利用いただけません。',
          `Requests from ${origin} are not allowed; add it to server.allowedOrigins.`,
        ),
      );
      return;
    }
    response.set('Access-Control-Allow-Origin', origin);
    response.set('Vary', 'Origin');
    if (request.method === 'OPTIONS') {
      response.set('Access-Control-Allow-Methods', 'POST, DELETE, OPTIONS');
      response.set('Access-Control-Allow-Headers', 'Content-Type');
      response.set('Access-Control-Max-Age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}
