import { inProcessApp, type InProcessApp } from '../helpers/in-process';

// ふりがな and the official FAQ's date in the chat API (issue "Answers everyone can read").
interface Body {
  messages: Array<{ text: string; official?: boolean; ruby: Array<{ text: string; reading?: string }> }>;
  asOf?: string;
  asOfNote?: string;
}

describe('POST /api/chat: ふりがな and the date of the answer (in-process)', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await inProcessApp();
  });
  afterAll(() => app.close());

  const chat = async (text: string) => (await app.request<Body>('POST', '/api/chat', { text })).body;

  it('gives every message ruby segments that join up to its text, with readings for 協会 and 漏えい', async () => {
    const body = await chat('情報は漏れたの？');
    for (const message of body.messages) expect(message.ruby.map((segment) => segment.text).join('')).toBe(message.text);
    const official = body.messages.find((message) => message.official)!;
    const readings = new Map(official.ruby.filter((segment) => segment.reading).map((segment) => [segment.text, segment.reading]));
    expect(readings.get('協会')).toBe('きょうかい');
    // 漏えい: the ruby goes over the kanji only; えい is kana and stays bare.
    expect(readings.get('漏')).toBe('ろう');
  });

  it('leaves kana, numbers and Latin bare, and gives readings in hiragana only', async () => {
    const body = await chat('不審なアクセスの原因は何ですか');
    for (const message of body.messages) {
      for (const segment of message.ruby) {
        if (segment.reading === undefined) continue;
        expect(segment.reading).toMatch(/^[\u3041-\u3096ー0-9.]+$/u);
        expect(segment.text).toMatch(/[\u3400-\u9fff々]/u);
      }
    }
  });

  it('says the official FAQ’s date with every official answer, and only then', async () => {
    const answer = await chat('情報は漏れたの？');
    expect(answer.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(answer.asOfNote).toMatch(/^（\d{4}年\d{1,2}月\d{1,2}日時点の公表内容です）$/);
    const warning = await chat('協会けんぽを名乗る電話がありました');
    expect(warning.asOf).toBe(answer.asOf);
    const greeting = await chat('こんにちは');
    expect(greeting.asOf).toBeUndefined();
  });
});
