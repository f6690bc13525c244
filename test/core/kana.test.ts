import { hiraganaToKatakana, isHiraganaOnly, isKanaOnly, readingKey } from '../../src/core/kana';

describe('kana helpers', () => {
  it('turns hiragana into katakana and leaves the rest', () => {
    expect(hiraganaToKatakana('ほけんしょう保険ABC')).toBe('ホケンショウ保険ABC');
  });

  it('tells kana-only and hiragana-only text', () => {
    expect(isKanaOnly('ケンポ')).toBe(true);
    expect(isKanaOnly('けんぽ')).toBe(true);
    expect(isKanaOnly('健保')).toBe(false);
    expect(isHiraganaOnly('けんぽ')).toBe(true);
    expect(isHiraganaOnly('ケンポ')).toBe(false);
  });

  it.each([
    // Long vowels are written with ウ, with ー, or not at all.
    ['ホケンショウ', 'ホケンショ'],
    ['ほけんしょー', 'ホケンショ'],
    ['ケイサツ', 'ケサツ'],
    ['けーさつ', 'ケサツ'],
    // A missing small っ is a common typo (はいてた for はいってた).
    ['ハイッテタ', 'ハイテタ'],
  ])('readingKey(%s) = %s', (reading, key) => {
    expect(readingKey(reading)).toBe(key);
  });
});
