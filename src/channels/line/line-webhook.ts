import { messagingApi, validateSignature, type webhook } from '@line/bot-sdk';
import express, { type Request, type Response, type Router } from 'express';
import { PAYLOAD_PATTERN } from '../../conversation/payloads';
import type { ChannelContext } from '../channel';
import { PlatformSessions } from '../platform-sessions';
import { RecentlySeen } from '../recently-seen';
import type { LineConfig } from './line-config';
import { renderReplyForLine } from './line-render';

/**
 * The LINE channel: POST /webhooks/line. Transport only: check the signature on the raw
 * bytes (after a size cap: the SDK's own middleware reads any body whole before checking),
 * answer LINE at once, then turn each event into a hub turn and send one replyMessage per
 * event. A redelivered event (same webhookEventId) is never answered twice.
 */
export const LINE_WEBHOOK_PATH = '/webhooks/line';
export const LINE_MAX_BODY = '256kb';

export type LineChannelOptions = ChannelContext<LineConfig>;

/** The signature check alone, a pure function: LINE signs the raw body with the channel secret. */
export function hasValidLineSignature(rawBody: Buffer, signature: string | undefined, channelSecret: string): boolean {
  if (!signature) return false;
  try {
    return validateSignature(rawBody, channelSecret, signature);
  } catch {
    return false;
  }
}

const refuse = (response: Response, status: number, code: string, message: string) => response.status(status).json({ error: { code, message } });

export function lineWebhook({ config, bot, logger }: LineChannelOptions): Router {
  const client = new messagingApi.MessagingApiClient({ channelAccessToken: config.channelAccessToken, ...(config.apiBaseUrl ? { baseURL: config.apiBaseUrl } : {}) });
  const seen = new RecentlySeen(60 * 60 * 1000);
  const sessions = new PlatformSessions(() => bot()!.hub);

  async function answer(event: webhook.Event): Promise<void> {
    const ready = bot();
    if (!ready) return;
    if (event.webhookEventId && !seen.firstTime(event.webhookEventId)) {
      logger.info({ event: 'line_redelivery_skipped', redelivery: event.deliveryContext?.isRedelivery ?? false }, 'redelivered LINE event skipped');
      return;
    }
    if (!('replyToken' in event) || !event.replyToken) return;
    const source = event.source;
    const who = source?.type === 'user' ? source.userId : source?.type === 'group' ? source.groupId : source?.type === 'room' ? source.roomId : undefined;
    if (!who) return;
    const session = sessions.sessionFor('line', who);
    let reply;
    if (event.type === 'follow') {
      reply = (await ready.hub.handle({ channel: 'line', session, payload: 'start' })).reply;
    } else if (event.type === 'postback') {
      const data = event.postback.data;
      if (!PAYLOAD_PATTERN.test(data)) return;
      reply = (await ready.hub.handle({ channel: 'line', session, payload: data })).reply;
    } else if (event.type === 'message') {
      reply = event.message.type === 'text' ? (await ready.hub.handle({ channel: 'line', session, text: event.message.text.slice(0, 5000) })).reply : ready.responder.notText();
    } else {
      return;
    }
    await client.replyMessage({ replyToken: event.replyToken, messages: renderReplyForLine(reply) });
  }

  const router = express.Router();
  router.post(LINE_WEBHOOK_PATH, express.raw({ type: () => true, limit: LINE_MAX_BODY }), (request: Request, response: Response) => {
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (!hasValidLineSignature(raw, request.get('x-line-signature'), config.channelSecret)) {
      refuse(response, 401, 'BAD_SIGNATURE', 'The X-Line-Signature header is missing or does not match the body.');
      return;
    }
    let events: webhook.Event[];
    try {
      events = ((JSON.parse(raw.toString('utf8')) as webhook.CallbackRequest).events ?? []) as webhook.Event[];
    } catch {
      refuse(response, 400, 'BAD_JSON', 'The body is not valid JSON.');
      return;
    }
    if (!bot()) {
      // LINE redelivers what was not answered with 200.
      refuse(response, 503, 'NOT_READY', 'The bot is starting; LINE will redeliver.');
      return;
    }
    // LINE wants its answer within 2 seconds; the replies go out through the API.
    response.status(200).json({});
    void (async () => {
      for (const event of events) {
        await answer(event).catch((error: unknown) => logger.error({ event: 'line_reply_failed', err: error }, 'could not answer a LINE event'));
      }
    })();
  });
  return router;
}
