import pino, { type DestinationStream, type Logger } from 'pino';
import type { Masker } from '../privacy/mask';

/**
 * Structured JSON logs (pino). Every string that reaches a log line passes the personal-data
 * masker first, as a safety net: the server logs no message text and no request bodies, and
 * the conversation log (SQLite) holds the masked text.
 */

function maskDeep(value: unknown, masker: Masker, depth = 0): unknown {
  if (typeof value === 'string') return masker.mask(value).text;
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, masker, depth + 1));
  if (value instanceof Error) return { type: value.name, message: masker.mask(value.message).text };
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item, masker, depth + 1)]));
}

export function createLogger(masker: Masker, destination?: DestinationStream, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { service: 'kenpo-faq' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => maskDeep(object, masker) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? masker.mask(arg).text : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
