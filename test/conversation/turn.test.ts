import { createDialog } from '../../src/conversation/dialog';
import { MemorySessionStore } from '../../src/conversation/session-store';
import { type ConversationState, NEW_CONVERSATION } from '../../src/conversation/state';
import { createTurnRunner, type LoggedTurn, respondWith, type TurnLog } from '../../src/conversation/turn';
import { createMasker } from '../../src/privacy/mask';
import { getEngine, getResponder } from '../helpers/engine';

// The turn function without botkit: mask → session → respond → effects → store → log.
async function setUp() {
  const engine = await getEngine();
  const sessions = new MemorySessionStore<ConversationState>({ ttlMs: 60_000, maxSessions: 100 });
  const logged: LoggedTurn[] = [];
  const feedback: Array<[string, boolean]> = [];
  const forgotten: string[] = [];
  const log: TurnLog = {
    record: (turn) => void logged.push(turn),
    recordFeedback: async (session, solved) => feedback.push([session, solved]) > 0,
    forgetSession: async (session) => {
      forgotten.push(session);
      return 1;
    },
  };
  const runner = createTurnRunner({
    sessions,
    masker: createMasker(engine.data.personalData, engine.tokenizer),
    respond: respondWith(createDialog(engine, await getResponder())),
    log,
  });
  return { runner, sessions, logged, feedback, forgotten };
}

describe('a turn', () => {
  it('logs the masked text only, and stores the session', async () => {
    const { runner, sessions, logged } = await setUp();
    const session = await sessions.create(NEW_CONVERSATION);
    const outcome = await runner.run({ channel: 'web', session, text: '山田太郎です。電話は090-1234-5678、情報は漏れたの？' });
    expect(outcome.reply.label).toBe('q1');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.maskedText).not.toContain('090-1234-5678');
    expect(logged[0]!.personalData).toContain('phone');
    expect((await sessions.get(session))?.lastIntent).toBe('q1');
  });

  it('carries out its effects: feedback goes to the log, a confirmed deletion deletes before the reply and logs nothing', async () => {
    const { runner, sessions, logged, feedback, forgotten } = await setUp();
    const session = await sessions.create(NEW_CONVERSATION);
    const answered = await runner.run({ channel: 'web', session, text: '情報は漏れたの？' });
    const yes = answered.reply.quickReplies.find((quick) => quick.payload.startsWith('feedback:'))!;
    const thanked = await runner.run({ channel: 'web', session, payload: yes.payload });
    expect(thanked.effect).toEqual({ kind: 'feedback', solved: true });
    expect(feedback).toEqual([[session, true]]);

    const asked = await runner.run({ channel: 'web', session, text: 'この会話を削除して' });
    const confirm = asked.reply.quickReplies.find((quick) => quick.payload === 'forget:confirm')!;
    const before = logged.length;
    const done = await runner.run({ channel: 'web', session, payload: confirm.payload, earlierSessions: ['older'] });
    expect(done.effect).toEqual({ kind: 'forget' });
    expect(forgotten).toEqual(['older', session]);
    expect(await sessions.get(session)).toBeUndefined();
    expect(logged).toHaveLength(before);
  });

  it('answers a turn of a session that has ended, without bringing it back', async () => {
    const { runner, sessions, logged } = await setUp();
    const outcome = await runner.run({ channel: 'web', session: 'gone-session-id-000000000', text: '対策は？' });
    expect(outcome.reply.label).toBe('q11');
    expect(await sessions.get('gone-session-id-000000000')).toBeUndefined();
    expect(logged).toEqual([]);
  });
});
