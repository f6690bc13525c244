import type { RequestHandler } from 'express';
import type { RateWindow } from '../state/rate-windows';
import { HttpError } from './http-errors';

/**
 * A fixed-window request limit per client address. Over the limit: 429 with Retry-After. The
 * windows are counted in the shared state database (state/rate-windows.ts), so all workers
 * count together. Behind a load balancer with several machines, a shared limit belongs in the proxy.
 */
export interface RateLimitOptions {
  readonly maxRequests: number;
  readonly windowMs: number;
  /** Counts a request of a client; returns the client's window so far. */
  readonly windows: { count(client: string, time: number): RateWindow };
  readonly now?: () => number;
}

export function rateLimit({ maxRequests, windowMs, windows, now = Date.now }: RateLimitOptions): RequestHandler {
  return (request, response, next) => {
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const time = now();
    const window = windows.count(client, time);
    const remaining = Math.max(0, maxRequests - window.count);
    response.set('RateLimit-Limit', String(maxRequests));
    response.set('RateLimit-Remaining', String(remaining));
    if (window.count > maxRequests) {
      const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - time) / 1000));
      response.set('Retry-After', String(retryAfter));
      next(
        new HttpError(
          429,
          'RATE_LIMITED',
          `リクエストが多すぎます。${retryAfter}秒ほど待ってからお試しください。`,
          `Too many requests. Please wait ${retryAfter} seconds and try again.`,
        ),
      );
      return;
    }
    next();
  };
}
