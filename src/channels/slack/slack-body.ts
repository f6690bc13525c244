import { z } from 'zod';

/**
 * The shape of a Slack request, checked before Bolt sees it: a correctly signed body is still
 * only as well-formed as the sender made it (`null`, an `event` of `null`), and a missing field
 * must be a 400 naming it, as LINE's bodies get, never a TypeError inside Bolt. Only what the bot
 * and Bolt read is checked; other fields pass through.
 */

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string() }).passthrough();

/** The events the bot answers; Bolt's listeners read these fields. */
const ANSWERED_EVENTS = new Set(['message', 'app_mention']);
const answeredEvent = z
  .object({
    type: z.string().min(1),
    channel: z.string().min(1),
    user: z.string().optional(),
    text: z.string().optional(),
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
  })
  .passthrough();

const eventCallback = z
  .object({
    type: z.literal('event_callback'),
    event_id: z.string().min(1),
    event: z.object({ type: z.string().min(1) }).passthrough(),
  })
  .passthrough()
  .superRefine((body, context) => {
    if (!ANSWERED_EVENTS.has(body.event.type)) return;
    const event = answeredEvent.safeParse(body.event);
    if (!event.success) for (const issue of event.error.issues) context.addIssue({ ...issue, path: ['event', ...issue.path] });
  });

const blockActions = z
  .object({
    type: z.literal('block_actions'),
    user: z.object({ id: z.string().min(1) }).passthrough(),
    actions: z.array(z.object({ action_id: z.string().min(1), value: z.string().optional() }).passthrough()),
    response_url: z.string().optional(),
  })
  .passthrough();

/** A slash command comes as a form, with no `type`. */
const slashCommand = z.object({ command: z.string().min(1), user_id: z.string().min(1), text: z.string() }).passthrough();

export type SlackBodyResult =
  /** `answer`: false for a well-formed request the bot does nothing with (a modal, a shortcut, an event it does not follow): acknowledge it only. */
  { readonly ok: true; readonly body: Record<string, unknown>; readonly answer: boolean } | { readonly ok: false; readonly reason: string };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${
          issue.path
            .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
            .join('')
            .replace(/^\./, '') || 'body'
        }: ${issue.message}`,
    )
    .join('; ');
}

const SHAPES: Record<string, z.ZodTypeAny> = {
  url_verification: urlVerification,
  event_callback: eventCallback,
  block_actions: blockActions,
};

/** The parsed body of a Slack request, checked: the body to hand to Bolt, or why it is malformed. */
export function checkSlackBody(json: unknown): SlackBodyResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, reason: 'body: expected an object' };
  const body = json as Record<string, unknown>;
  const shape = typeof body.type === 'string' ? SHAPES[body.type] : 'command' in body ? slashCommand : undefined;
  if (!shape)
    return typeof body.type === 'string' && body.type !== ''
      ? { ok: true, body, answer: false }
      : { ok: false, reason: 'type: expected the type of a Slack request, or a slash command' };
  const parsed = shape.safeParse(body);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  const answer = body.type !== 'event_callback' || ANSWERED_EVENTS.has((body.event as { type: string }).type);
  return { ok: true, body, answer };
}
