import http from 'node:http';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

// GET /metrics on a real server: served only with METRICS_TOKEN and only to its bearer, counting
// turns by label, route and channel, and holding nothing a person sent, however they sent it.

const TOKEN = 'test-metrics-token-0123456789';

interface MetricsResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

/** GET /metrics, by default with the token; `null` sends no Authorization header. */
async function scrape(server: TestServer, authorization: string | null = `Bearer ${TOKEN}`): Promise<MetricsResponse> {
  const response = await fetch(`${server.url}/metrics`, { headers: authorization === null ? {} : { authorization } });
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The sum of a metric's samples whose labels include `labels` (0 when there is none). */
function sampleSum(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const found = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!found || found[1] !== name) continue;
    const present = Object.fromEntries([...(found[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    if (Object.entries(labels).every(([key, value]) => present[key] === value)) sum += Number(found[3]);
  }
  return sum;
}

describe('GET /metrics without METRICS_TOKEN', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is not served at all: 404, with or without a token', async () => {
    for (const authorization of [null, `Bearer ${TOKEN}`]) {
      const { status, text } = await scrape(server, authorization);
      expect(status).toBe(404);
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let server: TestServer;
  const chat = (text: string) => postJson<{ label: string }>(`${server.url}/api/chat`, { text });
  beforeAll(async () => {
    server = await startTestServer({ metricsToken: TOKEN });
  });
  afterAll(() => server.close());

  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'Bearer wrong-token-0123456789abcdef'],
    ['the token with one character missing', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token under another scheme', `Basic ${TOKEN}`],
    ['the bare token', TOKEN],
  ])('refuses %s with 401 and a JSON error that says what to send', async (_why, authorization) => {
    const { status, contentType, text } = await scrape(server, authorization);
    expect(status).toBe(401);
    expect(contentType).toMatch(/^application\/json/);
    expect(JSON.parse(text)).toEqual({
      error: { code: 'METRICS_UNAUTHORIZED', message: expect.any(String), message_en: expect.stringContaining('Authorization: Bearer') },
    });
  });

  it('answers the bearer of the token with the Prometheus text: the kenpo_faq_ metrics and the default ones', async () => {
    const { status, contentType, text } = await scrape(server);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'kenpo_faq_turns_total',
      'kenpo_faq_scam_warnings_total',
      'kenpo_faq_fallbacks_total',
      'kenpo_faq_turn_duration_seconds',
      'kenpo_faq_http_responses_total',
      'kenpo_faq_store_errors_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('counts a turn by its label, route and channel, and its time', async () => {
    const before = await scrape(server);
    expect((await chat('情報は漏れたの？')).body.label).toBe('q1');
    const after = await scrape(server);
    const q1 = { label: 'q1', route: 'faq', channel: 'web' };
    expect(sampleSum(after.text, 'kenpo_faq_turns_total', q1) - sampleSum(before.text, 'kenpo_faq_turns_total', q1)).toBe(1);
    const timed = (text: string) => sampleSum(text, 'kenpo_faq_turn_duration_seconds_count', { channel: 'web' });
    expect(timed(after.text) - timed(before.text)).toBe(1);
  });

  it('counts a scam warning, and a fallback, by channel', async () => {
    const before = await scrape(server);
    const warned = await postJson<{ messages: Array<{ notice?: string }> }>(`${server.url}/api/chat`, {
      text: '協会けんぽを名乗る人から電話があり口座番号を聞かれた',
    });
    expect(warned.body.messages.some((message) => message.notice === 'scam_warning')).toBe(true);
    expect((await chat('今日の夕飯のおすすめを教えて')).body.label).toBe('fallback');
    const after = await scrape(server);
    const raised = (name: string) => sampleSum(after.text, name, { channel: 'web' }) - sampleSum(before.text, name, { channel: 'web' });
    expect(raised('kenpo_faq_scam_warnings_total')).toBe(1);
    expect(raised('kenpo_faq_fallbacks_total')).toBe(1);
  });

  it('counts responses by method, route pattern and status; unknown paths as other, never the path itself', async () => {
    const before = await scrape(server);
    await fetch(`${server.url}/no/such/page-12345`);
    await postJson(`${server.url}/api/chat`, { text: '' });
    const after = await scrape(server);
    const raised = (labels: Record<string, string>) =>
      sampleSum(after.text, 'kenpo_faq_http_responses_total', labels) - sampleSum(before.text, 'kenpo_faq_http_responses_total', labels);
    expect(raised({ method: 'GET', route: 'other', status: '404' })).toBe(1);
    expect(raised({ method: 'POST', route: '/api/chat', status: '400' })).toBe(1);
    expect(raised({ method: 'GET', route: '/metrics', status: '200' })).toBe(1);
    expect(after.text).not.toContain('page-12345');
    // Every route label is one of the fixed set.
    const routes = new Set([...after.text.matchAll(/^kenpo_faq_http_responses_total\{[^}]*route="([^"]*)"/gm)].map((match) => match[1]));
    for (const route of routes)
      expect(route).toMatch(/^(\/api\/chat|\/api\/chat\/session|\/healthz|\/readyz|\/metrics|\/webhooks\/\S+|static|other)$/);
  });

  describe('holds no personal data, however it was sent', () => {
    // Canary personal data: each must never appear in /metrics, in any form.
    const PHONE = '090-1234-5678';
    const EMAIL = 'taro.yamada@example.com';
    const NAME = '山田花子';
    const MY_NUMBER = '123456789012';
    const ADDRESS = '東京都千代田区1-2-3';
    const CANARIES = [PHONE, EMAIL, NAME, MY_NUMBER, ADDRESS];
    const forbidden = [
      ...CANARIES,
      ...CANARIES.map(encodeURIComponent),
      // Digit runs, as a phone or My Number reads without its hyphens, and parts that stand alone.
      '09012345678',
      '1234-5678',
      'taro.yamada',
      'example.com',
      '山田',
      '千代田',
    ];

    /**
     * A raw request, so that the path and headers go as written; header values go as their UTF-8
     * bytes (node:http takes them as latin1 characters), as a client that sends Japanese does.
     */
    const rawRequest = (path: string, headers: Record<string, string>, body?: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(server.url);
        const bytes = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value).toString('latin1')]));
        const request = http.request(
          { host: url.hostname, port: url.port, path, method: body === undefined ? 'GET' : 'POST', headers: bytes, agent: false },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode!));
          },
        );
        request.on('error', reject);
        request.end(body);
      });

    it('in chat messages, the URL (path and query) and the headers', async () => {
      for (const text of [
        `電話番号は${PHONE}です`,
        `メールは${EMAIL}に送ってください`,
        `${NAME}と申します。情報は漏れたの？`,
        `マイナンバーは${MY_NUMBER}です`,
        `住所は${ADDRESS}です`,
        `${NAME}です。協会けんぽを名乗る人から電話があり口座番号を聞かれた。${PHONE}からでした`,
      ]) {
        expect((await chat(text)).status).toBe(200);
      }
      const headers = {
        'user-agent': `canary ${NAME} ${PHONE}`,
        'x-forwarded-for': '203.0.113.77',
        referer: `https://example.jp/?mail=${EMAIL}`,
        cookie: `name=${encodeURIComponent(NAME)}; tel=${PHONE}`,
        'x-my-number': MY_NUMBER,
        'accept-language': 'ja',
      };
      const query = `?tel=${PHONE}&mail=${encodeURIComponent(EMAIL)}&name=${encodeURIComponent(NAME)}&mn=${MY_NUMBER}&addr=${encodeURIComponent(ADDRESS)}`;
      const chatBody = JSON.stringify({ text: `連絡先は${PHONE}、${EMAIL}` });
      const json = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(chatBody)) };
      expect(await rawRequest(`/api/chat${query}`, { ...headers, ...json }, chatBody)).toBe(200);
      expect(await rawRequest(`/${encodeURIComponent(ADDRESS)}/${EMAIL}/${PHONE}${query}`, headers)).toBe(404);
      expect(await rawRequest(`/${MY_NUMBER}`, headers)).toBe(404);
      expect(await rawRequest(`/metrics${query}`, { ...headers, authorization: `Bearer ${PHONE}${MY_NUMBER}` })).toBe(401);
      expect(await rawRequest(`/metrics/${PHONE}`, { ...headers, authorization: `Bearer ${TOKEN}` })).toBe(404);
      expect(await rawRequest(`/index.html${query}`, headers)).toBe(200);

      const { status, text } = await scrape(server);
      expect(status).toBe(200);
      // The turns were counted: the scrape is of a server that saw them.
      expect(sampleSum(text, 'kenpo_faq_turns_total', { channel: 'web' })).toBeGreaterThanOrEqual(7);
      for (const canary of forbidden) expect(text).not.toContain(canary);
      expect(text).not.toContain('203.0.113.77');
      // Nor any run of four or more digits in a label value (the histogram's bucket bounds aside).
      const values = [...text.matchAll(/(\w+)="([^"]*)"/g)].filter((match) => match[1] !== 'le').map((match) => match[2]);
      expect(values.filter((value) => /\d{4,}/.test(value!))).toEqual([]);
    });
  });
});
