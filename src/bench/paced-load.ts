/**
 * An open-loop load at a fixed rate, evenly spaced: request n is sent at start + n / rate,
 * whether or not earlier ones were answered, and its latency counts from that moment (so a
 * stall shows as the wait it caused, not hidden by a client that slowed down with the server).
 * autocannon's overallRate is not this: each connection sends its share of a second's requests
 * back to back at the start of the second and then idles, so a third of capacity arrives as a
 * burst at saturation every second (on this machine a bare express endpoint showed p99 180 ms
 * at 608 req/s that way, against 31–42 ms at its own saturation).
 */
import http from 'node:http';
import { percentile } from './stats';

export interface PacedResult {
  readonly sent: number;
  readonly answered: number;
  /** Why the others were not: an HTTP status or an error code, and how often. */
  readonly failures: Readonly<Record<string, number>>;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export async function pacedLoad(url: string, bodies: readonly string[], rate: number, seconds: number): Promise<PacedResult> {
  const target = new URL(`${url}/api/chat`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (why: string) => (failures[why] = (failures[why] ?? 0) + 1);
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];

  const send = (index: number, due: number) =>
    new Promise<void>((resolve) => {
      const body = bodies[index % bodies.length]!;
      const request = http.request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode === 200) latencies.push(performance.now() - due);
            else fail(`HTTP ${response.statusCode}`);
            resolve();
          });
        },
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        fail(error.code ?? error.message);
        resolve();
      });
      request.end(body);
    });

  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(index, due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sent: total,
    answered: sorted.length,
    failures,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}
