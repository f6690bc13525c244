import { z } from 'zod';

/**
 * The shape of a LINE webhook body, checked before anything acts on it: a correctly signed
 * body is still only as well-formed as the sender made it, and a missing field must be a 400
 * with a reason, never a crash in the background work. Only the fields the bot reads are
 * checked closely; events of other types (join, unsend, beacon, …) need only the common fields
 * and are dropped, since the bot does nothing with them.
 */

const source = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), userId: z.string().min(1).optional() }),
  z.object({ type: z.literal('group'), groupId: z.string().min(1), userId: z.string().min(1).optional() }),
  z.object({ type: z.literal('room'), roomId: z.string().min(1), userId: z.string().min(1).optional() }),
]);

/** Who a text mentions; `isSelf` (or the bot's own user id) marks a mention of the bot. */
const mentionee = z.object({
  type: z.string(),
  index: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  userId: z.string().optional(),
  isSelf: z.boolean().optional(),
});

const eventBase = z.object({
  type: z.string().min(1),
  timestamp: z.number(),
  mode: z.string(),
  webhookEventId: z.string().min(1),
  deliveryContext: z.object({ isRedelivery: z.boolean() }),
  source: source.optional(),
  replyToken: z.string().min(1).optional(),
});

const messageEvent = eventBase.extend({
  type: z.literal('message'),
  message: z
    .object({
      type: z.string().min(1),
      id: z.string().min(1),
      text: z.string().optional(),
      mention: z.object({ mentionees: z.array(mentionee) }).optional(),
    })
    .refine((message) => message.type !== 'text' || message.text !== undefined, {
      message: 'a text message needs its text',
      path: ['text'],
    }),
});

const postbackEvent = eventBase.extend({ type: z.literal('postback'), postback: z.object({ data: z.string() }) });

const followEvent = eventBase.extend({ type: z.literal('follow') });

const answerableEvent = z.discriminatedUnion('type', [messageEvent, postbackEvent, followEvent]);
const ANSWERABLE_TYPES: ReadonlySet<string> = new Set(answerableEvent.optionsMap.keys() as Iterable<string>);

const envelope = z.object({
  /** The bot's own user id: LINE names the receiving bot in every body. */
  destination: z.string().min(1).optional(),
  events: z.array(z.object({ type: z.string().min(1) }).passthrough()),
});

export type LineMentionee = z.infer<typeof mentionee>;
export type LineEvent = z.infer<typeof answerableEvent>;

export interface LineBody {
  readonly destination?: string;
  /** The events the bot may answer (message, postback, follow), in delivery order. */
  readonly events: readonly LineEvent[];
}

export type LineBodyResult = { readonly ok: true; readonly body: LineBody } | { readonly ok: false; readonly reason: string };

function describeIssues(error: z.ZodError, prefix: ReadonlyArray<string | number> = []): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const where = [...prefix, ...issue.path]
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
        .join('')
        .replace(/^\./, '');
      return `${where || 'body'}: ${issue.message}`;
    })
    .join('; ');
}

/** The parsed JSON of a webhook body, checked: the events to act on, or why the body is malformed. */
export function parseLineBody(json: unknown): LineBodyResult {
  const outer = envelope.safeParse(json);
  if (!outer.success) return { ok: false, reason: describeIssues(outer.error) };
  const events: LineEvent[] = [];
  for (const [index, raw] of outer.data.events.entries()) {
    if (ANSWERABLE_TYPES.has(raw.type)) {
      const parsed = answerableEvent.safeParse(raw);
      if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, ['events', index]) };
      events.push(parsed.data);
    } else {
      const parsed = eventBase.safeParse(raw);
      if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, ['events', index]) };
    }
  }
  return { ok: true, body: { destination: outer.data.destination, events } };
}
