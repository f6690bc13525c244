import { renderReplyForLine } from '../../src/channels/line/line-render';
import { renderReplyForSlack } from '../../src/channels/slack/slack-render';
import { getResponder } from '../helpers/engine';

// The official FAQ's date under every official answer, on LINE and Slack (plain text, no ruby).
describe('the date of the answer on LINE and Slack', () => {
  it.each(['q1', 'q6', 'q9'] as const)('%s: the official text, then its date', async (id) => {
    const reply = (await getResponder()).faqAnswer(id);
    const note = reply.asOf!.text;
    expect(note).toMatch(/時点の公表内容です）$/);
    const line = renderReplyForLine(reply).map((message) => (message as { text: string }).text);
    expect(line.some((text) => text.endsWith(`\n${note}`))).toBe(true);
    const slack = renderReplyForSlack(reply).blocks as Array<{ type: string; elements?: Array<{ text: string }> }>;
    expect(slack.some((block) => block.type === 'context' && block.elements?.[0]?.text === note)).toBe(true);
  });

  it('is not added to replies with no official text', async () => {
    const reply = (await getResponder()).smalltalk('greeting');
    expect(reply.asOf).toBeUndefined();
    expect(JSON.stringify(renderReplyForLine(reply))).not.toContain('時点の公表内容');
  });
});
