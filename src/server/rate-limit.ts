import { isIPv6 } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RateCounter, RateWindow } from '../state/live-state';
import { HttpError, httpErrors } from './http-errors';

/**
 * Fixed-window request limits. Over a limit: 429 with Retry-After. The windows are counted in
 * the live state (SQLite's state/rate-windows.ts or Redis), so all workers and machines count together.
 *
 * Two limits, because of how people reach the site on the evening of the news: one per
 * conversation (a person sends a few messages a minute), and a much higher one per address, which
 * everyone behind one mobile carrier's shared NAT or one company proxy shares. IPv6 addresses
 * count by their /64 network, which one household or phone holds whole.
 */
export interface RateLimitOptions {
  readonly maxRequests: number;
  readonly windowMs: number;
  /** Counts a request of a client; returns the client's window so far. */
  readonly windows: RateCounter;
  /** Who the request counts for; undefined: this limit does not apply to it. */
  readonly keyOf: (request: Request) => string | undefined;
  readonly now?: () => number;
}

/** The address a limit counts: an IPv6 address by its /64 network, anything else as it is. */
export function addressKey(address: string): string {
  if (!isIPv6(address) || /^::ffff:[0-9.]+$/i.test(address)) return address.replace(/^::ffff:/i, '');
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}

export const byAddress = (request: Request): string => `address ${addressKey(request.ip ?? request.socket.remoteAddress ?? 'unknown')}`;

export function rateLimit({ maxRequests, windowMs, windows, keyOf, now = Date.now }: RateLimitOptions): RequestHandler {
  return (request, response, next) => {
    const client = keyOf(request);
    if (client === undefined) {
      next();
      return;
    }
    const time = now();
    windows.count(client, time).then(
      (window) => decide(window, time, response, next),
      // a store that cannot count is a store that cannot keep the conversation either
      (error: unknown) => next(error instanceof HttpError ? error : httpErrors.stateUnavailable()),
    );
  };

  function decide(window: RateWindow, time: number, response: Response, next: NextFunction): void {
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
  }
}
