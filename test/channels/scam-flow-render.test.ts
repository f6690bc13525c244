import { renderReplyForLine } from '../../src/channels/line/line-render';
import { renderReplyForSlack } from '../../src/channels/slack/slack-render';
import { createDialog } from '../../src/conversation/dialog';
import { NEW_CONVERSATION } from '../../src/conversation/state';
import { getEngine, getResponder } from '../helpers/engine';

// The scam flow's steps on LINE and Slack: every branch offered, within each platform's limits.
describe('the scam warning and its choices on LINE and Slack', () => {
  it.each(['協会けんぽを名乗る電話がありました', '協会けんぽからSMSが来て、還付金があると書いてありました。情報は漏れたんですか'])(
    '「%s」: the warning first, every branch a button',
    async (text) => {
      const dialog = createDialog(await getEngine(), await getResponder());
      const { reply } = dialog.respond(NEW_CONVERSATION, { text, personalData: [] });
      const branches = reply.quickReplies.filter((quick) => quick.payload.startsWith('flow:'));
      expect(branches.length).toBeGreaterThanOrEqual(9);

      const line = renderReplyForLine(reply);
      const lineQuick = line.at(-1)!.quickReply!.items!;
      expect(lineQuick.length).toBeLessThanOrEqual(13);
      expect(lineQuick.map((item) => (item.action as { label: string }).label)).toEqual(reply.quickReplies.map((quick) => quick.label));
      for (const item of lineQuick) expect((item.action as { label: string }).label.length).toBeLessThanOrEqual(20);
      expect((line[0] as { text: string }).text).toContain('協会けんぽからお客様に直接電話をすることはありません');

      const slack = JSON.stringify(renderReplyForSlack(reply));
      for (const quick of reply.quickReplies) expect(slack).toContain(quick.label);
    },
  );
});
