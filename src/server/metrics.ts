import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { TurnOutcome } from '../conversation/turn';
import {
  answerLabel,
  CHANNELS,
  channelLabel,
  httpRouteLabel,
  methodLabel,
  statusLabel,
  STORES,
  type StoreName,
  turnRouteLabel,
} from './metric-labels';

/**
 * The server's Prometheus metrics, in a registry of their own (never prom-client's global one):
 * tests start several servers in one process, and each counts apart. Every label value passes
 * metric-labels.ts, so nothing personal can reach them.
 */
export interface ServerMetrics {
  readonly registry: Registry;
  /** A turn that was answered and logged (see onLogged in conversation/turn.ts). */
  countTurn(channel: string, outcome: TurnOutcome, elapsedMs: number): void;
  /** An HTTP response, by the request's method, the route it took, and the status sent. */
  countResponse(method: string, path: string, status: number): void;
  /** A store's failed write (each store retries; this counts the failures, not lost data). */
  countStoreError(store: StoreName): void;
}

/** Where GET /metrics gets its text: this process's registry, or, in a cluster's worker, every worker's. */
export interface MetricsExposition {
  readonly contentType: string;
  text(): Promise<string>;
}

export const METRIC_PREFIX = 'kenpo_faq_';

// Turns take about 0.2–50 ms on the server; the upper buckets catch stalls of up to seconds.
const TURN_SECONDS_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export function createServerMetrics(): ServerMetrics {
  const registry = new Registry();
  // Process and Node metrics, event-loop lag among them, under their usual names (dashboards expect them).
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const turns = new Counter({
    name: `${METRIC_PREFIX}turns_total`,
    help: 'Turns answered, by answer label (q1…, smalltalk, fallback), dialog route and channel.',
    labelNames: ['label', 'route', 'channel'] as const,
    registers,
  });
  const scamWarnings = new Counter({
    name: `${METRIC_PREFIX}scam_warnings_total`,
    help: 'Turns whose reply carried the scam-call warning (問9), by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const fallbacks = new Counter({
    name: `${METRIC_PREFIX}fallbacks_total`,
    help: 'Turns the FAQ did not answer (label fallback), by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const turnSeconds = new Histogram({
    name: `${METRIC_PREFIX}turn_duration_seconds`,
    help: 'Time from a turn’s message to its logged reply, in seconds, by channel.',
    labelNames: ['channel'] as const,
    buckets: TURN_SECONDS_BUCKETS,
    registers,
  });
  const responses = new Counter({
    name: `${METRIC_PREFIX}http_responses_total`,
    help: 'HTTP responses, by method, route (a fixed set; static or other for the rest) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const storeErrors = new Counter({
    name: `${METRIC_PREFIX}store_errors_total`,
    help: 'Failed writes to a store (shared_state, conversation_log); each is retried.',
    labelNames: ['store'] as const,
    registers,
  });
  // Zeros from the start, so a rate over the first warning or error is not lost.
  for (const channel of CHANNELS) {
    scamWarnings.inc({ channel }, 0);
    fallbacks.inc({ channel }, 0);
  }
  for (const store of STORES) storeErrors.inc({ store }, 0);

  return {
    registry,
    countTurn(channel, outcome, elapsedMs) {
      const channelValue = channelLabel(channel);
      const { reply, route } = outcome;
      turns.inc({ label: answerLabel(reply.label), route: turnRouteLabel(route), channel: channelValue });
      if (reply.messages.some((message) => message.notice === 'scam_warning')) scamWarnings.inc({ channel: channelValue });
      if (reply.label === 'fallback') fallbacks.inc({ channel: channelValue });
      turnSeconds.observe({ channel: channelValue }, elapsedMs / 1000);
    },
    countResponse(method, path, status) {
      responses.inc({ method: methodLabel(method), route: httpRouteLabel(path, status), status: statusLabel(status) });
    },
    countStoreError(store) {
      storeErrors.inc({ store });
    },
  };
}

/** This process's own figures (a single server, not a cluster). */
export function localExposition(registry: Registry): MetricsExposition {
  return { contentType: registry.contentType, text: () => registry.metrics() };
}
