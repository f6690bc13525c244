import type { RequestHandler } from 'express';
import type { ServerMetrics } from './metrics';

/**
 * Counts every response once it is sent, by method, route and status. The path is read on the
 * way in: routers mounted below rewrite `request.url` while they run. The raw path itself never
 * reaches a label (see metric-labels.ts).
 */
export function countResponses(metrics: Pick<ServerMetrics, 'countResponse'>): RequestHandler {
  return (request, response, next) => {
    const { method, path } = request;
    response.once('finish', () => metrics.countResponse(method, path, response.statusCode));
    next();
  };
}
