import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { MetricsExposition } from './metrics';

/**
 * /metrics over several workers (node:cluster): a scrape reaches one worker, but its figures
 * must cover them all. That worker asks the primary over IPC; the primary asks every worker for
 * its registry (prom-client's AggregatorRegistry, over the same IPC), sums them, and sends the
 * text back. A single server answers from its own registry instead (metrics.ts).
 */

/** A worker asks the primary for every worker's figures. */
interface MetricsRequest {
  readonly kind: 'kenpo-faq:metrics-request';
  readonly id: number;
}

/** The primary's answer: the text, or why there is none. */
interface MetricsAnswer {
  readonly kind: 'kenpo-faq:metrics';
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}

// The primary's AggregatorRegistry gives up on the workers after 5 s (prom-client's own limit);
// the asking worker waits a little longer, so that the primary's reason is what it reports.
const WORKER_WAIT_MS = 6000;

/** In the primary: answers the workers' requests for every worker's figures. */
export function answerMetricsRequests(): void {
  // Creating it makes prom-client listen for the workers' answers.
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Partial<MetricsRequest>) => {
    if (message?.kind !== 'kenpo-faq:metrics-request' || typeof message.id !== 'number') return;
    const id = message.id;
    const reply = (answer: Omit<MetricsAnswer, 'kind' | 'id'>) => {
      // The worker may have exited meanwhile; it asked no one else.
      if (worker.isConnected()) worker.send({ kind: 'kenpo-faq:metrics', id, ...answer } satisfies MetricsAnswer);
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/**
 * In a worker: offers this worker's registry to the primary's aggregation, and returns the
 * exposition that asks the primary for every worker's figures.
 */
export function clusterExposition(registry: Registry, waitMs = WORKER_WAIT_MS): MetricsExposition {
  // Creating one makes prom-client answer the primary's requests, from the registry set here.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  process.on('message', (message: Partial<MetricsAnswer>) => {
    if (message?.kind !== 'kenpo-faq:metrics' || typeof message.id !== 'number') return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.text !== undefined) waiting?.resolve(message.text);
    else waiting?.reject(new Error(`the primary could not gather the workers’ metrics: ${message.error ?? 'no reason given'}`));
  });
  return {
    contentType: registry.contentType,
    text: () =>
      new Promise<string>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`the primary did not answer a metrics request within ${waitMs} ms`));
        }, waitMs);
        pending.set(id, {
          resolve: (text) => (clearTimeout(timer), resolve(text)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        try {
          process.send!({ kind: 'kenpo-faq:metrics-request', id } satisfies MetricsRequest);
        } catch (error) {
          // The primary is gone (the server is stopping).
          pending.get(id)?.reject(error instanceof Error ? error : new Error(String(error)));
          pending.delete(id);
        }
      }),
  };
}
