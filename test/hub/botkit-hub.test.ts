import { createDialog, type Dialog } from '../../src/conversation/dialog';
import { MemorySessionStore } from '../../src/conversation/session-store';
import { type ConversationState, NEW_CONVERSATION } from '../../src/conversation/state';
import { botkitResponder, createBotkitHub } from '../../src/hub/botkit-hub';
import { HubError } from '../../src/hub/hub';
import { createMasker } from '../../src/privacy/mask';
import { getEngine, getResponder } from '../helpers/engine';

// The hub on botkit: the dialog's reply comes back through botkit's own turn, unchanged.
async function parts() {
  const engine = await getEngine();
  const dialog = createDialog(engine, await getResponder());
  const masker = createMasker(engine.data.personalData, engine.tokenizer);
  const sessions = new MemorySessionStore<ConversationState>({ ttlMs: 60_000, maxSessions: 100 });
  return { engine, dialog, masker, sessions };
}

describe('botkitResponder', () => {
  it.each(['情報は漏れたんですか', '協会けんぽを名乗る電話で口座番号を聞かれた', 'こんにちは', 'ラーメンのおすすめは？'])(
    'gives what the dialog gives for 「%s」, worked out through botkit',
    async (text) => {
      const { dialog } = await parts();
      const respond = botkitResponder(dialog);
      const input = { text, personalData: [] };
      const through = await respond(NEW_CONVERSATION, input, { channel: 'web', session: 's1', text }, { text, personalData: [] });
      expect(through).toEqual(dialog.respond(NEW_CONVERSATION, input));
    },
  );

  it('answers a message with personal data once, the privacy notice coming back through botkit', async () => {
    const seen: string[] = [];
    const { dialog } = await parts();
    const watching: Dialog = {
      respond: (state, input) => {
        seen.push(input.text ?? '');
        return dialog.respond(state, input);
      },
    };
    const respond = botkitResponder(watching);
    const result = await respond(
      NEW_CONVERSATION,
      { text: '電話は090-1234-5678、情報は漏れたの？', personalData: ['phone'] },
      { channel: 'web', session: 's2', text: '電話は090-1234-5678、情報は漏れたの？' },
      { text: '電話は[電話番号]、情報は漏れたの？', personalData: ['phone'] },
    );
    expect(result.reply.label).toBe('q1');
    expect(result.reply.messages.map((message) => message.notice)).toContain('privacy');
    expect(seen).toHaveLength(1);
  });

  it('turns a failure inside the turn into a HubError that keeps its cause', async () => {
    const failing: Dialog = {
      respond: () => {
        throw new Error('the dialog broke');
      },
    };
    const respond = botkitResponder(failing);
    const attempt = respond(NEW_CONVERSATION, { text: 'x' }, { channel: 'web', session: 's3', text: 'x' }, { text: 'x', personalData: [] });
    await expect(attempt).rejects.toBeInstanceOf(HubError);
    await expect(attempt).rejects.toMatchObject({ cause: { message: 'the dialog broke' } });
  });
});

describe('createBotkitHub', () => {
  it('starts, continues and forgets sessions through the one turn function', async () => {
    const { dialog, masker, sessions } = await parts();
    const hub = createBotkitHub({ dialog, sessions, masker });
    const session = await hub.startSession();
    expect(await hub.hasSession(session)).toBe(true);
    expect((await hub.handle({ channel: 'web', session, text: '情報は漏れたんですか' })).reply.label).toBe('q1');
    expect((await hub.handle({ channel: 'web', session, text: 'それはなぜ？' })).reply.label).toBe('q2');
    await hub.forget(session);
    expect(await hub.hasSession(session)).toBe(false);
  });
});
