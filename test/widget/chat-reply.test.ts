import { errorMessageOf, readChatReply } from '../../src/widget/chat-reply';

/** What the widget takes from a reply of POST /api/chat (test/browser drives the whole widget). */

describe('readChatReply', () => {
  it('keeps what the server sends and the widget shows', () => {
    const reply = readChatReply({
      session: 's1',
      label: 'q9',
      messages: [
        { kind: 'notice', notice: 'scam_warning', text: 'ご注意' },
        { kind: 'answer', text: '選んでください' },
      ],
      quickReplies: [{ label: '何も伝えていない', payload: 'flow:scam_call:nothing' }],
      callCenter: { name: 'コールセンター', phone: '0570-000-000', hours: '平日' },
    });
    expect(reply).toEqual({
      session: 's1',
      sessionRenewed: false,
      conversationDeleted: false,
      messages: [
        { kind: 'notice', notice: 'scam_warning', text: 'ご注意' },
        { kind: 'answer', text: '選んでください' },
      ],
      quickReplies: [{ label: '何も伝えていない', payload: 'flow:scam_call:nothing' }],
      callCenter: { name: 'コールセンター', phone: '0570-000-000', hours: '平日' },
    });
  });

  it.each([
    ['not an object', 'ok'],
    ['no messages', { session: 's1' }],
    ['messages not a list', { messages: 'こんにちは' }],
  ])('is null for a body that is not a reply (%s)', (_why, body) => {
    expect(readChatReply(body)).toBeNull();
  });

  it('leaves out what is missing or of the wrong type, never trusting it', () => {
    const reply = readChatReply({
      session: 42,
      sessionRenewed: 'yes',
      messages: [null, { kind: 'notice', notice: 'other', text: 'お知らせ' }, { kind: 'html', text: 7 }],
      quickReplies: [{ label: 'ok', payload: 'menu' }, { label: 1, payload: 'x' }, 'menu'],
      callCenter: { name: 'C', phone: null },
    });
    expect(reply).toEqual({
      session: null,
      sessionRenewed: false,
      conversationDeleted: false,
      // an unknown notice is shown as the privacy notice; an unknown kind as an answer
      messages: [
        { kind: 'answer', text: '' },
        { kind: 'notice', notice: 'privacy', text: 'お知らせ' },
        { kind: 'answer', text: '' },
      ],
      quickReplies: [{ label: 'ok', payload: 'menu' }],
      callCenter: { name: 'C', phone: '', hours: '' },
    });
  });
});

test('errorMessageOf: the server’s own message, at most 300 characters, or null', () => {
  expect(errorMessageOf({ error: { code: 'X', message: 'ただいま準備中です。' } })).toBe('ただいま準備中です。');
  expect(errorMessageOf({ error: { message: 'あ'.repeat(400) } })).toBe('あ'.repeat(300));
  expect(errorMessageOf({ error: 'broken' })).toBeNull();
  expect(errorMessageOf(null)).toBeNull();
});
