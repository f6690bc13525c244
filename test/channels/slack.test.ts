import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { type SlackChannel, slackChannel } from '../../src/channels/slack/slack-channel';
import {
  QUICK_REPLY_ACTION,
  renderReplyForSlack,
  SLACK_MAX_ACTION_ID,
  SLACK_MAX_BUTTON_VALUE,
} from '../../src/channels/slack/slack-render';
import { isAuthenticSlackRequest } from '../../src/channels/slack/slack-verify';
import type { Reply } from '../../src/core/reply';
import { type FakeApi, type RecordedCall, settle, startFakeApi } from '../helpers/fake-api';
import { startTestServer, type TestServer } from '../helpers/server';

const SECRET = 'slack-signing-secret-for-tests';
const signature = (timestamp: number, body: string) => `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;

describe('the Slack signature check (a pure function)', () => {
  const body = '{"type":"event_callback"}';
  const now = 1_800_000_000_000;
  const ts = now / 1000;
  it('accepts a fresh, correctly signed request', () => {
    expect(isAuthenticSlackRequest(body, signature(ts, body), String(ts), SECRET, now)).toBe(true);
  });
  it.each([
    ['a wrong signature', 'v0=00', String(ts)],
    ['no signature', undefined, String(ts)],
    ['no timestamp', 'v0=00', undefined],
    ['a timestamp that is not a number', 'v0=00', 'yesterday'],
  ])('refuses %s', (_name, sig, timestamp) => {
    expect(isAuthenticSlackRequest(body, sig, timestamp, SECRET, now)).toBe(false);
  });
  it('refuses a request older than five minutes, even correctly signed', () => {
    const old = ts - 301;
    expect(isAuthenticSlackRequest(body, signature(old, body), String(old), SECRET, now)).toBe(false);
  });
});

interface PostedMessage {
  channel: string;
  text: string;
  thread_ts?: string;
  blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ value?: string; text?: unknown }> }>;
}

describe('Slack buttons (rendering)', () => {
  const reply: Reply = {
    label: 'smalltalk',
    intentId: 'menu',
    messages: [{ kind: 'answer', text: '次の質問から選んでください。' }],
    quickReplies: [
      { label: '情報は漏れた？', payload: 'intent:q1' },
      { label: '長すぎる', payload: `flow:${'a'.repeat(SLACK_MAX_BUTTON_VALUE)}` },
      ...Array.from({ length: 30 }, (_, index) => ({ label: `質問${index}`, payload: 'menu' })),
    ],
  };
  const buttons = (conversation?: 'chat' | 'faq') =>
    renderReplyForSlack(reply, { conversation }).blocks.find((block) => block.type === 'actions')!.elements as Array<{
      action_id: string;
      value: string;
    }>;

  it.each(['chat', 'faq'] as const)('stay within Slack’s limits and are all recognised as quick replies (%s)', (conversation) => {
    const elements = buttons(conversation);
    expect(elements.length).toBeLessThanOrEqual(25);
    for (const element of elements) {
      expect(element.value.length).toBeLessThanOrEqual(SLACK_MAX_BUTTON_VALUE);
      expect(element.action_id.length).toBeLessThanOrEqual(SLACK_MAX_ACTION_ID);
      expect(element.action_id).toMatch(QUICK_REPLY_ACTION);
    }
    // A payload too long for a button is left out whole, never cut into another payload.
    expect(elements.filter((element) => element.value.startsWith('flow:a'))).toEqual([]);
    expect(elements[1]!.value).toBe('menu');
  });

  it('say in the action id which conversation they continue', () => {
    expect(buttons('chat')[0]!.action_id).toBe('quick_reply_0');
    expect(buttons('faq')[0]!.action_id).toBe('quick_reply_faq_0');
  });
});

describe('the Slack channel', () => {
  let server: TestServer;
  let slack: FakeApi;
  let channel: SlackChannel;
  let eventNumber = 0;
  // What the fake Slack API answers, and whether the server says it is shutting down: per test.
  const okAnswer = (_call: RecordedCall): unknown => ({ ok: true, ts: '1700000000.000100', channel: 'D123' });
  let answerSlack = okAnswer;
  let shuttingDown = false;

  beforeAll(async () => {
    slack = await startFakeApi((call) => answerSlack(call));
    server = await startTestServer({
      channels: (bot, logger) => {
        channel = slackChannel({
          config: { botToken: 'xoxb-test-token', signingSecret: SECRET, apiUrl: `${slack.url}/api/` },
          bot,
          logger,
          shuttingDown: () => shuttingDown,
        });
        return [channel];
      },
    });
  });
  afterAll(async () => {
    await channel.stop(5000);
    await server.close();
    await slack.close();
  });
  beforeEach(() => {
    slack.calls.length = 0;
    answerSlack = okAnswer;
    shuttingDown = false;
  });

  async function send(body: string, contentType: string, headers: Record<string, string> = {}, timestamp = Math.floor(Date.now() / 1000)) {
    return fetch(`${server.url}/webhooks/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature(timestamp, body),
        ...headers,
      },
      body,
    });
  }

  function eventBody(event: Record<string, unknown>, eventId = `Ev${++eventNumber}`): string {
    return JSON.stringify({ type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: 1, event });
  }

  // Bolt also calls auth.test once to learn its own ids; only chat.postMessage is a message sent.
  const sent = () => slack.calls.filter((call) => call.path === '/api/chat.postMessage');
  async function waitForSent(count: number) {
    const deadline = Date.now() + 5000;
    while (sent().length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages posted, got ${sent().length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return sent();
  }

  const posted = async (count = 1) =>
    (await waitForSent(count)).map((call) => {
      const form = new URLSearchParams(call.body);
      const raw = form.has('channel') ? Object.fromEntries(form) : (JSON.parse(call.body) as Record<string, unknown>);
      return { ...raw, blocks: typeof raw.blocks === 'string' ? JSON.parse(raw.blocks) : raw.blocks } as PostedMessage;
    });

  it('answers the URL verification challenge', async () => {
    const response = await send(JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), 'application/json');
    expect(await response.json()).toEqual({ challenge: 'abc123' });
  });

  it('answers a direct message with the official text', async () => {
    const response = await send(
      eventBody({ type: 'message', channel_type: 'im', channel: 'D123', user: 'U1', text: '保険証が偽造されないか心配', ts: '1.1' }),
      'application/json',
    );
    expect(response.status).toBe(200);
    const [message] = await posted();
    expect(message!.channel).toBe('D123');
    expect(message!.text).toContain('偽造防止');
  });

  it('answers a mention in its thread, without the mention', async () => {
    await send(
      eventBody({ type: 'app_mention', channel: 'C1', user: 'U2', text: '<@UBOT> 情報は漏れたの？', ts: '2.2' }),
      'application/json',
    );
    const [message] = await posted();
    expect(message!.thread_ts).toBe('2.2');
    expect(message!.text).toContain('漏えいは確認されていません');
  });

  it('puts the scam warning first, with buttons for the flow', async () => {
    await send(
      eventBody({ type: 'message', channel_type: 'im', channel: 'D123', user: 'U3', text: '協会けんぽを名乗るSMSが届いた', ts: '3.3' }),
      'application/json',
    );
    const [message] = await posted();
    expect(message!.blocks[0]!.text!.text).toMatch(/^:warning: \*ご注意ください\*/);
    const buttons = message!.blocks.find((block) => block.type === 'actions')!.elements!.map((element) => element.value);
    expect(buttons).toContain('flow:scam_call:told_info');
  });

  it('answers a pressed button', async () => {
    const payload = JSON.stringify({
      type: 'block_actions',
      user: { id: 'U3' },
      channel: { id: 'D123' },
      team: { id: 'T1' },
      api_app_id: 'A1',
      token: 't',
      trigger_id: 'x',
      actions: [{ type: 'button', action_id: 'quick_reply_1', block_id: 'b', value: 'flow:scam_call:paid', action_ts: '1' }],
      container: { type: 'message' },
    });
    const response = await send(`payload=${encodeURIComponent(payload)}`, 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    const [message] = await posted();
    expect(message!.text).toContain('金融機関');
  });

  it('answers /faq with the reply and the staff view', async () => {
    const body = new URLSearchParams({
      command: '/faq',
      text: 'それって詐欺の電話？',
      user_id: 'U4',
      user_name: 'staff',
      channel_id: 'C1',
      team_id: 'T1',
      response_url: `${slack.url}/respond`,
      trigger_id: 'x',
      api_app_id: 'A1',
      token: 't',
    }).toString();
    const response = await send(body, 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      response_type: string;
      blocks: Array<{ type: string; elements?: Array<{ text: string }> }>;
    };
    expect(answer.response_type).toBe('ephemeral');
    const staffView = answer.blocks.at(-1)!.elements![0]!.text;
    expect(staffView).toMatch(/safety → flow:scam_call .*score \d+ .*runner-up .*words .*scam/);
  });

  it('answers a retried event once', async () => {
    const body = eventBody(
      { type: 'message', channel_type: 'im', channel: 'D123', user: 'U5', text: '資格は大丈夫？', ts: '5.5' },
      'EvRETRY',
    );
    await send(body, 'application/json');
    await posted(1);
    const retry = await send(body, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    expect(retry.status).toBe(200);
    await settle();
    expect(sent()).toHaveLength(1);
  });

  it.each([
    ['a bad signature', { 'x-slack-signature': 'v0=deadbeef' }, undefined],
    ['a stale request (replayed after six minutes)', {}, Math.floor(Date.now() / 1000) - 360],
  ])('refuses %s with 401 and sends nothing', async (_name, headers, timestamp) => {
    const response = await send(
      eventBody({ type: 'message', channel_type: 'im', channel: 'D123', user: 'U6', text: 'こんにちは', ts: '6.6' }),
      'application/json',
      headers,
      timestamp,
    );
    expect(response.status).toBe(401);
    await settle();
    expect(sent()).toHaveLength(0);
  });

  it.each([
    ['null', 'null', /body: expected an object/],
    ['an event of null', JSON.stringify({ type: 'event_callback', event_id: 'Ev-null', event: null }), /event:/],
    ['an event with no type', JSON.stringify({ type: 'event_callback', event_id: 'Ev-no-type', event: { user: 'U1' } }), /event\.type/],
    ['a button press with no user', JSON.stringify({ type: 'block_actions', actions: [] }), /user/],
    ['an array', '[1,2]', /body: expected an object/],
  ])(
    'refuses a correctly signed body of the wrong shape (%s) with 400 naming the field, and sends nothing',
    async (_name, body, reason) => {
      const response = await send(body, 'application/json');
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('BAD_BODY');
      expect(error.message).toMatch(reason);
      await settle();
      expect(sent()).toHaveLength(0);
    },
  );

  it('answers any correctly signed JSON with 2xx or 4xx, never 5xx (random bodies)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record(
            {
              type: fc.constantFrom('event_callback', 'block_actions', 'url_verification', 'view_submission'),
              event: fc.jsonValue(),
              event_id: fc.jsonValue(),
              user: fc.jsonValue(),
              actions: fc.jsonValue(),
            },
            { requiredKeys: ['type'] },
          ),
        ),
        async (value) => {
          const response = await send(JSON.stringify(value) ?? 'null', 'application/json');
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses an oversized body with 413 and sends nothing', async () => {
    const response = await send(
      eventBody({ type: 'message', channel_type: 'im', channel: 'D123', user: 'U7', text: 'あ'.repeat(100_000), ts: '7.7' }),
      'application/json',
    );
    expect(response.status).toBe(413);
    await settle();
    expect(sent()).toHaveLength(0);
  });

  it('ignores the bot’s own messages', async () => {
    await send(
      eventBody({ type: 'message', channel_type: 'im', channel: 'D123', bot_id: 'B1', user: 'UBOT', text: '情報は漏れたの？', ts: '8.8' }),
      'application/json',
    );
    await settle();
    expect(sent()).toHaveLength(0);
  });

  describe('a pressed button', () => {
    function press(fields: Record<string, unknown>, actionId: string, value: string) {
      const payload = JSON.stringify({
        type: 'block_actions',
        user: { id: 'U10' },
        team: { id: 'T1' },
        api_app_id: 'A1',
        token: 't',
        trigger_id: 'x',
        response_url: `${slack.url}/respond/T1/1/abc`,
        actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
        ...fields,
      });
      return send(`payload=${encodeURIComponent(payload)}`, 'application/x-www-form-urlencoded');
    }
    const responded = () => slack.calls.filter((call) => call.path.startsWith('/respond/'));

    async function faqTest(userId: string, text: string) {
      const body = new URLSearchParams({
        command: '/faq',
        text,
        user_id: userId,
        user_name: 'staff',
        channel_id: 'C1',
        team_id: 'T1',
        response_url: `${slack.url}/respond/T1/0/abc`,
        trigger_id: 'x',
        api_app_id: 'A1',
        token: 't',
      }).toString();
      const response = await send(body, 'application/x-www-form-urlencoded');
      return (await response.json()) as { blocks: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }> };
    }

    it('under an ephemeral /faq reply answers ephemerally through the response URL, never in the channel', async () => {
      const response = await press(
        { channel: { id: 'C1', name: 'staff' }, container: { type: 'message', message_ts: '9.9', channel_id: 'C1', is_ephemeral: true } },
        'quick_reply_faq_0',
        'intent:q6',
      );
      expect(response.status).toBe(200);
      await channel.drain(5000);
      expect(sent()).toHaveLength(0);
      expect(responded()).toHaveLength(1);
      const answer = JSON.parse(responded()[0]!.body) as { response_type: string; replace_original: boolean; text: string };
      expect(answer.response_type).toBe('ephemeral');
      expect(answer.replace_original).toBe(false);
      expect(answer.text).toContain('偽造防止');
    });

    it('continues the /faq test it came from (its feedback lands there, not on the staff member’s chat)', async () => {
      const reply = await faqTest('U11', '情報は漏れたんですか');
      const buttons = reply.blocks.find((block) => block.type === 'actions')!.elements!;
      const yes = buttons.find((button) => button.value === 'feedback:yes')!;
      expect(yes.action_id).toMatch(/^quick_reply_faq_\d+$/);
      await press(
        {
          user: { id: 'U11' },
          channel: { id: 'C1' },
          container: { type: 'message', message_ts: '9.9', channel_id: 'C1', is_ephemeral: true },
        },
        yes.action_id,
        yes.value,
      );
      await channel.drain(5000);
      const answer = JSON.parse(responded()[0]!.body) as {
        text: string;
        blocks: Array<{ type: string; elements?: Array<{ text?: string }> }>;
      };
      // Thanks only come when the same conversation offered the question; the chat never did.
      expect(answer.text).toContain('ありがとうございました');
      // A /faq test stays a staff view all the way.
      expect(answer.blocks.at(-1)!.elements![0]!.text).toMatch(/payload → feedback\.yes/);
    });

    it('of the chat does not take feedback offered in a /faq test', async () => {
      const reply = await faqTest('U12', '情報は漏れたんですか');
      expect(reply.blocks.find((block) => block.type === 'actions')!.elements!.map((button) => button.value)).toContain('feedback:yes');
      await press(
        { user: { id: 'U12' }, channel: { id: 'D12' }, container: { type: 'message', message_ts: '9.9', channel_id: 'D12' } },
        'quick_reply_0',
        'feedback:yes',
      );
      const [message] = await posted();
      expect(message!.text).not.toContain('ありがとうございました');
    });

    it('under a reply in a thread answers in that thread', async () => {
      await press(
        {
          channel: { id: 'C1' },
          container: { type: 'message', message_ts: '2.3', channel_id: 'C1', thread_ts: '2.2' },
          message: { type: 'message', ts: '2.3', thread_ts: '2.2', text: '…' },
        },
        'quick_reply_0',
        'intent:q6',
      );
      const [message] = await posted();
      expect(message!.channel).toBe('C1');
      expect(message!.thread_ts).toBe('2.2');
    });

    it('in a direct message answers there, outside any thread', async () => {
      await press(
        {
          channel: { id: 'D10' },
          container: { type: 'message', message_ts: '3.3', channel_id: 'D10' },
          message: { type: 'message', ts: '3.3', text: '…' },
        },
        'quick_reply_0',
        'intent:q6',
      );
      const [message] = await posted();
      expect(message!.channel).toBe('D10');
      expect(message!.thread_ts).toBeUndefined();
    });
  });

  describe('shutting down', () => {
    it('refuses new requests with 503 and Retry-After, and answers them when Slack retries later', async () => {
      const body = eventBody(
        { type: 'message', channel_type: 'im', channel: 'D123', user: 'U20', text: '資格は大丈夫？', ts: '20.1' },
        'EvSHUTDOWN',
      );
      shuttingDown = true;
      const response = await send(body, 'application/json');
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      await settle();
      expect(sent()).toHaveLength(0);
      // The refused event was not marked as handled: its retry is answered.
      shuttingDown = false;
      expect((await send(body, 'application/json', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' })).status).toBe(200);
      await posted(1);
    });

    it('drain() waits for answers still in flight after Bolt acknowledged', async () => {
      let answered = false;
      answerSlack = async (call) => {
        if (call.path !== '/api/chat.postMessage') return okAnswer(call);
        await settle(300);
        answered = true;
        return okAnswer(call);
      };
      const response = await send(
        eventBody({ type: 'message', channel_type: 'im', channel: 'D123', user: 'U21', text: '資格は大丈夫？', ts: '21.1' }),
        'application/json',
      );
      expect(response.status).toBe(200);
      expect(answered).toBe(false);
      await channel.drain(5000);
      expect(answered).toBe(true);
    });
  });
});
