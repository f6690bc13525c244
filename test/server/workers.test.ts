import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { childrenOf, connectionTo, servingWorker } from '../helpers/worker-connection';

// The built server with WORKERS=2 (node:cluster), as `npm start` runs it: a primary process and
// two workers behind one port, sharing DATA_DIR/state.sqlite. The workers accept connections
// themselves (SCHED_NONE), so which one takes a new connection is the kernel's choice, not a
// round-robin: a test that needs a given worker connects until that worker holds the server's
// end of the socket (read from /proc), then sends its request over that connection. Which
// worker answered is thus observed, not assumed. Linux only, as the server's deployment.

const MAIN = path.join(PROJECT_ROOT, 'dist', 'server', 'main.js');

// Two workers each load the dictionary; on a busy 2-core machine that takes a few seconds.
jest.setTimeout(60_000);

interface ChatBody {
  session: string;
  sessionRenewed?: boolean;
  label: string;
  error?: { code: string };
}

interface Server {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly dataDir: string;
  stdout: string;
  stderr: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

// Settings the machine running the tests may have, which would change what the server does.
const INHERITED_NOT =
  /^(WORKERS|PORT|HOST|DATA_DIR|LOG_LEVEL|BOT_CONFIG|RATE_LIMIT_|TRUST_PROXY|ALLOWED_ORIGINS|CALL_CENTER_|LINE_|SLACK_|KENPO_FAQ_|NODE_CLUSTER_SCHED_POLICY)/;

const temporary: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-workers-'));
  temporary.push(dir);
  return dir;
}

/** Servers started by the running test (killed after it) and by a suite's beforeAll (after the suite). */
const perTest: Server[] = [];
const perSuite: Server[] = [];

function launch(dataDir: string, env: Record<string, string> = {}, owner: Server[] = perTest): Server {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_NOT.test(name)));
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...inherited,
      WORKERS: '2',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX_REQUESTS: '1000',
      WARM_UP: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: Server = { child, pid: child.pid!, dataDir, stdout: '', stderr: '', exited };
  child.stdout!.on('data', (chunk: Buffer) => (server.stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (server.stderr += chunk.toString('utf8')));
  owner.push(server);
  return server;
}

const LISTENING = /kenpo-faq: listening on http:\/\/localhost:(\d+)\b.*/;

/** Resolves with the port once the primary says every worker answers; rejects if it exits first. */
function listening(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = LISTENING.exec(server.stdout);
      if (!found) return;
      server.child.stdout!.off('data', check);
      resolve(Number(found[1]));
    };
    server.child.stdout!.on('data', check);
    check();
    void server.exited.then(({ code, signal }) =>
      reject(new Error(`the server exited (${signal ?? code}) before listening:\n${server.stdout}${server.stderr}`)),
    );
  });
}

function running(server: Server): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** Every live process started for this data directory (primary or worker), wherever it was reparented. */
function processesOf(dataDir: string): number[] {
  const marker = `\0DATA_DIR=${dataDir}\0`;
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // A zombie's environment reads empty: it is not running.
        return `\0${fs.readFileSync(`/proc/${entry}/environ`, 'latin1')}`.includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function kill(servers: Server[]): Promise<void> {
  for (const server of servers.splice(0)) {
    const pids = [server.pid, ...childrenOf(server.pid), ...processesOf(server.dataDir)];
    for (const pid of new Set(pids)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (running(server)) await server.exited;
  }
}

afterEach(() => kill(perTest));
afterAll(async () => {
  await kill(perSuite);
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

async function stop(server: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  server.child.kill('SIGTERM');
  return server.exited;
}

interface Reply<Body> {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Body;
  /** The worker that answered, when one was asked for. */
  readonly worker?: number;
}

/** Where to send a request: the worker that must answer it, among the server's workers. */
interface To {
  readonly worker: number;
  readonly workers: readonly number[];
}

/**
 * POST JSON over a connection of its own. With `to`, the connection is one that worker
 * accepted (see connectionTo), and the reply says so.
 */
async function post<Body = ChatBody>(port: number, body: unknown, to?: To): Promise<Reply<Body>> {
  const socket = to ? await connectionTo(port, to.worker, to.workers) : undefined;
  const data = Buffer.from(JSON.stringify(body));
  return new Promise<Reply<Body>>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/chat',
        method: 'POST',
        ...(socket ? { createConnection: () => socket } : { agent: false }),
        headers: { 'content-type': 'application/json', 'content-length': data.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Body,
            ...(to ? { worker: to.worker } : {}),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(data);
  }).finally(() => socket?.destroy());
}

describe('WORKERS=2: one port, two worker processes, one shared state', () => {
  let server: Server;
  let port: number;
  let workers: number[];

  beforeAll(async () => {
    server = launch(tempDir(), {}, perSuite);
    port = await listening(server);
    workers = childrenOf(server.pid);
  });

  it('announces once, with "2 workers", and runs two worker processes under the primary', () => {
    const announcements = server.stdout.split('\n').filter((line) => LISTENING.test(line));
    expect(announcements).toHaveLength(1);
    expect(announcements[0]).toMatch(
      /^kenpo-faq: listening on http:\/\/localhost:\d+ \(chat API POST \/api\/chat, widget demo at \/\), 2 workers$/,
    );
    expect(workers).toHaveLength(2);
    for (const pid of workers) {
      // Each is the server itself (forked by node:cluster), a child of the primary.
      expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain(MAIN);
      expect(fs.readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(new RegExp(`^PPid:\\s+${server.pid}$`, 'm'));
    }
    expect(server.stderr).toBe('');
  });

  it('continues a conversation whichever worker gets the next message', async () => {
    expect(workers).toHaveLength(2);
    // Each message to the other worker than the one before, over a new connection.
    const first = await post(port, { text: '情報は漏れたの？' }, { worker: workers[0]!, workers });
    expect(first.status).toBe(200);
    expect(first.body.label).toBe('q1');
    const { session } = first.body;
    const served = [first.worker];
    const replies: Array<Reply<ChatBody>> = [];
    for (const [i, text] of ['それはなぜ？', 'じゃあどうすれば？', 'それはなぜ？', 'もっと詳しく', 'ありがとう'].entries()) {
      const reply = await post(port, { text, session }, { worker: workers[(i + 1) % 2]!, workers });
      replies.push(reply);
      served.push(reply.worker);
    }
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.body.session).toBe(session);
      expect(reply.body.sessionRenewed).toBeUndefined();
    }
    // 「それはなぜ？」 alone falls back; right after q1 (asked of the other worker) it is read
    // as q2: the context travelled from one worker to the other.
    expect(replies[0]!.body.label).toBe('q2');
    // Both workers answered this conversation, taking turns.
    expect(served).toEqual([workers[0], workers[1], workers[0], workers[1], workers[0], workers[1]]);
  });
});

describe('restarts and start-up', () => {
  it('keeps a conversation across a restart: SIGTERM exits 0, a new server on the same DATA_DIR continues it', async () => {
    const dataDir = tempDir();
    const before = launch(dataDir);
    const port = await listening(before);
    const first = await post(port, { text: '情報は漏れたの？' });
    expect(first.body.label).toBe('q1');

    expect(await stop(before)).toEqual({ code: 0, signal: null });
    // Said once over the server's whole life; no worker left behind.
    expect(before.stdout.split('\n').filter((line) => LISTENING.test(line))).toEqual([expect.stringMatching(/, 2 workers$/)]);
    expect(processesOf(dataDir)).toEqual([]);

    const after = launch(dataDir);
    const newPort = await listening(after);
    const workers = childrenOf(after.pid);
    expect(workers).toHaveLength(2);
    const served: Array<number | undefined> = [];
    // One message to each of the new server's workers.
    for (const [i, text] of ['それはなぜ？', 'じゃあどうすれば？'].entries()) {
      const reply = await post(newPort, { text, session: first.body.session }, { worker: workers[i]!, workers });
      expect(reply.status).toBe(200);
      expect(reply.body.session).toBe(first.body.session);
      expect(reply.body.sessionRenewed).toBeUndefined();
      if (text === 'それはなぜ？') expect(reply.body.label).toBe('q2');
      served.push(reply.worker);
    }
    expect(served).toEqual(workers);
    expect(await stop(after)).toEqual({ code: 0, signal: null });
  });

  it('stops with one line and exit 1 for an invalid config, leaving no process behind', async () => {
    const dataDir = tempDir();
    const config = path.join(tempDir(), 'bad.yaml');
    fs.writeFileSync(config, 'server: 5\n');
    const server = launch(dataDir, { BOT_CONFIG: config });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^kenpo-faq: cannot start: .*bad\.yaml: .*field "server"/)]);
    expect(server.stdout).not.toMatch(LISTENING);
    expect(processesOf(dataDir)).toEqual([]);
  });

  it('stops with exit 1 when the workers cannot start (DATA_DIR is a file), leaving no worker behind', async () => {
    const notADirectory = path.join(tempDir(), 'not-a-directory');
    fs.writeFileSync(notADirectory, '');
    const server = launch(notADirectory);
    const { code } = await server.exited;
    expect(code).toBe(1);
    const lines = server.stderr.trim().split('\n');
    // Each failing worker's own reason, then the primary's: every line one clear sentence.
    expect(lines.every((line) => line.startsWith('kenpo-faq: cannot start: '))).toBe(true);
    expect(lines.some((line) => line.includes('the shared state database'))).toBe(true);
    expect(lines.at(-1)).toMatch(/a worker exited with 1 while starting/);
    expect(server.stdout).not.toMatch(LISTENING);
    expect(processesOf(notADirectory)).toEqual([]);
  });

  it.each(['two', '0', '-1', '2.5'])('refuses WORKERS=%s with one line naming WORKERS and exit 1', async (value) => {
    const dataDir = tempDir();
    const server = launch(dataDir, { WORKERS: value });
    const { code } = await server.exited;
    expect(code).toBe(1);
    expect(server.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^kenpo-faq: cannot start: WORKERS: .*"${value.replace('.', '\\.')}"`)),
    ]);
    expect(processesOf(dataDir)).toEqual([]);
  });
});

describe('the rate limit across workers', () => {
  it('counts both workers together: of 30 requests in a row, 10 pass, the rest get 429 with Retry-After', async () => {
    const server = launch(tempDir(), { RATE_LIMIT_MAX_REQUESTS: '10' });
    const port = await listening(server);
    const workers = childrenOf(server.pid);
    expect(workers).toHaveLength(2);
    // One after another, each over a new connection, to the two workers in turn.
    const replies: Array<Reply<ChatBody>> = [];
    for (let i = 0; i < 30; i++) replies.push(await post(port, { text: '情報は漏れたの？' }, { worker: workers[i % 2]!, workers }));

    // Both workers answered, alternately: a limit per worker would let up to 20 through.
    expect(replies.map((reply) => reply.worker)).toEqual(Array.from({ length: 30 }, (_, i) => workers[i % 2]));
    // Within the limit, nobody is refused: a worker's count never exceeds the true total.
    expect(replies.slice(0, 10).map((reply) => reply.status)).toEqual(Array(10).fill(200));
    // Exactly 10: each request reads the count of both workers, written after each reply.
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(10);
    for (const reply of replies.filter((reply) => reply.status !== 200)) {
      expect(reply.status).toBe(429);
      expect(reply.body.error?.code).toBe('RATE_LIMITED');
      expect(reply.headers['retry-after']).toMatch(/^\d+$/);
      expect(Number(reply.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(reply.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(reply.headers['ratelimit-limit']).toBe('10');
    }
    expect(await stop(server)).toEqual({ code: 0, signal: null });
  });
});

describe('SIGTERM with requests in flight', () => {
  /** Resolves once the port refuses connections: every worker has closed its listener. */
  async function refused(port: number): Promise<void> {
    for (;;) {
      const isRefused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
      });
      if (isRefused) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('lets every request a worker has begun finish (200 or 503), then the primary exits 0 and no worker remains', async () => {
    const server = launch(tempDir());
    const port = await listening(server);
    const workers = childrenOf(server.pid);
    const body = Buffer.from(JSON.stringify({ text: '情報は漏れたの？' }));

    // 20 requests at once. `Expect: 100-continue` makes each worker say when it has read the
    // request's headers: from then on the request is in flight in that worker.
    const requests = Array.from({ length: 20 }, () => {
      const request = http.request({
        host: '127.0.0.1',
        port,
        path: '/api/chat',
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': body.length, expect: '100-continue' },
      });
      const begun = new Promise<number | undefined>((resolve) =>
        request.once('continue', () => resolve(servingWorker(port, request.socket!.localPort!, workers))),
      );
      const answered = new Promise<number | string>((resolve) => {
        request.once('response', (response) => {
          response.resume();
          response.once('end', () => resolve(response.statusCode!));
        });
        request.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      request.flushHeaders();
      return { request, begun, answered };
    });
    const heldBy = await Promise.all(requests.map(({ begun }) => begun));
    // Both workers hold some of them.
    expect(new Set(heldBy.filter((pid) => pid !== undefined)).size).toBe(2);

    server.child.kill('SIGTERM');
    // Both workers are shutting down (no new connections), with the requests still open.
    await refused(port);
    for (const { request } of requests) request.end(body);

    const statuses = await Promise.all(requests.map(({ answered }) => answered));
    expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(workers.filter((pid) => fs.existsSync(`/proc/${pid}`))).toEqual([]);
    expect(processesOf(server.dataDir)).toEqual([]);
  });

  it('a burst of 20 requests with SIGTERM right behind them: each is answered (200 or 503) or refused at the connection, never left hanging; exit 0', async () => {
    const server = launch(tempDir());
    const port = await listening(server);
    const workers = childrenOf(server.pid);
    const data = Buffer.from(JSON.stringify({ text: '情報は漏れたの？' }));
    let written = 0;
    let allWritten!: () => void;
    const sent = new Promise<void>((resolve) => (allWritten = resolve));
    const outcomes = Array.from(
      { length: 20 },
      () =>
        new Promise<number | string>((resolve) => {
          const request = http.request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/chat',
              method: 'POST',
              agent: false,
              headers: { 'content-type': 'application/json', 'content-length': data.length },
            },
            (response) => {
              response.resume();
              response.once('end', () => resolve(response.statusCode!));
              response.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
            },
          );
          request.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
          request.end(data, () => {
            if (++written === 20) allWritten();
          });
        }),
    );
    await sent;
    server.child.kill('SIGTERM');

    const results = await Promise.all(outcomes);
    // A connection not yet handed to a worker when both stop listening is closed unanswered
    // (node:cluster closes the primary's queue; a single process resets its accept backlog
    // alike). Anything a worker took gets a whole response.
    expect(results.filter((result) => !(result === 200 || result === 503 || result === 'ECONNRESET' || result === 'EPIPE'))).toEqual([]);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(workers.filter((pid) => fs.existsSync(`/proc/${pid}`))).toEqual([]);
    expect(processesOf(server.dataDir)).toEqual([]);
  });
});
