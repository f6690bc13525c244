import { alignReading, createRubyReader } from '../../src/core/ruby';
import { getEngine } from '../helpers/engine';

describe('alignReading', () => {
  it.each([
    ['問い合わせ', 'トイアワセ', [{ text: '問', reading: 'と' }, { text: 'い' }, { text: '合', reading: 'あ' }, { text: 'わせ' }]],
    ['漏れ', 'モレ', [{ text: '漏', reading: 'も' }, { text: 'れ' }]],
    ['お客様', 'おきゃくさま', [{ text: 'お' }, { text: '客様', reading: 'きゃくさま' }]],
    ['6月', '6がつ', [{ text: '6' }, { text: '月', reading: 'がつ' }]],
    // Kana that do not line up: the whole word carries the reading.
    ['行く', 'イッタ', [{ text: '行く', reading: 'いった' }]],
  ])('%s + %s', (word, reading, segments) => {
    expect(alignReading(word, reading)).toEqual(segments);
  });
});

describe('createRubyReader over the official answers', () => {
  it('joins up to every answer exactly, and reads this FAQ’s own words from dictionaries/readings.yaml', async () => {
    const engine = await getEngine();
    const read = createRubyReader(engine.tokenizer, engine.data.readings);
    for (const intent of engine.data.faq)
      expect(
        read(intent.answer)
          .map((segment) => segment.text)
          .join(''),
      ).toBe(intent.answer);
    const segments = read('被保険者の方は協会けんぽにお問い合わせください');
    expect(segments.find((segment) => segment.text === '被保険者')?.reading).toBe('ひほけんしゃ');
    expect(segments.find((segment) => segment.text === '協会')?.reading).toBe('きょうかい');
  });
});
