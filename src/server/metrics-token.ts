import { createHash, timingSafeEqual } from 'node:crypto';
import { DataFileError } from '../errors';

/**
 * METRICS_TOKEN: with it, GET /metrics answers to `Authorization: Bearer <token>`; without it,
 * /metrics is not served at all (404), so nothing is exposed by default.
 */
export const METRICS_TOKEN_VARIABLE = 'METRICS_TOKEN';

/** Shorter tokens can be guessed; `openssl rand -hex 32` gives 64 characters. */
export const MIN_METRICS_TOKEN_LENGTH = 16;

/** The token from the environment, undefined when unset; a token too short (or blank) is a start-up error. */
export function metricsTokenFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[METRICS_TOKEN_VARIABLE];
  if (value === undefined) return undefined;
  if (value.trim() !== value || value.length < MIN_METRICS_TOKEN_LENGTH) {
    throw new DataFileError(METRICS_TOKEN_VARIABLE, [
      `expected at least ${MIN_METRICS_TOKEN_LENGTH} characters without surrounding spaces (e.g. from \`openssl rand -hex 32\`), got ${value.trim() === '' ? 'an empty value' : `${value.length} characters`}; or unset it to serve no /metrics`,
    ]);
  }
  return value;
}

/**
 * Whether an Authorization header carries the token as a bearer token. Both sides are hashed
 * first, so the comparison takes the same time whatever the header's length or content.
 */
export function bearerTokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1] ?? '';
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  // `&&` after the constant-time compare: an empty token never matches, and costs the same.
  return timingSafeEqual(digest(presented), digest(token)) && presented !== '';
}
