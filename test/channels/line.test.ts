import { createHmac } from 'node:crypto';
import { lineWebhook } from '../../src/channels/line/line-webhook';
import { type FakeApi, settle, startFakeApi } from '../helpers/fake-api';
import { startTestServer, type TestServer } from '../helpers/server';

const SECRET = 'line-channel-secret-for-tests';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');

interface LineMessage {
  type: string;
  text: string;
  quickReply?: { items: Array<{ action: { label: string; data: string } }> };
}

describe('the LINE channel', () => {
  let server: TestServer;
  let line: FakeApi;
  let delivery = 0;

  beforeAll(async () => {
    line = await startFakeApi();
    server = await startTestServer({
      channels: (bot, logger) => [lineWebhook({ config: { channelSecret: SECRET, channelAccessToken: 'test-access-token', apiBaseUrl: line.url }, bot, logger })],
    });
  });
  afterAll(async () => {
    await server.close();
    await line.close();
  });
  beforeEach(() => {
    line.calls.length = 0;
  });

  function event(overrides: Record<string, unknown>): Record<string, unknown> {
    delivery++;
    return {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      webhookEventId: `01TESTEVENT${delivery}`,
      deliveryContext: { isRedelivery: false },
      replyToken: `reply-token-${delivery}`,
      source: { type: 'user', userId: 'U0123456789abcdef0123456789abcdef' },
      ...overrides,
    };
  }

  async function deliver(events: Array<Record<string, unknown>>, signature?: string | null): Promise<Response> {
    const body = JSON.stringify({ destination: 'Uxxxxxxxx', events });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['x-line-signature'] = signature ?? sign(body);
    return fetch(`${server.url}/webhooks/line`, { method: 'POST', headers, body });
  }

  const replies = async (count = 1) => (await line.waitForCalls(count)).map((call) => JSON.parse(call.body) as { replyToken: string; messages: LineMessage[] });

  it('answers a question with the official text in one replyMessage', async () => {
    const response = await deliver([event({ message: { type: 'text', id: '1', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
    expect(response.status).toBe(200);
    const [reply] = await replies();
    expect(line.calls[0]!.path).toBe('/v2/bot/message/reply');
    expect(line.calls[0]!.headers.authorization).toBe('Bearer test-access-token');
    expect(reply!.messages.length).toBeLessThanOrEqual(5);
    expect(reply!.messages[0]!.text).toContain('協会加入者の個人情報の漏えいは確認されていません');
  });

  it('puts the scam warning first, with the flow’s choices as quick replies within LINE’s limits', async () => {
    await deliver([event({ message: { type: 'text', id: '2', text: '協会けんぽを名乗る電話がありました', quoteToken: 'q' } })]);
    const [reply] = await replies();
    expect(reply!.messages[0]!.text.startsWith('【ご注意ください】')).toBe(true);
    const items = reply!.messages.at(-1)!.quickReply!.items;
    expect(items.length).toBeLessThanOrEqual(13);
    for (const item of items) expect(item.action.label.length).toBeLessThanOrEqual(20);
    expect(items.map((item) => item.action.data)).toContain('flow:scam_call:paid');
  });

  it('answers a pressed quick reply (postback)', async () => {
    await deliver([event({ type: 'postback', postback: { data: 'intent:q6' } })]);
    const [reply] = await replies();
    expect(reply!.messages[0]!.text).toContain('偽造防止');
  });

  it('greets a new friend with the menu', async () => {
    await deliver([event({ type: 'follow', follow: { isUnblocked: false } })]);
    const [reply] = await replies();
    expect(reply!.messages[0]!.quickReply?.items ?? reply!.messages.at(-1)!.quickReply!.items).toHaveLength(11);
  });

  it('answers a sticker with a short polite text', async () => {
    await deliver([event({ message: { type: 'sticker', id: '3', packageId: '1', stickerId: '1', stickerResourceType: 'STATIC', quoteToken: 'q' } })]);
    const [reply] = await replies();
    expect(reply!.messages[0]!.text).toContain('文字のメッセージ');
  });

  it('answers a redelivered event only once', async () => {
    const first = event({ message: { type: 'text', id: '4', text: '保険証の偽造は大丈夫？', quoteToken: 'q' } });
    await deliver([first]);
    await replies(1);
    await deliver([{ ...first, deliveryContext: { isRedelivery: true } }]);
    await settle();
    expect(line.calls).toHaveLength(1);
  });

  it.each([
    ['a bad signature', 'bm90IHRoZSByaWdodCBzaWduYXR1cmU='],
    ['no signature', null],
  ])('refuses %s with 401 and sends nothing', async (_name, signature) => {
    const response = await deliver([event({ message: { type: 'text', id: '5', text: 'こんにちは', quoteToken: 'q' } })], signature);
    expect(response.status).toBe(401);
    await settle();
    expect(line.calls).toHaveLength(0);
  });

  it('refuses an oversized body before reading it whole, and sends nothing', async () => {
    const body = JSON.stringify({ events: [event({ message: { type: 'text', id: '6', text: 'あ'.repeat(200_000), quoteToken: 'q' } })] });
    const response = await fetch(`${server.url}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) }, body });
    expect(response.status).toBe(413);
    await settle();
    expect(line.calls).toHaveLength(0);
  });

  it('keeps personal data out of the log and warns the person', async () => {
    await deliver([event({ message: { type: 'text', id: '7', text: '090-1234-5678に電話ください。資格は大丈夫？', quoteToken: 'q' } })]);
    const [reply] = await replies();
    expect(reply!.messages.map((message) => message.text).join('\n')).toContain('【個人情報について】');
    expect(server.logLines.join('\n')).not.toContain('090-1234-5678');
    expect(server.logLines.join('\n')).not.toContain('U0123456789abcdef0123456789abcdef');
  });
});
