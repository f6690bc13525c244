import type { TurnRoute } from '../conversation/dialog';
import type { ChannelName } from '../conversation/turn';
import { labelSchema } from '../data/schemas';

/**
 * What a metric's label may say: every value comes from a fixed set, and anything else becomes
 * `other`. Nothing a person typed, no session, user or address, no raw URL ever reaches a
 * label, so /metrics can hold no personal data however a request is made.
 */

export const OTHER = 'other';

export const CHANNELS = ['web', 'line', 'slack', 'cli'] as const satisfies readonly ChannelName[];

export const TURN_ROUTES = [
  'payload',
  'safety',
  'flow_branch',
  'flow_stay',
  'faq',
  'clarify',
  'followup',
  'smalltalk',
  'out_of_scope',
  'other_scam',
  'second_opinion',
  'rephrase',
  'second_miss',
  'not_text',
  'failed',
] as const satisfies readonly TurnRoute[];

// A route added to TurnRoute but not above fails the type-check here, rather than reading `other`.
type UnlistedRoute = Exclude<TurnRoute, (typeof TURN_ROUTES)[number]>;
const everyRouteListed: [UnlistedRoute] extends [never] ? true : UnlistedRoute = true;
void everyRouteListed;

/** The stores whose failed writes are counted. */
export const STORES = ['shared_state', 'conversation_log'] as const;
export type StoreName = (typeof STORES)[number];

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/**
 * The paths the server routes (app.ts, chat-route.ts, and the LINE and Slack webhooks, whose
 * paths a test checks against channels/). Anything else is `static` when it was served (the
 * widget's files) or `other`.
 */
export const HTTP_ROUTES = [
  '/api/chat',
  '/api/chat/session',
  '/healthz',
  '/readyz',
  '/metrics',
  '/webhooks/line',
  '/webhooks/slack/events',
] as const;

function oneOf<T extends string>(allowed: readonly T[], value: string): T | typeof OTHER {
  return (allowed as readonly string[]).includes(value) ? (value as T) : OTHER;
}

export const channelLabel = (channel: string) => oneOf(CHANNELS, channel);
export const turnRouteLabel = (route: string) => oneOf(TURN_ROUTES, route);
/** q1, q2 …, smalltalk or fallback: the data's label pattern, bounded, never free text. */
export const answerLabel = (label: string) => (labelSchema.safeParse(label).success ? label : OTHER);
export const methodLabel = (method: string) => oneOf(HTTP_METHODS, method.toUpperCase());
export const statusLabel = (status: number) => (Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : OTHER);

/** The route a request took, as express matches it: case-insensitive, a trailing slash allowed. */
export function httpRouteLabel(path: string, status: number): string {
  const route = oneOf(HTTP_ROUTES, path.toLowerCase().replace(/(.)\/$/, '$1'));
  if (route !== OTHER) return route;
  return status < 400 ? 'static' : OTHER;
}
