import pino, { type DestinationStream, type Logger } from 'pino';
import type { Masker } from '../privacy/mask';

/**
 * Structured JSON logs (pino). Every string that reaches a log line passes the personal-data
 * masker first, as a safety net: the server logs no message text and no request bodies, and
 * the conversation log (SQLite) holds the masked text.
 */

const MAX_DEPTH = 6;

function maskDeep(value: unknown, masker: Masker, depth = 0): unknown {
  if (typeof value === 'string') return masker.mask(value).text;
  if (value === null || typeof value !== 'object') return value;
  // Deeper than any log line we write: dropped rather than logged unmasked.
  if (depth > MAX_DEPTH) return '[omitted: nested too deep]';
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, masker, depth + 1));
  if (value instanceof Error) {
    // A masked copy that is still an Error of the same class, so pino's serializer keeps its
    // type (HubError, …), code and stack.
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(value))
      copy[key] = maskDeep((value as unknown as Record<string, unknown>)[key], masker, depth + 1);
    return copy;
  }
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
          // Strings and bare Errors are masked here: pino copies an Error's message into the
          // line before the formatter runs.
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' || arg instanceof Error ? maskDeep(arg, masker) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}
