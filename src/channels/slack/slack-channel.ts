import {
  App,
  type BlockAction,
  type Logger as BoltLogger,
  LogLevel,
  type Receiver,
  type ReceiverEvent,
  SocketModeReceiver,
} from '@slack/bolt';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { explainBriefly } from '../../core/explain';
import { PAYLOAD_PATTERN } from '../../core/payloads';
import type { TurnOutcome } from '../../hub/hub';
import { createBackgroundWork } from '../background-work';
import type { ChannelContext } from '../channel';
import type { DeliveryStore } from '../../state/live-state';
import { PlatformSessions } from '../platform-sessions';
import { checkSlackBody } from './slack-body';
import type { SlackConfig } from './slack-config';
import { conversationOfAction, QUICK_REPLY_ACTION, renderReplyForSlack, type SlackConversation } from './slack-render';
import { isAuthenticSlackRequest } from './slack-verify';

/**
 * The Slack channel for staff: Bolt on our own express app. Direct messages and mentions get
 * the answer; `/faq <text>` answers with the staff view (label, score, runner-up, the words
 * that fired) as in the REPL. Requests are checked (signature, five-minute window) before
 * Bolt sees them; a retried event that was already handled is acknowledged and dropped.
 * Bolt acknowledges before the answer is worked out, so that work is tracked: `drain()` waits
 * for it, and a shutting-down server refuses new requests with 503 (Slack retries them).
 */
export const SLACK_EVENTS_PATH = '/webhooks/slack/events';
export const SLACK_MAX_BODY = '64kb';
/** What a refused request suggests as Retry-After, in seconds. */
export const SLACK_RETRY_AFTER_SECONDS = 30;
/** How long `stop()` waits for answers still in flight (the server's default shutdown grace). */
export const SLACK_STOP_GRACE_MS = 10_000;

export interface SlackChannelOptions extends ChannelContext<SlackConfig> {
  /** The clock for the five-minute window, injectable for tests. */
  readonly now?: () => number;
  /** True once the server is shutting down: new requests get 503, work in flight finishes. */
  readonly shuttingDown?: () => boolean;
}

export interface SlackChannel {
  /** The HTTP route (empty in Socket Mode). */
  readonly routers: Router[];
  start(): Promise<void>;
  /** Stops receiving (Socket Mode), then drains for at most `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Resolves once every answer still being worked on after Bolt's acknowledgement has gone
   * out (or failed and been logged), including work that starts while waiting; after
   * `timeoutMs` it stops waiting and logs what it left behind.
   */
  drain(timeoutMs?: number): Promise<void>;
}

function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const child = logger.child({ channel: 'slack' });
  const text = (messages: unknown[]) =>
    messages.map((message) => (typeof message === 'string' ? message : JSON.stringify(message))).join(' ');
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

  constructor(
    private readonly signingSecret: string,
    /** The ledger of events already answered, once the bot is loaded (shared by all workers). */
    private readonly deliveries: () => DeliveryStore | undefined,
    private readonly shuttingDown: () => boolean,
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
    router.post(
      SLACK_EVENTS_PATH,
      express.raw({ type: () => true, limit: SLACK_MAX_BODY }),
      async (request: Request, response: Response) => {
        const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
        if (
          !isAuthenticSlackRequest(
            raw,
            request.get('x-slack-signature'),
            request.get('x-slack-request-timestamp'),
            this.signingSecret,
            this.now(),
          )
        ) {
          response
            .status(401)
            .json({ error: { code: 'BAD_SIGNATURE', message: 'The Slack signature is missing, wrong, or older than five minutes.' } });
          return;
        }
        let parsed: unknown;
        try {
          if (request.is('application/x-www-form-urlencoded')) {
            const form = new URLSearchParams(raw);
            parsed = form.has('payload') ? JSON.parse(form.get('payload')!) : Object.fromEntries(form);
          } else {
            parsed = JSON.parse(raw);
          }
        } catch {
          response.status(400).json({ error: { code: 'BAD_BODY', message: 'The body is neither JSON nor a form.' } });
          return;
        }
        const checked = checkSlackBody(parsed);
        if (!checked.ok) {
          response.status(400).json({ error: { code: 'BAD_BODY', message: `The body is not a Slack request: ${checked.reason}.` } });
          return;
        }
        const body = checked.body;
        // A request the bot does nothing with (a modal, a shortcut, an event it does not follow) is acknowledged only.
        if (!checked.answer) {
          response.status(200).end();
          return;
        }
        if (body.type === 'url_verification') {
          response.json({ challenge: body.challenge });
          return;
        }
        // Before the retry check: a refused event must still be answered when Slack retries it.
        if (this.shuttingDown()) {
          response
            .set('Retry-After', String(SLACK_RETRY_AFTER_SECONDS))
            .status(503)
            .json({ error: { code: 'SHUTTING_DOWN', message: 'The bot is stopping; Slack will retry.' } });
          return;
        }
        const deliveries = this.deliveries();
        if (!deliveries || !this.app) {
          response
            .set('Retry-After', String(SLACK_RETRY_AFTER_SECONDS))
            .status(503)
            .json({ error: { code: 'NOT_READY', message: 'The bot is starting.' } });
          return;
        }
        // A retried event that was handled once is acknowledged and not answered again. When the
        // live state cannot say, Slack is asked to retry later (it does, up to three times).
        let first = true;
        try {
          if (typeof body.event_id === 'string') first = await deliveries.firstTime(body.event_id);
        } catch (error) {
          this.logger.error({ event: 'slack_event_failed', err: error }, 'could not check a Slack event against those handled');
          response
            .set('Retry-After', String(SLACK_RETRY_AFTER_SECONDS))
            .status(503)
            .json({ error: { code: 'STATE_UNAVAILABLE', message: 'The bot cannot store conversations right now; Slack will retry.' } });
          return;
        }
        if (!first) {
          this.logger.info(
            { event: 'slack_retry_skipped', retry: request.get('x-slack-retry-num') ?? null },
            'retried Slack event skipped',
          );
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
          if (!acked) {
            // Slack retries what got no 200: that retry must be answered, not skipped as seen.
            if (typeof body.event_id === 'string') await deliveries.release(body.event_id).catch(() => undefined);
            response.status(500).json({ error: { code: 'INTERNAL', message: 'The event could not be handled.' } });
          }
          return;
        }
        if (!acked) response.status(200).end();
      },
    );
    return router;
  }
}

const withoutMentions = (text: string) => text.replace(/<@[A-Z0-9]+>/g, '').trim();

/** The staff view of a turn, as in the REPL: route, intent, and for a text the evidence. */
function staffViewOf(outcome: TurnOutcome): string {
  const head = `${outcome.route} → ${outcome.reply.intentId}`;
  return outcome.classification ? `${head} | ${explainBriefly(outcome.classification)}` : head;
}

/** A person's conversations are kept apart by scope; the chat is the unscoped one. */
const SESSION_SCOPES: Record<SlackConversation, string> = { chat: '', faq: 'faq' };

export function slackChannel({ config, bot, logger, now = Date.now, shuttingDown = () => false }: SlackChannelOptions): SlackChannel {
  const socketMode = !config.signingSecret && config.appToken !== undefined;
  const httpReceiver = socketMode
    ? undefined
    : new RouterReceiver(config.signingSecret!, () => bot()?.state.deliveries, shuttingDown, logger, now);
  const receiver: Receiver = httpReceiver ?? new SocketModeReceiver({ appToken: config.appToken!, logger: boltLogger(logger) });
  const app = new App({
    token: config.botToken,
    receiver,
    logger: boltLogger(logger),
    tokenVerificationEnabled: false,
    ignoreSelf: false,
    ...(config.apiUrl ? { clientOptions: { slackApiUrl: config.apiUrl } } : {}),
  });
  const sessions = new PlatformSessions(() => ({ hub: bot()!.hub, people: bot()!.state.people }), {
    unavailable: () => bot()!.responder.unavailable(),
    onError: (error) => logger.error({ event: 'slack_turn_failed', err: error }, 'a Slack turn failed; the person was told to try again'),
  });
  const converse = (userId: string, conversation: SlackConversation, turn: { text: string } | { payload: string }) =>
    sessions.handle('slack', userId, SESSION_SCOPES[conversation], { channel: 'slack', ...turn });
  const hub = () => bot()?.hub;
  const background = createBackgroundWork('slack', logger);

  // Every listener runs inside this, for HTTP and Socket Mode alike: the acknowledgement has
  // usually gone already, and what follows is what a shutdown must wait for.
  app.use(async ({ next }) => {
    await background.track(next());
  });

  app.event('app_mention', async ({ event, say }) => {
    const current = hub();
    if (!current || !event.user) return;
    const outcome = await converse(event.user, 'chat', { text: withoutMentions(event.text ?? '').slice(0, 3000) });
    await say({ ...renderReplyForSlack(outcome.reply), thread_ts: event.thread_ts ?? event.ts });
  });

  app.message(async ({ message, say }) => {
    const current = hub();
    // Direct messages only, from people: not edits, not bots (including this one).
    if (
      !current ||
      message.channel_type !== 'im' ||
      message.subtype !== undefined ||
      !('user' in message) ||
      !message.user ||
      'bot_id' in message
    )
      return;
    const outcome = await converse(message.user, 'chat', { text: (message.text ?? '').slice(0, 3000) });
    await say(renderReplyForSlack(outcome.reply));
  });

  app.command('/faq', async ({ command, ack }) => {
    const current = hub();
    const text = command.text.trim();
    if (!current || text === '') {
      await ack({
        response_type: 'ephemeral',
        text: text === '' ? '使い方: /faq 試したい文章（例：/faq 情報は漏れたの？）' : '準備中です。少し待ってからお試しください。',
      });
      return;
    }
    const outcome = await converse(command.user_id, 'faq', { text: text.slice(0, 3000) });
    await ack({
      response_type: 'ephemeral',
      ...renderReplyForSlack(outcome.reply, { staffView: staffViewOf(outcome), conversation: 'faq' }),
    });
  });

  app.action<BlockAction>(QUICK_REPLY_ACTION, async ({ ack, action, body, client, respond }) => {
    await ack();
    const current = hub();
    const value = 'value' in action ? action.value : undefined;
    if (!current || typeof value !== 'string' || !PAYLOAD_PATTERN.test(value)) return;
    // A button under an ephemeral reply (a /faq test) was seen by one person: its answer must
    // be too, through the response URL. chat.postMessage would show it to the whole channel.
    const ephemeral = body.container?.is_ephemeral === true;
    const channel = body.channel?.id;
    if (ephemeral ? !respond : !channel) {
      logger.warn({ event: 'slack_button_unanswerable', ephemeral }, 'a pressed Slack button has nowhere to be answered');
      return;
    }
    const conversation = conversationOfAction(action.action_id);
    const outcome = await converse(body.user.id, conversation, { payload: value });
    const message = renderReplyForSlack(outcome.reply, {
      conversation,
      staffView: conversation === 'faq' ? staffViewOf(outcome) : undefined,
    });
    if (ephemeral) {
      await respond!({ response_type: 'ephemeral', replace_original: false, ...message });
      return;
    }
    // Under a reply in a thread (a mention's), the answer stays in that thread.
    const threadTs: unknown = body.message?.thread_ts ?? body.container?.thread_ts;
    await client.chat.postMessage({ channel: channel!, ...message, ...(typeof threadTs === 'string' ? { thread_ts: threadTs } : {}) });
  });

  return {
    routers: httpReceiver ? [httpReceiver.router()] : [],
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async (graceMs = SLACK_STOP_GRACE_MS) => {
      if (socketMode) await app.stop();
      await background.drain(graceMs);
    },
    drain: (timeoutMs) => background.drain(timeoutMs),
  };
}
