import type { RequestHandler } from 'express';
import { HttpError } from './http-errors';
import type { MetricsExposition } from './metrics';
import { bearerTokenMatches, METRICS_TOKEN_VARIABLE } from './metrics-token';

export interface MetricsRouteOptions {
  /** METRICS_TOKEN (see metrics-token.ts); the route is mounted only when there is one. */
  readonly token: string;
  readonly exposition: MetricsExposition;
  /** Told why the figures could not be gathered (a cluster's primary did not answer in time). */
  readonly onUnavailable: (error: unknown) => void;
}

const unauthorized = () =>
  new HttpError(
    401,
    'METRICS_UNAUTHORIZED',
    'メトリクスの取得には正しいトークンが必要です。',
    `Send the token set in ${METRICS_TOKEN_VARIABLE} as "Authorization: Bearer <token>" to read /metrics.`,
  );

const unavailable = () =>
  new HttpError(
    503,
    'METRICS_UNAVAILABLE',
    'ただいまメトリクスを集計できません。しばらくしてからお試しください。',
    'The workers’ metrics could not be gathered in time (a worker may be starting or restarting); scrape again shortly.',
  );

/** GET /metrics: the Prometheus text, to a bearer of the token only. */
export function metricsRoute({ token, exposition, onUnavailable }: MetricsRouteOptions): RequestHandler {
  return async (request, response) => {
    if (!bearerTokenMatches(request.get('authorization'), token)) {
      response.set('WWW-Authenticate', 'Bearer realm="metrics"');
      throw unauthorized();
    }
    let text: string;
    try {
      text = await exposition.text();
    } catch (error) {
      onUnavailable(error);
      throw unavailable();
    }
    response.set('Cache-Control', 'no-store').type(exposition.contentType).send(text);
  };
}
