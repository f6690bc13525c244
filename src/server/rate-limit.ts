import type { RequestHandler } from 'express';
import { HttpError } from './http-errors';

/**
 * A fixed-window request limit per client address, in memory. Over the limit: 429 with
 * Retry-After. The clock is injectable so the window can be tested without waiting. Behind a
 * load balancer each instance counts alone; a shared limit belongs in the proxy or a shared store.
 */
export interface RateLimitOptions {
  readonly maxRequests: number;
  readonly windowMs: number;
  readonly now?: () => number;
  /** Addresses tracked at most; the oldest windows are dropped past it. */
  readonly maxClients?: number;
}

interface Window {
  start: number;
  count: number;
}

export function rateLimit({ maxRequests, windowMs, now = Date.now, maxClients = 100_000 }: RateLimitOptions): RequestHandler {
  const windows = new Map<string, Window>();
  return (request, response, next) => {
    const key = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.start >= windowMs) {
      windows.delete(key);
      window = { start: time, count: 0 };
      windows.set(key, window);
      if (windows.size > maxClients) windows.delete(windows.keys().next().value!);
    }
    window.count++;
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
