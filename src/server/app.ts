import path from 'node:path';
import express from 'express';
import type { BotConfig } from '../data/schemas';
import type { LoadedBot } from '../hub/loaded-bot';
import { PROJECT_ROOT } from '../paths';
import { chatRouter } from './chat-route';
import { apiCors } from './cross-origin';
import { errorHandler, HttpError, httpErrors, notFound } from './http-errors';
import type { ServerMetrics } from './metrics';
import { metricsRoute, type MetricsRouteOptions } from './metrics-route';
import { byAddress, rateLimit, type RateLimitOptions } from './rate-limit';
import { countResponses } from './response-counter';
import { securityHeaders } from './security-headers';

export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');

export interface Lifecycle {
  /** The loaded bot, or undefined while loading. */
  bot(): LoadedBot | undefined;
  readonly shuttingDown: () => boolean;
}

export interface AppDependencies {
  readonly lifecycle: Lifecycle;
  readonly server: BotConfig['server'];
  /** Where unexpected errors go (never to the client). */
  readonly logError: (error: unknown) => void;
  /** Where requests per client are counted (the live state: SQLite or Redis). */
  readonly rateWindows: RateLimitOptions['windows'];
  /** Further routers (the LINE and Slack webhooks), mounted before the static files. */
  readonly routers?: readonly express.RequestHandler[];
  /** The server's metrics: every response is counted, and GET /metrics is served when there is a token. */
  readonly metrics?: AppMetrics;
}

export interface AppMetrics extends Omit<MetricsRouteOptions, 'token'> {
  readonly counters: ServerMetrics;
  /** METRICS_TOKEN; without it /metrics is not served (404). */
  readonly token: string | undefined;
}

// The live state or a networked conversation log has failed this long (or is known down):
// chats they could not keep are refused, politely.
const STATE_FAILING_MS = 5000;
const storesFailingMs = (bot: LoadedBot) => Math.max(bot.state.failingForMs(), bot.conversationLog.failingForMs());

const notReady = () =>
  new HttpError(
    503,
    'NOT_READY',
    'ただいま準備中です。しばらくしてからお試しください。',
    'The bot is starting or stopping; try again shortly.',
  );

/** The HTTP app: health checks, the chat API, the widget, the demo page and /metrics. Transport only. */
export function createApp({ lifecycle, server, logError, rateWindows, routers = [], metrics }: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Replies are never cached (Cache-Control: no-store); an ETag would hash every body for nothing.
  app.set('etag', false);
  // A hop count, never `true`: with `true` express takes the left-most X-Forwarded-For entry,
  // which the client writes itself, and the rate limit could be dodged per request.
  if (server.trustProxy > 0) app.set('trust proxy', server.trustProxy);
  // Before any other middleware, so that every response is counted, refusals among them.
  if (metrics) app.use(countResponses(metrics.counters));
  app.use(...securityHeaders(server.allowedOrigins, { hsts: server.hsts ?? server.trustProxy > 0 }));
  // While shutting down, each response closes its connection, so a keep-alive client does
  // not hold the server open until its idle timeout.
  app.use((_request, response, next) => {
    if (lifecycle.shuttingDown()) response.set('Connection', 'close');
    next();
  });

  // Health: alive as long as the process answers; ready once loaded and until shutdown begins.
  app.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', (_request, response) => {
    const bot = lifecycle.bot();
    const status = lifecycle.shuttingDown()
      ? 'stopping'
      : bot === undefined
        ? 'starting'
        : storesFailingMs(bot) > STATE_FAILING_MS
          ? 'state_unavailable'
          : 'ready';
    response
      .set('Cache-Control', 'no-store')
      .status(status === 'ready' ? 200 : 503)
      .json({ status });
  });
  // Only with a token: without one, /metrics falls through to 404 like any unknown path.
  if (metrics?.token) app.get('/metrics', metricsRoute({ ...metrics, token: metrics.token }));

  const windowMs = server.rateLimit.windowSeconds * 1000;
  const limit = rateLimit({ maxRequests: server.rateLimit.maxRequests, windowMs, windows: rateWindows, keyOf: byAddress });
  // Per conversation, once the body says which: a person sends a few messages a minute.
  const sessionLimit = rateLimit({
    maxRequests: server.rateLimit.perSessionMaxRequests,
    windowMs,
    windows: rateWindows,
    keyOf: (request) =>
      typeof (request.body as { session?: unknown } | undefined)?.session === 'string'
        ? `session ${(request.body as { session: string }).session}`
        : undefined,
  });
  // Refused before the rate limit counts: a failing store is not sent one more command per request.
  const storesWork: express.RequestHandler = (_request, _response, next) => {
    const bot = lifecycle.bot();
    if (bot === undefined || lifecycle.shuttingDown()) next(notReady());
    else next(storesFailingMs(bot) > STATE_FAILING_MS ? httpErrors.stateUnavailable() : undefined);
  };
  app.use('/api', apiCors(server.allowedOrigins), storesWork, limit);
  app.use(
    chatRouter({
      sessionLimit,
      hub: () => lifecycle.bot()!.hub,
      ruby: () => lifecycle.bot()!.ruby,
      forget: (session) => lifecycle.bot()!.hub.forget(session),
    }),
  );
  for (const router of routers) app.use(router);
  app.use(express.static(PUBLIC_DIR, { index: 'index.html', dotfiles: 'ignore', redirect: false }));
  app.use(notFound);
  app.use(errorHandler(logError));
  return app;
}
