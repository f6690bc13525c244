import { App, type BlockAction, type Logger as BoltLogger, LogLevel, type Receiver, type ReceiverEvent, SocketModeReceiver } from '@slack/bolt';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { explainBriefly } from '../../core/explain';
import { PAYLOAD_PATTERN } from '../../conversation/payloads';
import type { ChannelContext } from '../channel';
import { PlatformSessions } from '../platform-sessions';
import { RecentlySeen } from '../recently-seen';
import type { SlackConfig } from './slack-config';
import { QUICK_REPLY_ACTION, renderReplyForSlack } from './slack-render';
import { isAuthenticSlackRequest } from './slack-verify';

/**
 * The Slack channel for staff: Bolt on our own express app. Direct messages and mentions get
 * the answer; `/faq <text>` answers with the staff view (label, score, runner-up, the words
 * that fired) as in the REPL. Requests are checked (signature, five-minute window) before
 * Bolt sees them; a retried event that was already handled is acknowledged and dropped.
 */
export const SLACK_EVENTS_PATH = '/webhooks/slack/events';
export const SLACK_MAX_BODY = '64kb';

export interface SlackChannelOptions extends ChannelContext<SlackConfig> {
  /** The clock for the five-minute window, injectable for tests. */
  readonly now?: () => number;
}

export interface SlackChannel {
  /** The HTTP route (empty in Socket Mode). */
  readonly routers: Router[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const child = logger.child({ channel: 'slack' });
  const text = (messages: unknown[]) => messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' ');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...messages) => child.warn({ event: 'slack_bolt' }, text(messages)),
    error: (...messages) => child.error({ event: 'slack_bolt' }, text(messages)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Bolt receiver that lives on our express router: transport only. */
class RouterReceiver implements Receiver {
  private app?: App;
  private readonly seen = new RecentlySeen(60 * 60 * 1000);

  constructor(
    private readonly signingSecret: string,
    private readonly ready: () => boolean,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  router(): Router {
    const router = express.Router();
    router.post(SLACK_EVENTS_PATH, express.raw({ type: () => true, limit: SLACK_MAX_BODY }), async (request: Request, response: Response) => {
      const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
      if (!isAuthenticSlackRequest(raw, request.get('x-slack-signature'), request.get('x-slack-request-timestamp'), this.signingSecret, this.now())) {
        response.status(401).json({ error: { code: 'BAD_SIGNATURE', message: 'The Slack signature is missing, wrong, or older than five minutes.' } });
        return;
      }
      let body: Record<string, unknown>;
      try {
        if (request.is('application/x-www-form-urlencoded')) {
          const form = new URLSearchParams(raw);
          body = form.has('payload') ? (JSON.parse(form.get('payload')!) as Record<string, unknown>) : Object.fromEntries(form);
        } else {
          body = JSON.parse(raw) as Record<string, unknown>;
        }
      } catch {
        response.status(400).json({ error: { code: 'BAD_BODY', message: 'The body is neither JSON nor a form.' } });
        return;
      }
      if (body.type === 'url_verification') {
        response.json({ challenge: body.challenge });
        return;
      }
      if (!this.ready() || !this.app) {
        response.status(503).json({ error: { code: 'NOT_READY', message: 'The bot is starting.' } });
        return;
      }
      // A retried event that was handled once is acknowledged and not answered again.
      if (typeof body.event_id === 'string' && !this.seen.firstTime(body.event_id)) {
        this.logger.info({ event: 'slack_retry_skipped', retry: request.get('x-slack-retry-num') ?? null }, 'retried Slack event skipped');
        response.status(200).end();
        return;
      }
      let acked = false;
      const event: ReceiverEvent = {
        body,
        retryNum: request.get('x-slack-retry-num') ? Number(request.get('x-slack-retry-num')) : undefined,
        retryReason: request.get('x-slack-retry-reason') ?? undefined,
        ack: async (reply?: unknown) => {
          if (acked) return;
          acked = true;
          if (reply === undefined || reply === '') response.status(200).end();
          else if (typeof reply === 'string') response.status(200).type('text/plain').send(reply);
          else response.status(200).json(reply);
        },
      };
      try {
        await this.app.processEvent(event);
      } catch (error) {
        this.logger.error({ event: 'slack_event_failed', err: error }, 'a Slack event failed');
        if (!acked) response.status(500).json({ error: { code: 'INTERNAL', message: 'The event could not be handled.' } });
        return;
      }
      if (!acked) response.status(200).end();
    });
    return router;
  }
}

const withoutMentions = (text: string) => text.replace(/<@[A-Z0-9]+>/g, '').trim();

export function slackChannel({ config, bot, logger, now = Date.now }: SlackChannelOptions): SlackChannel {
  const socketMode = !config.signingSecret && config.appToken !== undefined;
  const httpReceiver = socketMode ? undefined : new RouterReceiver(config.signingSecret!, () => bot() !== undefined, logger, now);
  const receiver: Receiver = httpReceiver ?? new SocketModeReceiver({ appToken: config.appToken!, logger: boltLogger(logger) });
  const app = new App({
    token: config.botToken,
    receiver,
    logger: boltLogger(logger),
    tokenVerificationEnabled: false,
    ignoreSelf: false,
    ...(config.apiUrl ? { clientOptions: { slackApiUrl: config.apiUrl } } : {}),
  });
  const sessions = new PlatformSessions(() => bot()!.hub);
  const hub = () => bot()?.hub;

  app.event('app_mention', async ({ event, say }) => {
    const current = hub();
    if (!current || !event.user) return;
    const outcome = await current.handle({ channel: 'slack', session: sessions.sessionFor('slack', event.user), text: withoutMentions(event.text ?? '').slice(0, 3000) });
    await say({ ...renderReplyForSlack(outcome.reply), thread_ts: event.thread_ts ?? event.ts });
  });

  app.message(async ({ message, say }) => {
    const current = hub();
    // Direct messages only, from people: not edits, not bots (including this one).
    if (!current || message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.user || 'bot_id' in message) return;
    const outcome = await current.handle({ channel: 'slack', session: sessions.sessionFor('slack', message.user), text: (message.text ?? '').slice(0, 3000) });
    await say(renderReplyForSlack(outcome.reply));
  });

  app.command('/faq', async ({ command, ack }) => {
    const current = hub();
    const text = command.text.trim();
    if (!current || text === '') {
      await ack({ response_type: 'ephemeral', text: text === '' ? '使い方: /faq 試したい文章（例：/faq 情報は漏れたの？）' : '準備中です。少し待ってからお試しください。' });
      return;
    }
    const outcome = await current.handle({ channel: 'slack', session: sessions.sessionFor('slack', `${command.user_id}:/faq`), text: text.slice(0, 3000) });
    const staffView = outcome.classification ? `${outcome.route} → ${outcome.reply.intentId} | ${explainBriefly(outcome.classification)}` : `${outcome.route} → ${outcome.reply.intentId}`;
    await ack({ response_type: 'ephemeral', ...renderReplyForSlack(outcome.reply, staffView) });
  });

  app.action<BlockAction>(QUICK_REPLY_ACTION, async ({ ack, action, body, client }) => {
    await ack();
    const current = hub();
    const value = 'value' in action ? action.value : undefined;
    const channel = body.channel?.id;
    if (!current || !channel || typeof value !== 'string' || !PAYLOAD_PATTERN.test(value)) return;
    const outcome = await current.handle({ channel: 'slack', session: sessions.sessionFor('slack', body.user.id), payload: value });
    await client.chat.postMessage({ channel, ...renderReplyForSlack(outcome.reply) });
  });

  return {
    routers: httpReceiver ? [httpReceiver.router()] : [],
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}
