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
      asOfNote: null,
      language: 'ja',
    });
  });

  it('keeps the ふりがな, the official mark, the date line and the language', () => {
    const ruby = [{ text: '協会', reading: 'きょうかい' }, { text: 'から' }];
    const reply = readChatReply({
      session: 's1',
      messages: [
        { kind: 'answer', text: 'Below is the official answer.', ruby: [{ text: 'Below is the official answer.' }] },
        { kind: 'answer', text: '協会から', official: true, ruby },
      ],
      quickReplies: [],
      asOf: '2026-11-25',
      asOfNote: '(As published on 25 November 2026)',
      language: 'en',
    });
    expect(reply?.messages).toEqual([
      { kind: 'answer', text: 'Below is the official answer.', ruby: [{ text: 'Below is the official answer.' }] },
      { kind: 'answer', text: '協会から', official: true, ruby },
    ]);
    expect(reply?.asOfNote).toBe('(As published on 25 November 2026)');
    expect(reply?.language).toBe('en');
  });

  it.each([
    // why, the segments sent with the text 「協会から」
    ['they do not add up to the text', [{ text: '協会', reading: 'きょうかい' }]],
    ['a segment is not text', [{ text: '協会', reading: 'きょうかい' }, 'から']],
    ['a reading is not text', [{ text: '協会', reading: 1 }, { text: 'から' }]],
    ['not a list', '協会(きょうかい)から'],
  ])('shows the plain text when the ふりがな cannot be trusted (%s)', (_why, ruby) => {
    const reply = readChatReply({ messages: [{ kind: 'answer', text: '協会から', ruby }] });
    expect(reply?.messages).toEqual([{ kind: 'answer', text: '協会から' }]);
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
      asOfNote: null,
      language: 'ja',
    });
  });

  it('reads any language but English as Japanese, and official only when it is true', () => {
    const reply = readChatReply({ messages: [{ kind: 'answer', text: 'a', official: 'yes' }], language: 'fr', asOfNote: 7 });
    expect(reply).toMatchObject({ messages: [{ kind: 'answer', text: 'a' }], language: 'ja', asOfNote: null });
  });
});

test('errorMessageOf: the server’s own message, at most 300 characters, or null', () => {
  expect(errorMessageOf({ error: { code: 'X', message: 'ただいま準備中です。' } })).toBe('ただいま準備中です。');
  // in English, its English message where it has one
  const both = { error: { message: 'ただいま準備中です。', message_en: 'Starting up.' } };
  expect(errorMessageOf(both, 'en')).toBe('Starting up.');
  expect(errorMessageOf(both, 'ja')).toBe('ただいま準備中です。');
  expect(errorMessageOf({ error: { message: 'ただいま準備中です。' } }, 'en')).toBe('ただいま準備中です。');
  expect(errorMessageOf({ error: { message: 'あ'.repeat(400) } })).toBe('あ'.repeat(300));
  expect(errorMessageOf({ error: 'broken' })).toBeNull();
  expect(errorMessageOf(null)).toBeNull();
});
