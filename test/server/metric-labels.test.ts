import { LINE_WEBHOOK_PATH } from '../../src/channels/line/line-webhook';
import { SLACK_EVENTS_PATH } from '../../src/channels/slack/slack-channel';
import type { TurnOutcome } from '../../src/hub/hub';
import { httpRouteLabel, HTTP_ROUTES, methodLabel, statusLabel } from '../../src/server/metric-labels';
import { createServerMetrics } from '../../src/server/metrics';

describe('the label values of the metrics', () => {
  it('know the LINE and Slack webhook paths as the channels define them', () => {
    expect(HTTP_ROUTES).toEqual(expect.arrayContaining([LINE_WEBHOOK_PATH, SLACK_EVENTS_PATH]));
  });

  it.each([
    ['/api/chat', 200, '/api/chat'],
    ['/API/Chat/', 400, '/api/chat'], // express matches case-insensitively, with a trailing slash
    ['/api/chat/session', 200, '/api/chat/session'],
    ['/metrics', 401, '/metrics'],
    ['/webhooks/line', 200, '/webhooks/line'],
    ['/', 200, 'static'],
    ['/widget.js', 200, 'static'],
    ['/090-1234-5678', 404, 'other'],
    ['/api/chat/090-1234-5678', 404, 'other'],
    ['/%E5%B1%B1%E7%94%B0', 404, 'other'],
  ])('route of %s (%i) → %s', (path, status, expected) => {
    expect(httpRouteLabel(path, status)).toBe(expected);
  });

  it.each([
    ['get', 'GET'],
    ['POST', 'POST'],
    ['PROPFIND', 'other'],
    ['090-1234-5678', 'other'],
  ])('method %s → %s', (method, expected) => expect(methodLabel(method)).toBe(expected));

  it.each([
    [200, '200'],
    [503, '503'],
    [99, 'other'],
    [600, 'other'],
    [1.5, 'other'],
  ])('status %d → %s', (status, expected) => expect(statusLabel(status)).toBe(expected));

  it('turn anything unexpected in a turn into other, never its text', async () => {
    const metrics = createServerMetrics();
    const outcome = {
      reply: { label: '山田花子 090-1234-5678', intentId: 'x', messages: [], quickReplies: [] },
      route: 'taro.yamada@example.com',
    } as unknown as TurnOutcome;
    metrics.countTurn('東京都千代田区1-2-3', outcome, 3);
    metrics.countStoreError('shared_state');
    const text = await metrics.registry.metrics();
    expect(text).toContain('kenpo_faq_turns_total{label="other",route="other",channel="other"} 1');
    expect(text).toContain('kenpo_faq_store_errors_total{store="shared_state"} 1');
    // Label values only: a figure (a memory size, a time) may hold 090 by chance.
    const values = [...text.matchAll(/\w+="([^"]*)"/g)].map((match) => match[1]);
    expect(values.filter((value) => /山田|090|taro|千代田/.test(value!))).toEqual([]);
    expect(text).not.toMatch(/山田|taro|千代田/);
  });

  it('keep each server’s figures apart: two in one process register without a clash', async () => {
    const [first, second] = [createServerMetrics(), createServerMetrics()];
    first.countStoreError('conversation_log');
    expect(await first.registry.metrics()).toContain('kenpo_faq_store_errors_total{store="conversation_log"} 1');
    expect(await second.registry.metrics()).toContain('kenpo_faq_store_errors_total{store="conversation_log"} 0');
  });
});
