import fc from 'fast-check';
import { sessionKey } from '../../src/state/conversation-log';
import { createHmac } from 'node:crypto';
import { type LineEvent, parseLineBody } from '../../src/channels/line/line-body';
import { lineTurnOf } from '../../src/channels/line/line-turn';
import { type LineChannel, lineChannel } from '../../src/channels/line/line-webhook';
import { DROP_CONNECTION, type FakeApi, FakeResponse, type RecordedCall, settle, startFakeApi } from '../helpers/fake-api';
import { startTestServer, type TestServer } from '../helpers/server';

const SECRET = 'line-channel-secret-for-tests';
const BOT_USER_ID = 'Ubot0000000000000000000000000000';
const sign = (body: string) => createHmac('sha256', SECRET).update(body).digest('base64');

interface LineMessage {
  type: string;
  text: string;
  quickReply?: { items: Array<{ action: { label: string; data: string } }> };
}

describe('the LINE channel', () => {
  let server: TestServer;
  let line: FakeApi;
  let channel: LineChannel;
  let delivery = 0;
  // What the fake LINE API answers, and whether the server says it is shutting down: per test.
  const okAnswer = (_call: RecordedCall): unknown => ({});
  let answerLine = okAnswer;
  let shuttingDown = false;

  beforeAll(async () => {
    line = await startFakeApi((call) => answerLine(call));
    server = await startTestServer({
      channels: (bot, logger) => {
        channel = lineChannel({
          config: { channelSecret: SECRET, channelAccessToken: 'test-access-token', apiBaseUrl: line.url },
          bot,
          logger,
          shuttingDown: () => shuttingDown,
        });
        return [channel];
      },
    });
  });
  afterAll(async () => {
    await channel.drain(5000);
    await server.close();
    await line.close();
  });
  beforeEach(() => {
    line.calls.length = 0;
    answerLine = okAnswer;
    shuttingDown = false;
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

  async function deliver(events: unknown, signature?: string | null): Promise<Response> {
    return deliverBody({ destination: BOT_USER_ID, events }, signature);
  }

  async function deliverBody(content: unknown, signature?: string | null): Promise<Response> {
    const body = JSON.stringify(content);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (signature !== null) headers['x-line-signature'] = signature ?? sign(body);
    return fetch(`${server.url}/webhooks/line`, { method: 'POST', headers, body });
  }

  const replies = async (count = 1) =>
    (await line.waitForCalls(count)).map((call) => JSON.parse(call.body) as { replyToken: string; messages: LineMessage[] });

  it('answers any correctly signed JSON with 2xx or 4xx, never 5xx (random bodies)', async () => {
    const eventLike = fc.record(
      {
        type: fc.constantFrom('message', 'postback', 'follow', 'unsend', 'join'),
        timestamp: fc.jsonValue(),
        mode: fc.jsonValue(),
        webhookEventId: fc.jsonValue(),
        deliveryContext: fc.jsonValue(),
        source: fc.jsonValue(),
        replyToken: fc.jsonValue(),
        message: fc.jsonValue(),
        postback: fc.jsonValue(),
      },
      { requiredKeys: ['type'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ destination: fc.jsonValue(), events: fc.oneof(fc.jsonValue(), fc.array(eventLike, { maxLength: 3 })) }),
        ),
        async (value) => {
          const response = await deliverBody(value ?? null);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

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
    await deliver([
      event({ message: { type: 'sticker', id: '3', packageId: '1', stickerId: '1', stickerResourceType: 'STATIC', quoteToken: 'q' } }),
    ]);
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
    const response = await fetch(`${server.url}/webhooks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': sign(body) },
      body,
    });
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

  it('deletes the conversation in words once confirmed, with what was said before a pause', async () => {
    const person = { type: 'user', userId: 'U0forget0000000000000000000000000' };
    const hub = server.bot()!.hub;
    const handle = jest.spyOn(hub, 'handle');
    const rowsOf = async (session: string) =>
      (await server.bot()!.conversationLog.between(0, Date.now() + 60_000)).filter((turn) => turn.session === sessionKey(session)).length;
    try {
      await deliver([event({ source: person, message: { type: 'text', id: 'f1', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
      await replies(1);
      const before = handle.mock.calls[0]![0].session;
      server.bot()!.sessions.delete(before); // as if it had expired after a pause
      line.calls.length = 0;
      await deliver([event({ source: person, message: { type: 'text', id: 'f2', text: 'この会話を削除して', quoteToken: 'q' } })]);
      const [asked] = await replies(1);
      expect(asked!.messages.at(-1)!.quickReply!.items.map((item) => item.action.data)).toEqual(['forget:cancel', 'forget:confirm']);
      const current = handle.mock.calls[1]![0].session;
      expect(current).not.toBe(before);
      expect(await rowsOf(before)).toBe(1);
      // The database refuses the first try: the person hears so, and nothing is lost for the second.
      const forgetSession = jest.spyOn(server.bot()!.conversationLog, 'forgetSession').mockImplementationOnce(() => {
        throw new Error('database is locked');
      });
      line.calls.length = 0;
      await deliver([event({ source: person, type: 'postback', postback: { data: 'forget:confirm' } })]);
      const [failed] = await replies(1);
      forgetSession.mockRestore();
      expect(failed!.messages[0]!.text).toContain('ただいま応答できません');
      expect(await rowsOf(before)).toBe(1);
      line.calls.length = 0;
      await deliver([event({ source: person, type: 'postback', postback: { data: 'forget:confirm' } })]);
      const [done] = await replies(1);
      expect(done!.messages[0]!.text).toContain('削除しました');
      expect(await rowsOf(before)).toBe(0);
      expect(await rowsOf(current)).toBe(0);
    } finally {
      handle.mockRestore();
    }
  });

  describe('in groups and rooms', () => {
    const group = (userId: string) => ({ type: 'group', groupId: 'Cgroup0123456789abcdef0123456789ab', userId });
    const mentionOfBot = (text: string, mention = '@けんぽFAQ') => ({
      type: 'text',
      id: `g${delivery}`,
      quoteToken: 'q',
      text,
      mention: { mentionees: [{ index: text.indexOf(mention), length: mention.length, type: 'user', isSelf: true }] },
    });

    it('says nothing to talk that is not for the bot', async () => {
      const response = await deliver([
        event({ source: group('Umember1'), message: { type: 'text', id: 'g1', text: '情報は漏れたんですか', quoteToken: 'q' } }),
        event({
          source: group('Umember1'),
          message: { type: 'sticker', id: 'g2', packageId: '1', stickerId: '1', stickerResourceType: 'STATIC', quoteToken: 'q' },
        }),
        // Someone else mentioned (not the bot), and @All: neither is a question to the bot.
        event({
          source: group('Umember1'),
          message: {
            type: 'text',
            id: 'g3',
            text: '@田中 情報は漏れたの？',
            quoteToken: 'q',
            mention: { mentionees: [{ index: 0, length: 3, type: 'user', userId: 'Utanaka' }] },
          },
        }),
        event({
          source: group('Umember1'),
          message: {
            type: 'text',
            id: 'g4',
            text: '@All 情報は漏れたの？',
            quoteToken: 'q',
            mention: { mentionees: [{ index: 0, length: 4, type: 'all' }] },
          },
        }),
        event({ type: 'join', joinDetail: undefined, source: group('Umember1') }),
      ]);
      expect(response.status).toBe(200);
      await channel.drain(5000);
      expect(line.calls).toHaveLength(0);
    });

    it('answers a mention of the bot, reading the question without the mention', async () => {
      await deliver([event({ source: group('Umember1'), message: mentionOfBot('@けんぽFAQ 情報は漏れたんですか') })]);
      const [reply] = await replies();
      expect(reply!.messages[0]!.text).toContain('協会加入者の個人情報の漏えいは確認されていません');
    });

    it('keeps each member’s conversation their own: one member’s answer cannot take another’s feedback', async () => {
      await deliver([event({ source: group('Umember2'), message: mentionOfBot('@けんぽFAQ 情報は漏れたんですか') })]);
      const [answer] = await replies(1);
      const offered = answer!.messages.at(-1)!.quickReply!.items.map((item) => item.action.data);
      expect(offered).toContain('feedback:yes');
      // Another member presses 「はい」 under that answer: it was not offered to them.
      await deliver([event({ source: group('Umember3'), type: 'postback', postback: { data: 'feedback:yes' } })]);
      // The one who asked presses it: thanks.
      await deliver([event({ source: group('Umember2'), type: 'postback', postback: { data: 'feedback:yes' } })]);
      const [, toOther, toAsker] = await replies(3);
      expect(toOther!.messages[0]!.text).not.toContain('ありがとうございました');
      expect(toAsker!.messages[0]!.text).toContain('ありがとうございました');
    });
  });

  describe('a malformed body, correctly signed', () => {
    it.each([
      ['events not an array', { destination: BOT_USER_ID, events: { type: 'message' } }, /events/],
      ['no events at all', { destination: BOT_USER_ID }, /events/],
      ['an event that is not an object', { destination: BOT_USER_ID, events: [42] }, /events\[0\]/],
      [
        'a message event without its message',
        {
          destination: BOT_USER_ID,
          events: [
            {
              type: 'message',
              mode: 'active',
              timestamp: 1,
              webhookEventId: 'E1',
              deliveryContext: { isRedelivery: false },
              replyToken: 'r',
              source: { type: 'user', userId: 'U1' },
            },
          ],
        },
        /events\[0\]\.message/,
      ],
      [
        'a text message without its text',
        {
          destination: BOT_USER_ID,
          events: [
            {
              type: 'message',
              mode: 'active',
              timestamp: 1,
              webhookEventId: 'E2',
              deliveryContext: { isRedelivery: false },
              replyToken: 'r',
              source: { type: 'user', userId: 'U1' },
              message: { type: 'text', id: '1' },
            },
          ],
        },
        /events\[0\]\.message\.text/,
      ],
      [
        'a postback without its data',
        {
          destination: BOT_USER_ID,
          events: [
            {
              type: 'postback',
              mode: 'active',
              timestamp: 1,
              webhookEventId: 'E3',
              deliveryContext: { isRedelivery: false },
              replyToken: 'r',
              source: { type: 'user', userId: 'U1' },
              postback: {},
            },
          ],
        },
        /events\[0\]\.postback\.data/,
      ],
      [
        'an event without its id',
        {
          destination: BOT_USER_ID,
          events: [{ type: 'unfollow', mode: 'active', timestamp: 1, deliveryContext: { isRedelivery: false } }],
        },
        /events\[0\]\.webhookEventId/,
      ],
    ])('%s: 400 with the reason, nothing sent, and the server keeps answering', async (_name, body, reason) => {
      const response = await deliverBody(body);
      expect(response.status).toBe(400);
      const refusal = (await response.json()) as { error: { code: string; message: string } };
      expect(refusal.error.code).toBe('BAD_BODY');
      expect(refusal.error.message).toMatch(reason);
      await channel.drain(5000);
      expect(line.calls).toHaveLength(0);
      const after = await deliver([event({ message: { type: 'text', id: 'm1', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
      expect(after.status).toBe(200);
      await replies(1);
    });

    it('accepts LINE’s verification request (no events) and events of types the bot ignores', async () => {
      expect((await deliver([])).status).toBe(200);
      expect((await deliver([event({ type: 'unsend', unsend: { messageId: '1' }, replyToken: undefined })])).status).toBe(200);
      await channel.drain(5000);
      expect(line.calls).toHaveLength(0);
    });
  });

  it('sends a reply once more when the first try failed on the network, and counts only what failed twice', async () => {
    let tries = 0;
    answerLine = () => (++tries === 1 ? DROP_CONNECTION : {});
    const before = channel.failedReplies();
    await deliver([event({ message: { type: 'text', id: 'n1', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
    await channel.drain(10_000);
    expect(tries).toBe(2);
    expect(server.logLines.some((text) => text.includes('"line_reply_retried"'))).toBe(true);
    expect(channel.failedReplies()).toBe(before);
    answerLine = () => DROP_CONNECTION;
    await deliver([event({ message: { type: 'text', id: 'n2', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
    await channel.drain(10_000);
    expect(channel.failedReplies()).toBe(before + 1);
    answerLine = okAnswer;
  });

  it('logs a failed reply and carries on (no unhandled rejection)', async () => {
    answerLine = () => new FakeResponse(500, { message: 'Internal error' });
    const response = await deliver([event({ message: { type: 'text', id: 'f1', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
    expect(response.status).toBe(200);
    await channel.drain(5000);
    expect(server.logLines.some((text) => text.includes('"line_reply_failed"'))).toBe(true);
    answerLine = okAnswer;
    await deliver([event({ message: { type: 'text', id: 'f2', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
    await replies(2);
  });

  describe('shutting down', () => {
    it('refuses new deliveries with 503 and Retry-After, so LINE redelivers them elsewhere', async () => {
      shuttingDown = true;
      const response = await deliver([event({ message: { type: 'text', id: 's1', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await channel.drain(5000);
      expect(line.calls).toHaveLength(0);
    });

    it('drain() waits for replies still in flight after LINE had its 200', async () => {
      let answered = false;
      answerLine = async () => {
        await settle(300);
        answered = true;
        return {};
      };
      const response = await deliver([event({ message: { type: 'text', id: 's2', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
      expect(response.status).toBe(200);
      expect(answered).toBe(false);
      await channel.drain(5000);
      expect(answered).toBe(true);
    });

    it('drain() gives up after its time limit and says how much it left', async () => {
      answerLine = async () => {
        await settle(1500);
        return {};
      };
      await deliver([event({ message: { type: 'text', id: 's3', text: '情報は漏れたんですか', quoteToken: 'q' } })]);
      const started = Date.now();
      await channel.drain(100);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(server.logLines.some((text) => text.includes('"line_drain_timeout"'))).toBe(true);
      await channel.drain(5000);
    });
  });
});

describe('which LINE events the bot answers (a pure function)', () => {
  const base = { timestamp: 1, mode: 'active', webhookEventId: 'E', deliveryContext: { isRedelivery: false }, replyToken: 'r' };
  const text = (value: string, mentionees: unknown[] = []) => ({
    type: 'text',
    id: '1',
    text: value,
    ...(mentionees.length ? { mention: { mentionees } } : {}),
  });
  const parsed = (event: Record<string, unknown>): LineEvent => {
    const result = parseLineBody({ events: [{ ...base, ...event }] });
    if (!result.ok) throw new Error(result.reason);
    return result.body.events[0]!;
  };
  const user = { type: 'user', userId: 'U1' };
  const group = { type: 'group', groupId: 'G1', userId: 'U1' };
  const room = { type: 'room', roomId: 'R1', userId: 'U1' };

  it.each([
    ['a text in a one-to-one chat', { type: 'message', source: user, message: text('資格は？') }, { text: '資格は？' }, ''],
    ['a sticker in a one-to-one chat', { type: 'message', source: user, message: { type: 'sticker', id: '1' } }, { notText: true }, ''],
    ['a new friend', { type: 'follow', source: user }, { payload: 'start' }, ''],
    [
      'a pressed quick reply in a group',
      { type: 'postback', source: group, postback: { data: 'intent:q6' } },
      { payload: 'intent:q6' },
      'group:G1',
    ],
    // LINE marks the bot's own mention with isSelf.
    [
      'a mention of the bot in a group',
      { type: 'message', source: group, message: text('@bot 資格は？', [{ type: 'user', index: 0, length: 4, isSelf: true }]) },
      { text: '資格は？' },
      'group:G1',
    ],
    // Older payloads lack isSelf: the bot's user id (the body's destination) says the same.
    [
      'a mention by the bot’s user id in a room',
      { type: 'message', source: room, message: text('資格は？@bot', [{ type: 'user', index: 4, length: 4, userId: 'UBOT' }]) },
      { text: '資格は？' },
      'room:R1',
    ],
    [
      'a bare mention of the bot',
      { type: 'message', source: group, message: text('@bot', [{ type: 'user', index: 0, length: 4, isSelf: true }]) },
      { payload: 'start' },
      'group:G1',
    ],
  ])('answers %s', (_name, event, ask, scope) => {
    expect(lineTurnOf(parsed(event), 'UBOT')).toEqual({ replyToken: 'r', userId: 'U1', scope, ask });
  });

  it.each([
    ['a text in a group without a mention', { type: 'message', source: group, message: text('資格は？') }],
    [
      'a text in a room mentioning someone else',
      { type: 'message', source: room, message: text('@tanaka 資格は？', [{ type: 'user', index: 0, length: 7, userId: 'Utanaka' }]) },
    ],
    ['@All in a group', { type: 'message', source: group, message: text('@All 資格は？', [{ type: 'all', index: 0, length: 4 }]) }],
    ['a sticker in a group', { type: 'message', source: group, message: { type: 'sticker', id: '1' } }],
    // Without the member's id there is no one to keep the conversation for; never the group's.
    [
      'a mention from a member LINE does not name',
      {
        type: 'message',
        source: { type: 'group', groupId: 'G1' },
        message: text('@bot 資格は？', [{ type: 'user', index: 0, length: 4, isSelf: true }]),
      },
    ],
    ['a postback that is not one of the bot’s payloads', { type: 'postback', source: user, postback: { data: 'action=buy&item=1' } }],
    ['an event without a reply token (standby mode)', { type: 'message', source: user, message: text('資格は？'), replyToken: undefined }],
  ])('ignores %s', (_name, event) => {
    expect(lineTurnOf(parsed(event), 'UBOT')).toBeUndefined();
  });
});
