import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotData } from '../data/load-bot-data';

/**
 * A freshly started server answered its first second of a busy day (500 req/s of varied
 * questions) with p99 240–660 ms, against 10–20 ms once warm: V8 had not compiled the path a
 * request takes (express, the rate limit, the session store, the turn, botkit, the engine, the
 * log), and the engine's and masker's caches were empty. Answering the data's own example
 * phrasings through the turn alone (no HTTP, sessions in memory) did not help; three seconds of
 * real requests did. So before /readyz says ready, the server answers example phrasings over
 * loopback through the same app, on scratch stores (src/server/start.ts builds them and
 * deletes them after): no person's conversation, log or rate count is touched.
 */
const WARM_UP_BUDGET_MS = 2500;
const WARM_UP_REQUESTS = 5000;
// Requests in flight at once: enough that the server is never idle waiting for the next.
const CONCURRENCY = 8;

export interface WarmUpOptions {
  readonly budgetMs?: number;
  /** How many requests at most; 0 skips the warm-up. */
  readonly requests?: number;
}

// Each example is also sent with these around it: a text seen once is remembered (the engine's
// and the masker's caches), so without them the engine's own path would run once per example.
const FRAMES = [
  (text: string) => text,
  (text: string) => `あの、${text}`,
  (text: string) => `${text}？教えてください`,
  (text: string) => `すみません ${text}`,
];

export function warmUpTexts(data: BotData): string[] {
  const examples = [
    ...data.faq.flatMap((intent) => intent.examples),
    ...Object.values(data.smalltalk.kinds).flatMap((kind) => kind.examples),
    ...data.fallback.examples,
  ];
  return FRAMES.flatMap((frame) => examples.map(frame));
}

export function warmUpWanted({ requests = WARM_UP_REQUESTS }: WarmUpOptions = {}): boolean {
  return requests > 0;
}

/**
 * Serves `app` on a loopback port of its own and posts the texts to POST /api/chat, each as a
 * new conversation, until the budget or the count runs out. Resolves to how many were answered.
 */
export async function warmUpThrough(
  app: http.RequestListener,
  texts: readonly string[],
  { budgetMs = WARM_UP_BUDGET_MS, requests = WARM_UP_REQUESTS }: WarmUpOptions = {},
): Promise<number> {
  if (texts.length === 0 || requests <= 0) return 0;
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const until = Date.now() + budgetMs;
  let sent = 0;
  let answered = 0;
  const post = (text: string) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ text });
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/chat',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            if (response.statusCode === 200) answered++;
            resolve();
          });
        },
      );
      // A warm-up request that fails costs nothing but its warmth.
      request.on('error', () => resolve());
      request.end(body);
    });
  const worker = async () => {
    while (sent < requests && Date.now() < until) await post(texts[sent++ % texts.length]!);
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  return answered;
}
