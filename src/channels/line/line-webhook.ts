import { messagingApi, validateSignature } from '@line/bot-sdk';
import express, { type Request, type Response, type Router } from 'express';
import { createBackgroundWork } from '../background-work';
import type { ChannelContext } from '../channel';
import { PlatformSessions } from '../platform-sessions';
import { type LineEvent, parseLineBody } from './line-body';
import type { LineConfig } from './line-config';
import { renderReplyForLine } from './line-render';
import { lineTurnOf } from './line-turn';

/**
 * The LINE channel: POST /webhooks/line. Transport only: check the signature on the raw
 * bytes (after a size cap: the SDK's own middleware reads any body whole before checking),
 * check the body's shape, answer LINE at once, then turn each event into a hub turn and send
 * one replyMessage per event. A redelivered event (same webhookEventId) is never answered
 * twice. The replies go out after LINE has its 200, so they are tracked: `drain()` waits for
 * them, and a shutting-down server refuses new deliveries with 503 (LINE redelivers them).
 */
export const LINE_WEBHOOK_PATH = '/webhooks/line';
export const LINE_MAX_BODY = '256kb';
/** What a refused delivery suggests as Retry-After, in seconds. */
export const LINE_RETRY_AFTER_SECONDS = 30;

export interface LineChannelOptions extends ChannelContext<LineConfig> {
  /** True once the server is shutting down: new deliveries get 503, in-flight replies finish. */
  readonly shuttingDown?: () => boolean;
}

export interface LineChannel {
  readonly routers: Router[];
  /**
   * Resolves once every reply still being worked on after LINE's 200 has gone out (or failed
   * and been logged), including work that starts while waiting; after `timeoutMs` it stops
   * waiting and logs what it left behind.
   */
  drain(timeoutMs?: number): Promise<void>;
  /** Replies that could not be sent, even after the one retry a network failure gets. */
  readonly failedReplies: () => number;
}

/**
 * A reply that failed for a network reason (no HTTP answer from LINE) is sent once more after
 * this long: well within the reply token's life, which LINE keeps short.
 */
export const LINE_REPLY_RETRY_MS = 1000;

/** True for a failure that never reached LINE (a reset, a timeout, DNS), not an answer LINE gave. */
function isNetworkFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && !('status' in error) && !('statusCode' in error);
}

/** The signature check alone, a pure function: LINE signs the raw body with the channel secret. */
export function hasValidLineSignature(rawBody: Buffer, signature: string | undefined, channelSecret: string): boolean {
  if (!signature) return false;
  try {
    return validateSignature(rawBody, channelSecret, signature);
  } catch {
    return false;
  }
}

const refuse = (response: Response, status: number, code: string, message: string) =>
  response.status(status).json({ error: { code, message } });

export function lineChannel({ config, bot, logger, shuttingDown = () => false }: LineChannelOptions): LineChannel {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: config.channelAccessToken,
    ...(config.apiBaseUrl ? { baseURL: config.apiBaseUrl } : {}),
  });
  const sessions = new PlatformSessions(() => ({ hub: bot()!.hub, people: bot()!.state.people }), {
    unavailable: () => bot()!.responder.unavailable(),
    onError: (error) => logger.error({ event: 'line_turn_failed', err: error }, 'a LINE turn failed; the person was told to try again'),
  });
  const background = createBackgroundWork('line', logger);
  let failedReplies = 0;

  async function reply(replyToken: string, messages: ReturnType<typeof renderReplyForLine>): Promise<void> {
    try {
      await client.replyMessage({ replyToken, messages });
    } catch (error) {
      if (!isNetworkFailure(error)) {
        failedReplies += 1;
        throw error;
      }
      logger.warn({ event: 'line_reply_retried', err: error }, 'a LINE reply failed on the network; trying once more');
      await new Promise((resolve) => setTimeout(resolve, LINE_REPLY_RETRY_MS));
      try {
        await client.replyMessage({ replyToken, messages });
      } catch (again) {
        failedReplies += 1;
        throw again;
      }
    }
  }

  async function answer(event: LineEvent, botUserId: string | undefined): Promise<void> {
    const ready = bot();
    if (!ready) return;
    const turn = lineTurnOf(event, botUserId);
    let first: boolean;
    try {
      first = await ready.state.deliveries.firstTime(event.webhookEventId);
    } catch (error) {
      // Unsure whether it was answered: an apology to try again, never silence (LINE does not
      // redeliver what was acknowledged).
      logger.error(
        { event: 'line_turn_failed', err: error },
        'could not check a LINE event against those answered; the person was told to try again',
      );
      if (turn) await reply(turn.replyToken, renderReplyForLine(ready.responder.unavailable()));
      return;
    }
    if (!first) {
      logger.info({ event: 'line_redelivery_skipped', redelivery: event.deliveryContext.isRedelivery }, 'redelivered LINE event skipped');
      return;
    }
    if (!turn) return;
    const { ask } = turn;
    const answered =
      'notText' in ask
        ? ready.responder.notText()
        : (await sessions.handle('line', turn.userId, turn.scope, { channel: 'line', ...ask })).reply;
    await reply(turn.replyToken, renderReplyForLine(answered));
  }

  const router = express.Router();
  router.post(LINE_WEBHOOK_PATH, express.raw({ type: () => true, limit: LINE_MAX_BODY }), (request: Request, response: Response) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!hasValidLineSignature(raw, request.get('x-line-signature'), config.channelSecret)) {
      refuse(response, 401, 'BAD_SIGNATURE', 'The X-Line-Signature header is missing or does not match the body.');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      refuse(response, 400, 'BAD_JSON', 'The body is not valid JSON.');
      return;
    }
    const parsed = parseLineBody(json);
    if (!parsed.ok) {
      logger.warn({ event: 'line_bad_body', reason: parsed.reason }, 'malformed LINE webhook body refused');
      refuse(response, 400, 'BAD_BODY', `The body is not a LINE webhook body: ${parsed.reason}.`);
      return;
    }
    // LINE redelivers what was not answered with 200 (when redelivery is on in the console).
    if (shuttingDown()) {
      response.set('Retry-After', String(LINE_RETRY_AFTER_SECONDS));
      refuse(response, 503, 'SHUTTING_DOWN', 'The bot is stopping; LINE will redeliver.');
      return;
    }
    if (!bot()) {
      response.set('Retry-After', String(LINE_RETRY_AFTER_SECONDS));
      refuse(response, 503, 'NOT_READY', 'The bot is starting; LINE will redeliver.');
      return;
    }
    const { destination, events } = parsed.body;
    // LINE wants its answer within 2 seconds; the replies go out through the API.
    response.status(200).json({});
    // One delivery's events in order: two messages from one person must not race on their session.
    background.run(async () => {
      for (const event of events) {
        await answer(event, destination).catch((error: unknown) =>
          logger.error({ event: 'line_reply_failed', failedReplies, err: error }, 'could not answer a LINE event'),
        );
      }
    });
  });
  return { routers: [router], drain: (timeoutMs) => background.drain(timeoutMs), failedReplies: () => failedReplies };
}
