import fc from 'fast-check';
import { createDialog, type Dialog } from '../../src/conversation/dialog';
import { NEW_CONVERSATION } from '../../src/conversation/state';
import { createResponder } from '../../src/core/reply';
import { labelSchema } from '../../src/data/schemas';
import { createMasker, type Masker } from '../../src/privacy/mask';
import { getEngine } from '../helpers/engine';

// Property tests over the whole pipeline (normalize → tokenize → concepts → match → decide →
// dialog → reply, and the masker): whatever arrives, an answer comes back with a known label.
let dialog: Dialog;
let masker: Masker;
beforeAll(async () => {
  const engine = await getEngine();
  dialog = createDialog(engine, createResponder(engine.data, engine.config));
  masker = createMasker(engine.data.personalData, engine.tokenizer);
});

const isLabel = (label: string) => labelSchema.safeParse(label).success;

function answers(text: string): void {
  const masked = masker.mask(text);
  const { reply } = dialog.respond(NEW_CONVERSATION, { text, personalData: masked.found });
  expect(isLabel(reply.label)).toBe(true);
  expect(reply.messages.length).toBeGreaterThan(0);
}

const controlAndOdd = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\r',
  '\n',
  '\t',
  '﷽',
  '𠮷',
  '👨‍👩‍👧‍👦',
  '🇯🇵',
  'ｶﾞ',
  '゛',
  '々',
  '〜',
);
const japanese = fc.constantFrom(...'協会けんぽ保険証電話漏えい詐欺番号です。、？！ぁあアァ漢字'.split(''));
const mixed = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 3 }), controlAndOdd, japanese), { maxLength: 80 })
  .map((parts) => parts.join(''));

describe('the whole pipeline, under any input', () => {
  it('never throws on random Unicode, control characters, lone surrogates and emoji sequences', () => {
    fc.assert(
      fc.property(fc.oneof(mixed, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 })), answers),
      { numRuns: 400 },
    );
  });

  it.each([
    ['10,000 characters of Japanese', '協会けんぽから電話がありました'.repeat(700).slice(0, 10_000)],
    ['10,000 digits', '1'.repeat(10_000)],
    ['10,000 hiragana without punctuation', 'あいうえおかきくけこ'.repeat(1000)],
    ['10,000 emoji', '😀'.repeat(5000)],
    ['10,000 lone surrogates', '\ud800'.repeat(10_000)],
    ['10,000 punctuation marks', '。、！？'.repeat(2500)],
  ])('answers %s within a bound', (_name, text) => {
    const started = Date.now();
    answers(text);
    // A generous bound: a hang or a quadratic blow-up would take far longer.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps the scam warning first for a scam report buried in a long message', () => {
    const text = `${'今日はいい天気ですね。'.repeat(150)}ところで協会けんぽを名乗る電話がありました。`;
    const { reply } = dialog.respond(NEW_CONVERSATION, { text });
    expect(reply.messages[0]?.notice).toBe('scam_warning');
  });
});
