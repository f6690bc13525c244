import path from 'node:path';
import { LOG_FILE_NAME, readConversationLog } from '../../src/state/conversation-log';
import { inProcessApp, type InProcessApp } from '../helpers/in-process';
import type { JsonResponse } from '../helpers/server';

/*
 * The chat API's contract, called in-process: the server's own express app, bot and stores,
 * no socket. (light-my-request re-parents express's request prototype for the whole module
 * registry, so these live in a file of their own, apart from tests of a listening server.)
 */

interface ChatBody {
  session: string;
  sessionRenewed?: boolean;
  label: string;
  messages: Array<{ kind: string; notice?: string; text: string }>;
  quickReplies: Array<{ label: string; payload: string }>;
  callCenter?: { phone: string };
  error?: { code: string; message: string; message_en: string };
}

describe('POST /api/chat (in-process)', () => {
  let app: InProcessApp;
  let chat: (body: unknown, headers?: Record<string, string>) => Promise<JsonResponse<ChatBody>>;
  beforeAll(async () => {
    app = await inProcessApp();
    chat = (body, headers) => app.request<ChatBody>('POST', '/api/chat', body, headers);
  });
  afterAll(() => app.close());

  it('answers with the official text, a new session and quick replies', async () => {
    const { status, body, headers } = await chat({ text: '情報は漏れたんですか' });
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.label).toBe('q1');
    expect(body.session).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(body.messages[0]!.text).toContain('協会加入者の個人情報の漏えいは確認されていません');
    expect(body.quickReplies.map((quick) => quick.payload)).toContain('intent:q2');
  });

  it('greets on the start payload', async () => {
    const { body } = await chat({ payload: 'start' });
    expect(body.label).toBe('smalltalk');
    expect(body.quickReplies).toHaveLength(11);
  });

  it('continues a session: a follow-up is read in its light', async () => {
    const first = await chat({ text: '情報は漏れたんですか' });
    const second = await chat({ text: 'それはなぜ？', session: first.body.session });
    expect(second.body.session).toBe(first.body.session);
    expect(second.body.label).toBe('q2');
  });

  it('never adopts a session id the client made up', async () => {
    const made = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    const { body } = await chat({ text: 'それはなぜ？', session: made });
    expect(body.session).not.toBe(made);
    expect(body.label).toBe('fallback');
  });

  it('keeps sessions apart: one client cannot continue another’s conversation without its id', async () => {
    const alice = await chat({ text: '協会けんぽを名乗る電話がありました' });
    const bob = await chat({ text: 'じゃあどうすれば？' });
    expect(bob.body.session).not.toBe(alice.body.session);
    expect(bob.body.label).toBe('fallback');
    const aliceNext = await chat({ text: 'じゃあどうすれば？', session: alice.body.session });
    expect(aliceNext.body.label).toBe('q9');
  });

  it('puts the scam warning first, marked as a notice, with the call center', async () => {
    const { body } = await chat({ text: '協会けんぽの者ですと電話があり口座番号を聞かれました' });
    expect(body.label).toBe('q9');
    expect(body.messages[0]).toMatchObject({ kind: 'notice', notice: 'scam_warning' });
    expect(body.callCenter?.phone).toBeTruthy();
  });

  it.each([
    ['missing text', 400, 'INVALID_REQUEST', {}],
    ['empty text', 400, 'INVALID_REQUEST', { text: '   ' }],
    ['text of the wrong type', 400, 'INVALID_REQUEST', { text: 42 }],
    ['text too long', 400, 'INVALID_REQUEST', { text: 'あ'.repeat(501) }],
    ['an unknown payload', 400, 'INVALID_REQUEST', { payload: 'drop table' }],
    ['an unknown field', 400, 'INVALID_REQUEST', { text: 'こんにちは', admin: true }],
    ['a session of the wrong type', 400, 'INVALID_REQUEST', { text: 'こんにちは', session: ['x'] }],
    ['an array body', 400, 'INVALID_REQUEST', []],
  ])('refuses %s with %i and a clear JSON error', async (_name, status, code, body) => {
    const response = await chat(body);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code });
    expect(response.body.error!.message).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(response.body.error!.message_en.length).toBeGreaterThan(5);
  });

  it('refuses bad JSON with 400', async () => {
    const response = await chat('{"text": "こんにちは"');
    expect(response.status).toBe(400);
    expect(response.body.error!.code).toBe('BAD_JSON');
  });

  it('refuses an oversized body with 413', async () => {
    const response = await chat(JSON.stringify({ text: 'x', pad: 'y'.repeat(20_000) }));
    expect(response.status).toBe(413);
    expect(response.body.error!.code).toBe('BODY_TOO_LARGE');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await chat('hello', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.body.error!.code).toBe('UNSUPPORTED_CONTENT_TYPE');
  });

  it('answers 404 in JSON for unknown paths, without a stack trace', async () => {
    const response = await app.request('GET', '/api/nothing');
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js:\d+/);
    expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('logs the turn masked, never as typed', async () => {
    const { body } = await chat({ text: '保険証の記号番号は12345678です。情報は漏れた？' });
    expect(body.messages.map((message) => message.notice)).toContain('privacy');
    await app.bot.conversationLog.written();
    const logged = readConversationLog(path.join(app.dataDir, LOG_FILE_NAME), 0, Date.now() + 1).map((turn) => turn.text);
    expect(logged.some((text) => text.includes('情報は漏れた'))).toBe(true);
    expect(logged.join('\n')).not.toContain('12345678');
  });
});
