import { isValidSlackRequest } from '@slack/bolt';

/**
 * Slack's request signature, a pure function with the clock passed in: the HMAC of
 * "v0:<timestamp>:<raw body>" with the signing secret, and a timestamp no older than five
 * minutes (a replayed request is refused).
 */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export function isAuthenticSlackRequest(
  rawBody: string,
  signature: string | undefined,
  timestamp: string | undefined,
  signingSecret: string,
  nowMs: number,
): boolean {
  if (!signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  const age = nowMs / 1000 - Number(timestamp);
  if (age > MAX_REQUEST_AGE_SECONDS || age < -MAX_REQUEST_AGE_SECONDS) return false;
  try {
    return isValidSlackRequest({
      signingSecret,
      body: rawBody,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) },
      nowMilliseconds: nowMs,
    });
  } catch {
    return false;
  }
}
