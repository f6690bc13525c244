import path from 'node:path';
import { createDialog, type Dialog, type TurnResult } from '../../src/conversation/dialog';
import { type ConversationState, NEW_CONVERSATION } from '../../src/conversation/state';
import type { Reply } from '../../src/core/reply';
import { readScamConversations, scoreScamConversations } from '../../src/evaluation/scam-conversations';
import { getEngine, getResponder } from '../helpers/engine';

let dialog: Dialog;
beforeAll(async () => {
  dialog = createDialog(await getEngine(), await getResponder());
});

const answerText = (reply: Reply) =>
  reply.messages
    .filter((message) => message.kind === 'answer')
    .map((message) => message.text)
    .join('\n');

function say(state: ConversationState, text: string): TurnResult {
  return dialog.respond(state, { text, personalData: [] });
}

describe('the scam flow, for a report by SMS or e-mail with a link opened', () => {
  it.each([
    '協会けんぽから還付金があるってSMSが来て、リンクを押してしまった',
    '協会けんぽを名乗るショートメールのURLを開いてしまいました',
    'けんぽからメールが来てリンクをクリックしちゃった',
    '協会けんぽからのメールにあったリンクを踏んでしまいました、どうしよう',
    'I got an email from Kyokai Kenpo and clicked the link',
  ])('「%s」: every step a button leads to speaks of the message or the link, and none says to hang up', (text) => {
    const first = say(NEW_CONVERSATION, text);
    expect(first.reply.label).toBe('q9');
    expect(first.reply.messages[0]!.notice).toBe('scam_warning');
    expect(answerText(first.reply)).not.toMatch(/電話を切|hang up/i);
    for (const quick of first.reply.quickReplies) {
      const pressed = dialog.respond(first.state, { payload: quick.payload });
      expect(answerText(pressed.reply)).not.toMatch(/電話を切|hang up/i);
      if (pressed.reply.intentId.startsWith('flow:')) expect(answerText(pressed.reply)).toMatch(/SMS|メール|リンク|e-mail|link/i);
    }
  });
});

describe('typed questions inside the flow', () => {
  it.each([
    ['協会けんぽを名乗る電話がありました', 'じゃあどうすればいい？'],
    ['協会けんぽからってLINEが来た', 'どうしたらいいの'],
    ['けんぽの職員って人が家に来た', 'それはなぜ？'],
    ['協会けんぽを名乗るはがきが届いて口座番号を書いて送ってしまった', 'じゃあどうすればいい？'],
  ])('after 「%s」, 「%s」 typed again and again never gets the text of the turn before', (report, question) => {
    let result = say(NEW_CONVERSATION, report);
    for (let turn = 0; turn < 4; turn++) {
      const next = say(result.state, question);
      expect(next.reply.label).toBe('q9');
      expect(answerText(next.reply)).not.toBe(answerText(result.reply));
      result = next;
    }
  });
});

describe('asking inside the flow how to check or what happens now', () => {
  it.each([
    'もし押していたら何か起きるんでしょうか。どうやって確かめれば',
    'どう確認すればいいですか',
    'How can I check?',
    'What happens now?',
    '本物かどうか調べるには？',
  ])('「%s」 stays in the flow and gets its general steps', (question) => {
    const reported = say(NEW_CONVERSATION, '協会けんぽを名乗るSMSが届きました');
    const next = say(reported.state, question);
    expect(next.reply.label).toBe('q9');
    expect(next.route).toBe('flow_stay');
  });
});

describe('the held conversation set', () => {
  it('keeps the scam turns in the flow, tells no one contacted otherwise to hang up, and never repeats itself', async () => {
    const conversations = readScamConversations(path.join(__dirname, '..', 'fixtures', 'conversations', 'scam-1.jsonl'));
    const score = await scoreScamConversations(conversations, async (texts) => {
      let state = NEW_CONVERSATION;
      return texts.map((text) => {
        const result = say(state, text);
        state = result.state;
        return result.reply;
      });
    });
    // First run before the flow's rework: 175 of 188 scam turns kept, 27 replies told people
    // contacted by SMS, mail or in person to hang up, 42 replies repeated the one before.
    expect(score.scamKept / score.scamTurns).toBeGreaterThanOrEqual(0.98);
    expect(score.callAdviceElsewhere).toBe(0);
    expect(score.repeated).toBe(0);
  });
});
