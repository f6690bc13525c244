import type { SharedState } from '../../src/state/shared-state';
import { addressKey } from '../../src/server/rate-limit';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../src/core/engine';
import { loadConfig } from '../../src/data/load-config';
import type { BotConfig } from '../../src/data/schemas';
import { PROJECT_ROOT } from '../../src/paths';
import { createApp } from '../../src/server/app';
import { startServer } from '../../src/server/start';
import { LOG_FILE_NAME, readConversationLog } from '../../src/state/conversation-log';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

const baseConfig = loadConfig({});
const withServer = (server: Partial<BotConfig['server']>): BotConfig => ({ ...baseConfig, server: { ...baseConfig.server, ...server } });

describe('health and readiness', () => {
  it('answers /healthz at once and /readyz only once the engine is loaded', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ready-'));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The real engine, held back until the test has seen the starting state.
    const server = await startServer({
      port: 0,
      dataDir,
      logDestination: { write: () => undefined },
      loadEngine: async (options) => {
        await released;
        return createEngine(options);
      },
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const early = await fetch(`${server.url}/readyz`);
      expect(early.status).toBe(503);
      expect(await early.json()).toEqual({ status: 'starting' });
      const chat = await postJson(`${server.url}/api/chat`, { text: 'こんにちは' });
      expect(chat.status).toBe(503);
      release();
      await server.ready;
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('warms up before it says ready, on scratch stores it deletes: no session, log entry or rate count of its own is kept', async () => {
    const scratchFolders = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('kenpo-warm-up-'));
    const server = await startTestServer({ warmUp: { budgetMs: 500 } });
    try {
      const warmed = server.logLines
        .map((line) => JSON.parse(line) as { event?: string; requests?: number })
        .find((line) => line.event === 'warmed_up');
      expect(warmed?.requests).toBeGreaterThan(20);
      const bot = server.bot()!;
      expect((bot.state as SharedState).sessions.size).toBe(0);
      expect(readConversationLog(path.join(server.dataDir, LOG_FILE_NAME), 0, Date.now() + 1)).toEqual([]);
      // Its requests came from this address; none of them counts against it.
      const chat = await postJson(`${server.url}/api/chat`, { text: 'こんにちは' });
      expect(chat.status).toBe(200);
      expect(server.logLines.filter((line) => line.includes('"event":"turn"'))).toHaveLength(1);
    } finally {
      await server.close();
    }
    expect(scratchFolders().filter((name) => fs.statSync(path.join(os.tmpdir(), name)).mtimeMs > Date.now() - 60_000)).toEqual([]);
  });
});

describe('limits and headers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      config: withServer({
        allowedOrigins: ['https://www.example.jp'],
        rateLimit: { maxRequests: 5, perSessionMaxRequests: 20, windowSeconds: 60 },
      }),
    });
  });
  afterAll(() => server.close());

  it('sends security headers and a CSP without inline code', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'self' https://www.example.jp");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect((await fetch(`${server.url}/widget.js`)).headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('lets the allowed site call the API, and refuses others', async () => {
    const preflight = await fetch(`${server.url}/api/chat`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.example.jp', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.example.jp');
    const refused = await postJson<{ error: { code: string } }>(
      `${server.url}/api/chat`,
      { text: 'こんにちは' },
      { origin: 'https://evil.example' },
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
  });

  it('limits requests per client with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let request = 0; request < 8; request++) {
      const response = await fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"text":"こんにちは"}',
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('sends Permissions-Policy, and no Strict-Transport-Security without a proxy in front', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.headers.get('permissions-policy')).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('refuses huge headers with 431', async () => {
    const response = await new Promise<string>((resolve, reject) => {
      const url = new URL(server.url);
      const socket = net.connect(Number(url.port), url.hostname, () =>
        socket.end(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(response).toMatch(/^HTTP\/1\.1 431/);
  });
});

describe('behind one reverse proxy (trustProxy: 1)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      config: withServer({ trustProxy: 1, rateLimit: { maxRequests: 2, perSessionMaxRequests: 20, windowSeconds: 60 } }),
    });
  });
  afterAll(() => server.close());

  it('limits by the address the proxy saw, whatever the client wrote in X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let request = 0; request < 5; request++) {
      // The client forges a different first hop each time; the proxy appends the real address.
      const response = await postJson(
        `${server.url}/api/chat`,
        { text: 'こんにちは' },
        { 'x-forwarded-for': `10.0.0.${request}, 203.0.113.9` },
      );
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(3);
  });

  it('treats the https page the proxy serves as its own origin', async () => {
    const host = 'bot.example.jp';
    const response = await postJson(
      `${server.url}/api/chat`,
      { text: 'こんにちは' },
      { origin: `https://${host}`, 'x-forwarded-proto': 'https', 'x-forwarded-host': host, host, 'x-forwarded-for': '198.51.100.7' },
    );
    expect(response.status).toBe(200);
  });
});

describe('limits per conversation and per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      config: withServer({ rateLimit: { maxRequests: 100, perSessionMaxRequests: 3, windowSeconds: 60 } }),
    });
  });
  afterAll(() => server.close());

  it('limits one conversation to a few messages a minute, without limiting the others from the same address', async () => {
    const first = await postJson<{ session: string }>(`${server.url}/api/chat`, { text: 'こんにちは' });
    const statuses: number[] = [];
    for (let request = 0; request < 5; request++)
      statuses.push((await postJson(`${server.url}/api/chat`, { text: '情報は漏れたの？', session: first.body.session })).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    // Someone else behind the same address (a carrier's shared NAT) is not held back.
    expect((await postJson(`${server.url}/api/chat`, { text: '対策は？' })).status).toBe(200);
  });
});

describe('an IPv6 client', () => {
  it.each([
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::9', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['203.0.113.9', '203.0.113.9'],
  ])('counts %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('behind a TLS-ending proxy', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: withServer({ trustProxy: 1 }) });
  });
  afterAll(() => server.close());

  it('sends Strict-Transport-Security by default', async () => {
    expect((await fetch(`${server.url}/healthz`)).headers.get('strict-transport-security')).toMatch(/max-age=15552000/);
  });

  it('can be told not to (HSTS=0)', () => {
    expect(loadConfig({ TRUST_PROXY: '1', HSTS: '0' }).server.hsts).toBe(false);
    expect(() => loadConfig({ HSTS: 'yes' })).toThrow(/HSTS.*expected 1/);
  });
});

describe('a client that sends its request slowly', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: withServer({ requestTimeoutSeconds: 2 }) });
  });
  afterAll(() => server.close());

  it('is cut off within a second or two of the request timeout', async () => {
    const url = new URL(server.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        socket.write('POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"te');
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    const took = Date.now() - started;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Without a checking interval Node would notice only after up to 30 s; the bound is loose on purpose.
    expect(took).toBeLessThan(8000);
  });
});

describe('a setting in the environment', () => {
  it('refuses TRUST_PROXY=true, which would believe any forwarded address', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*number of reverse proxies/);
    expect(loadConfig({ TRUST_PROXY: '1' }).server.trustProxy).toBe(1);
  });
});

describe('one request’s failure', () => {
  it('does not affect the others, and leaks no internals', async () => {
    const real = await startTestServer();
    const bot = real.bot()!;
    // Fault injection: the same bot, with a hub that fails for one message.
    const faultyBot = {
      ...bot,
      hub: {
        ...bot.hub,
        handle: (turn: Parameters<typeof bot.hub.handle>[0]) =>
          turn.text === 'boom' ? Promise.reject(new Error('secret internal detail at /srv/app.js:42')) : bot.hub.handle(turn),
      },
    };
    const app = createApp({
      lifecycle: { bot: () => faultyBot, shuttingDown: () => false },
      server: baseConfig.server,
      logError: () => undefined,
      rateWindows: bot.state.rateWindows,
    });
    const faulty = http.createServer(app);
    await new Promise<void>((resolve) => faulty.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(faulty.address() as AddressInfo).port}/api/chat`;
    try {
      const results = await Promise.all([
        postJson(url, { text: '情報は漏れたの？' }),
        postJson(url, { text: 'boom' }),
        postJson(url, { text: '保険証の偽造は？' }),
      ]);
      expect(results.map((result) => result.status)).toEqual([200, 500, 200]);
      expect(JSON.stringify(results[1]!.body)).not.toMatch(/secret|\/srv|\.js:\d+/);
      expect((await postJson(url, { text: 'こんにちは' })).status).toBe(200);
    } finally {
      await new Promise((resolve) => faulty.close(resolve));
      await real.close();
    }
  });
});

describe('when the shared state cannot be written', () => {
  it('says so on /readyz and refuses chats politely once it has failed for a while', async () => {
    const real = await startTestServer();
    const bot = real.bot()!;
    // Fault injection: the same bot, whose state database has refused writes for 6 seconds.
    const stuckBot = { ...bot, state: Object.assign(Object.create(bot.state) as typeof bot.state, { failingForMs: () => 6000 }) };
    const app = createApp({
      lifecycle: { bot: () => stuckBot, shuttingDown: () => false },
      server: baseConfig.server,
      logError: () => undefined,
      rateWindows: bot.state.rateWindows,
    });
    const stuck = http.createServer(app);
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(stuck.address() as AddressInfo).port}`;
    try {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'state_unavailable' });
      const chat = await postJson<{ error: { code: string; message: string } }>(`${base}/api/chat`, { text: '情報は漏れたの？' });
      expect(chat.status).toBe(503);
      expect(chat.body.error.code).toBe('STATE_UNAVAILABLE');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => stuck.close(resolve));
      await real.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('turns readiness off, lets an in-flight request finish, then stops accepting', async () => {
    const server = await startTestServer();
    const url = new URL(server.url);
    const body = Buffer.from(JSON.stringify({ text: '情報は漏れたの？' }));
    // An in-flight request: headers and half the body sent before shutdown begins.
    const socket = net.connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/chat HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body.subarray(0, 10));
    let response = '';
    socket.on('data', (chunk) => (response += chunk.toString('utf8')));
    const socketClosed = new Promise((resolve) => socket.once('close', resolve));
    const closed = server.close();
    // New connections are refused at once.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    socket.end(body.subarray(10));
    await Promise.all([closed, socketClosed]);
    expect(response).toMatch(/^HTTP\/1\.1 (200|503)/);
    // The server said it would close the connection, rather than keep it alive to time out.
    expect(response.toLowerCase()).toContain('connection: close');
  });
});

describe('start-up failures', () => {
  const MAIN = path.join(PROJECT_ROOT, 'dist', 'server', 'main.js');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [MAIN], { env: { ...process.env, PORT: '0', ...env }, encoding: 'utf8', timeout: 30_000 });

  it('stops with one clear line for an invalid config', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'bad.yaml');
    fs.writeFileSync(file, 'officialFaq: {asOf: "2026-11-25"}\ncallCenter: {name: x}\n');
    const result = run({ BOT_CONFIG: file });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^kenpo-faq: cannot start: .*bad\.yaml: field "callCenter\.phone"/);
  });

  it('stops with one clear line for a bad setting in the environment', () => {
    const result = run({ ALLOWED_ORIGINS: 'www.example.jp/path' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^kenpo-faq: cannot start: ALLOWED_ORIGINS: "www\.example\.jp\/path" is not an origin/);
  });
});
