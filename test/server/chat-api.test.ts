import { sessionKey } from '../../src/state/conversation-log';
import type { RunningServer } from '../../src/server/start';
import { postJson, startTestServer } from '../helpers/server';

interface ChatBody {
  session: string;
  sessionRenewed?: boolean;
  label: string;
  messages: Array<{ kind: string; notice?: string; text: string }>;
  quickReplies: Array<{ label: string; payload: string }>;
  callCenter?: { phone: string };
  error?: { code: string; message: string; message_en: string };
}

describe('POST /api/chat over a real socket', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('keeps UTF-8 intact when a character is split across TCP chunks', async () => {
    const net = await import('node:net');
    const url = new URL(server.url);
    const body = Buffer.from(JSON.stringify({ text: '保険証が偽造されないか心配です' }));
    const head = Buffer.from(
      `POST /api/chat HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    const response = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        // Split inside a three-byte character and send the halves apart.
        socket.write(Buffer.concat([head, body.subarray(0, 14)]));
        setTimeout(() => socket.end(body.subarray(14)), 50);
      });
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(response).toMatch(/"label":"q6"/);
  });
});

describe('DELETE /api/chat/session', () => {
  interface ForgetBody {
    deleted?: number;
    error?: { code: string; message: string; message_en: string };
  }
  let server: RunningServer;
  let chat: (body: unknown) => ReturnType<typeof postJson<ChatBody>>;
  let forget: (body: unknown, headers?: Record<string, string>) => ReturnType<typeof postJson<ForgetBody>>;
  beforeAll(async () => {
    server = await startTestServer();
    chat = (body) => postJson<ChatBody>(`${server.url}/api/chat`, body);
    forget = (body, headers) => postJson<ForgetBody>(`${server.url}/api/chat/session`, body, headers, 'DELETE');
  });
  afterAll(() => server.close());

  /** The conversation-log rows of one session (the log stores the session only as a hash). */
  const loggedTurns = async (session: string) =>
    (await server.bot()!.conversationLog.between(0, Date.now() + 60_000)).filter((turn) => turn.session === sessionKey(session));

  it('forgets the session and its logged turns, and says how many turns went', async () => {
    const first = await chat({ text: '情報は漏れたんですか' });
    const { session } = first.body;
    await chat({ text: 'それはなぜ？', session });
    expect(await loggedTurns(session)).toHaveLength(2);

    const { status, body, headers } = await forget({ session });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({ deleted: 2 });
    expect(await loggedTurns(session)).toEqual([]);
    expect(await server.bot()!.hub.hasSession(session)).toBe(false);

    // the forgotten id is not continued: the follow-up is read without the earlier context
    const after = await chat({ text: 'それはなぜ？', session });
    expect(after.body.session).not.toBe(session);
    expect(after.body.sessionRenewed).toBe(true);
    expect(after.body.label).toBe('fallback');
  });

  it('leaves other sessions alone', async () => {
    const alice = await chat({ text: '情報は漏れたんですか' });
    const bob = await chat({ text: '情報は漏れたんですか' });
    await forget({ session: alice.body.session });
    expect(await loggedTurns(bob.body.session)).toHaveLength(1);
    const bobNext = await chat({ text: 'それはなぜ？', session: bob.body.session });
    expect(bobNext.body.session).toBe(bob.body.session);
    expect(bobNext.body.label).toBe('q2');
  });

  // Forgetting is idempotent by design: a repeated request (a retry after a lost response) and
  // an id the server never had or has already expired both succeed with nothing deleted.
  it.each([
    ['a session deleted before', async () => (await chat({ text: '情報は漏れたんですか' })).body.session, true],
    ['a well-formed id the server never handed out', async () => 'AAAAAAAAAAAAAAAAAAAAAAAA', false],
  ])('answers 200 with deleted 0 for %s', async (_name, makeSession, deleteFirst) => {
    const session = await makeSession();
    if (deleteFirst) expect((await forget({ session })).body.deleted).toBe(1);
    const { status, body } = await forget({ session });
    expect(status).toBe(200);
    expect(body).toEqual({ deleted: 0 });
  });

  it.each([
    ['an empty object', {}],
    ['a session too short', { session: 'abc' }],
    ['a session too long', { session: 'A'.repeat(25) }],
    ['a session with characters no id has', { session: 'AAAAAAAAAAAA/AAAAAAAAAAA' }],
    ['a session of the wrong type', { session: 12345 }],
    ['an unknown field', { session: 'AAAAAAAAAAAAAAAAAAAAAAAA', all: true }],
    ['an array body', []],
  ])('refuses %s with 400 and says what to send', async (_name, body) => {
    const response = await forget(body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'INVALID_REQUEST', message: '削除する会話のセッションを指定してください。' });
    expect(response.body.error!.message_en).toContain('"session"');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await forget('{"session": ');
    expect(response.status).toBe(400);
    expect(response.body.error!.code).toBe('BAD_JSON');
  });

  it.each([
    ['without a Content-Type', {}],
    ['with Content-Type: application/json', { 'content-type': 'application/json' }],
  ])('refuses a missing body %s with 400 and says a body is needed', async (_name, headers) => {
    const response = await fetch(`${server.url}/api/chat/session`, { method: 'DELETE', headers });
    expect(response.status).toBe(400);
    const body = (await response.json()) as ForgetBody;
    expect(body.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'リクエストの本文がありません。JSONで送ってください。' });
    expect(body.error!.message_en).toContain('no body');
  });
});

describe('deleting the conversation in words', () => {
  let server: RunningServer;
  let chat: (body: unknown) => ReturnType<typeof postJson<ChatBody & { conversationDeleted?: boolean }>>;
  beforeAll(async () => {
    server = await startTestServer();
    chat = (body) => postJson<ChatBody & { conversationDeleted?: boolean }>(`${server.url}/api/chat`, body);
  });
  afterAll(() => server.close());

  const loggedTurns = async (session: string) =>
    (await server.bot()!.conversationLog.between(0, Date.now() + 60_000)).filter((turn) => turn.session === sessionKey(session));

  it('forgets the conversation when the person asks in words and confirms, as on LINE and Slack', async () => {
    const first = await chat({ text: '情報は漏れたんですか' });
    const { session } = first.body;
    expect(await loggedTurns(session)).toHaveLength(1);
    const asked = await chat({ text: 'この会話を削除してください', session });
    expect(asked.status).toBe(200);
    expect(asked.body.messages.map((message) => message.text).join('')).toContain('削除しますか');
    expect(asked.body.quickReplies).toEqual([
      { label: '削除しない', payload: 'forget:cancel' },
      { label: '削除する', payload: 'forget:confirm' },
    ]);
    // Asking deletes nothing yet.
    expect(await loggedTurns(session)).toHaveLength(2);

    const confirmed = await chat({ payload: 'forget:confirm', session });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.conversationDeleted).toBe(true);
    expect(confirmed.body.messages.map((message) => message.text).join('')).toContain('削除しました');
    // Neither the earlier turns nor the request itself are left.
    expect(await loggedTurns(session)).toEqual([]);
    expect(await server.bot()!.hub.hasSession(session)).toBe(false);
  });

  it.each(['この会話の記録は残りますか？', 'この会話を削除しないでください', '会話の履歴を消去できますか'])(
    'deletes nothing when %s is only asked about, and keeps it on 削除しない',
    async (text) => {
      const { session } = (await chat({ text: '情報は漏れたんですか' })).body;
      await chat({ text, session });
      const kept = await chat({ payload: 'forget:cancel', session });
      expect(kept.body.conversationDeleted).toBeUndefined();
      expect(kept.body.messages.map((message) => message.text).join('')).toContain('削除はしていません');
      expect((await loggedTurns(session)).length).toBeGreaterThanOrEqual(2);
      expect((await chat({ text: 'それはなぜ？', session })).body.label).toBe('q2');
    },
  );

  it('deletes only right after the question: a kept 削除する button asks again', async () => {
    const { session } = (await chat({ text: '情報は漏れたんですか' })).body;
    const pressed = await chat({ payload: 'forget:confirm', session });
    expect(pressed.body.conversationDeleted).toBeUndefined();
    expect(pressed.body.messages.map((message) => message.text).join('')).toContain('削除しますか');
    expect((await loggedTurns(session)).map((turn) => turn.intent)).toEqual(['q1', 'smalltalk.forget']);
  });

  it('keeps the session when the log cannot delete, so the person can press 削除する again', async () => {
    const { session } = (await chat({ text: '情報は漏れたんですか' })).body;
    await chat({ text: 'この会話を削除して', session });
    const log = server.bot()!.conversationLog;
    const forgetSession = jest.spyOn(log, 'forgetSession').mockImplementationOnce(() => {
      throw new Error('database is locked');
    });
    try {
      const failed = await chat({ payload: 'forget:confirm', session });
      expect(failed.status).toBe(500);
      expect(await server.bot()!.hub.hasSession(session)).toBe(true);
      const retried = await chat({ payload: 'forget:confirm', session });
      expect(retried.body.conversationDeleted).toBe(true);
      expect(await loggedTurns(session)).toEqual([]);
    } finally {
      forgetSession.mockRestore();
    }
  });

  it('does not bring back a session deleted while one of its turns waited', async () => {
    const { session } = (await chat({ text: '情報は漏れたんですか' })).body;
    const hub = server.bot()!.hub;
    const deleting = hub.forget(session);
    const late = hub.handle({ channel: 'web', session, text: 'それはなぜ？' });
    await deleting;
    await late;
    expect(await hub.hasSession(session)).toBe(false);
    expect(await loggedTurns(session)).toEqual([]);
  });

  it('waits for an answer still in progress, so that answer leaves no entry behind', async () => {
    const { session } = (await chat({ text: '情報は漏れたんですか' })).body;
    const hub = server.bot()!.hub;
    // The delete arrives while the follow-up is being answered (as from another tab).
    const answering = hub.handle({ channel: 'web', session, text: 'それはなぜ？' });
    const deleted = await hub.forget(session);
    expect((await answering).reply.label).toBe('q2');
    expect(deleted).toBe(2);
    expect(await loggedTurns(session)).toEqual([]);
    expect(await hub.hasSession(session)).toBe(false);
  });
});
