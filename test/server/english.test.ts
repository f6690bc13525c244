import { inProcessApp, type InProcessApp } from '../helpers/in-process';
import { getEngine } from '../helpers/engine';

// English around the official text (issue "Answers everyone can read").
interface Body {
  session: string;
  language?: string;
  label: string;
  messages: Array<{ kind: string; notice?: string; official?: boolean; text: string }>;
  quickReplies: Array<{ label: string; payload: string }>;
  callCenter?: { name: string };
  asOfNote?: string;
}

const JAPANESE = /[\u3041-\u30ff\u3400-\u9fff]/u;

describe('POST /api/chat in English (in-process)', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await inProcessApp();
  });
  afterAll(() => app.close());
  const chat = async (body: Record<string, unknown>) => (await app.request<Body>('POST', '/api/chat', body)).body;

  it('answers "Was my personal information leaked?" with English around the Japanese official text', async () => {
    const body = await chat({ text: 'Was my personal information leaked?' });
    expect(body.language).toBe('en');
    expect(body.label).toBe('q1');
    const official = body.messages.findIndex((message) => message.official);
    expect(body.messages[official]!.text).toBe((await getEngine()).data.faq.find((intent) => intent.id === 'q1')!.answer);
    expect(body.messages[official - 1]!.text).toMatch(/official answer, in Japanese/);
    for (const quick of body.quickReplies) expect(quick.label).not.toMatch(JAPANESE);
    for (const message of body.messages.filter((message) => message.kind === 'notice')) expect(message.text).not.toMatch(JAPANESE);
    expect(body.asOfNote).toMatch(/^\(As published on \d{1,2} [A-Z][a-z]+ \d{4}\)$/);
  });

  it.each(['A man called me and said he was from Kyokai Kenpo', 'I got an SMS from Kyokai Kenpo about a refund'])(
    'puts the warning’s essentials in English first, marked as a translation, then the official Japanese: %s',
    async (text) => {
      const body = await chat({ text });
      expect(body.label).toBe('q9');
      expect(body.messages[0]).toMatchObject({ kind: 'notice', notice: 'scam_warning' });
      expect(body.messages[0]!.text).toMatch(/^Translation for convenience/);
      expect(body.messages[1]).toMatchObject({ notice: 'scam_warning', official: true });
      expect(body.messages[1]!.text).toMatch(JAPANESE);
      for (const quick of body.quickReplies) expect(quick.label).not.toMatch(JAPANESE);
      expect(body.callCenter?.name).not.toMatch(JAPANESE);
    },
  );

  it('switches with the "English" button and back with 日本語, and follows the language the person writes in', async () => {
    const english = await chat({ payload: 'lang:en' });
    expect(english.language).toBe('en');
    for (const quick of english.quickReplies) expect(quick.label).not.toMatch(JAPANESE);
    const still = await chat({ payload: 'intent:q6', session: english.session });
    expect(still.language).toBe('en');
    const japanese = await chat({ text: '保険証は偽造されませんか', session: english.session });
    expect(japanese.language).toBeUndefined();
    expect(japanese.quickReplies.some((quick) => JAPANESE.test(quick.label))).toBe(true);
    const back = await chat({ payload: 'lang:ja', session: english.session });
    expect(back.language).toBeUndefined();
  });

  it('keeps romaji writers in Japanese', async () => {
    const body = await chat({ text: 'hokenshou wa mada tsukaemasu ka' });
    expect(body.language).toBeUndefined();
  });
});
