import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { childrenOf, connectionTo } from '../helpers/worker-connection';

// GET /metrics on the built server with WORKERS=2: a scrape reaches one worker, and its figures
// cover both. Requests are sent to a chosen worker as in workers.test.ts (whose helpers these
// are, cut down): connect until that worker holds the server's end of the socket, read from
// /proc. Linux only, as the server's deployment.

const MAIN = path.join(PROJECT_ROOT, 'dist', 'server', 'main.js');
const TOKEN = 'cluster-metrics-token-0123456789';

// Two workers each load the dictionary; the unavailable case waits out the primary's 5 s.
jest.setTimeout(60_000);

interface Server {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly dataDir: string;
  stdout: string;
  stderr: string;
  readonly exited: Promise<unknown>;
}

// Settings the machine running the tests may have, which would change what the server does.
const INHERITED_NOT =
  /^(WORKERS|PORT|HOST|DATA_DIR|LOG_LEVEL|BOT_CONFIG|RATE_LIMIT_|TRUST_PROXY|ALLOWED_ORIGINS|CALL_CENTER_|LINE_|SLACK_|KENPO_FAQ_|NODE_CLUSTER_SCHED_POLICY|METRICS_)/;

function launch(): Server {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-metrics-workers-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_NOT.test(name)));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      WORKERS: '2',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      WARM_UP: '0',
      METRICS_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server: Server = { child, pid: child.pid!, dataDir, stdout: '', stderr: '', exited: once(child, 'exit') };
  child.stdout!.on('data', (chunk: Buffer) => (server.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (server.stderr += chunk.toString('utf8')));
  return server;
}

const LISTENING = /kenpo-faq: listening on http:\/\/localhost:(\d+)\b/;

async function listening(server: Server): Promise<number> {
  const deadline = Date.now() + 50_000;
  for (;;) {
    const found = LISTENING.exec(server.stdout);
    if (found) return Number(found[1]);
    if (server.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the server did not start:\n${server.stdout}${server.stderr}`);
    await sleep(50);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Reply {
  readonly status: number;
  readonly text: string;
}

/** A request over a connection `worker` accepted. */
async function request(
  port: number,
  worker: number,
  workers: readonly number[],
  options: { method: string; path: string; headers?: http.OutgoingHttpHeaders; body?: string },
): Promise<Reply> {
  const socket = await connectionTo(port, worker, workers);
  return new Promise<Reply>((resolve, reject) => {
    const outgoing = http.request(
      { host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers, createConnection: () => socket },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  }).finally(() => socket.destroy());
}

function turnsCounted(text: string): number {
  const found = /^kenpo_faq_turns_total\{label="q1",route="faq",channel="web"\} (\d+)$/m.exec(text);
  return found ? Number(found[1]) : 0;
}

describe('GET /metrics with WORKERS=2', () => {
  let server: Server;
  let port: number;
  let workers: number[];

  beforeAll(async () => {
    server = launch();
    port = await listening(server);
    workers = childrenOf(server.pid);
  });
  afterAll(async () => {
    for (const pid of [server.pid, ...workers]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await server.exited;
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  const chatTo = (worker: number) =>
    request(port, worker, workers, {
      method: 'POST',
      path: '/api/chat',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: '情報は漏れたの？' }),
    });
  const scrapeFrom = (worker: number, token = TOKEN) =>
    request(port, worker, workers, { method: 'GET', path: '/metrics', headers: { authorization: `Bearer ${token}` } });

  it('counts the turns of both workers, whichever worker is scraped', async () => {
    expect(workers).toHaveLength(2);
    const [first, second] = workers as [number, number];
    for (const worker of [first, second, second]) expect((await chatTo(worker)).status).toBe(200);
    for (const worker of [first, second]) {
      const scraped = await scrapeFrom(worker);
      expect(scraped.status).toBe(200);
      expect(turnsCounted(scraped.text)).toBe(3);
    }
    // The token is checked by the worker reached, before it asks the primary.
    expect((await scrapeFrom(first, 'a-wrong-token-0123456789')).status).toBe(401);
    expect(server.stderr).toBe('');
  });

  it('answers 503 with a JSON error when a worker does not answer in time, and recovers once it does', async () => {
    const [first, second] = workers as [number, number];
    // The second worker stops answering anything (the primary's request among it).
    process.kill(second, 'SIGSTOP');
    try {
      const scraped = await scrapeFrom(first);
      expect(scraped.status).toBe(503);
      expect(JSON.parse(scraped.text)).toMatchObject({
        error: { code: 'METRICS_UNAVAILABLE', message_en: expect.stringMatching(/scrape again/) },
      });
    } finally {
      process.kill(second, 'SIGCONT');
    }
    const again = await scrapeFrom(first);
    expect(again.status).toBe(200);
    expect(turnsCounted(again.text)).toBe(3);
  });
});
