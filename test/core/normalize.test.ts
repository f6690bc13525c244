import { normalize, surfaceForMatching } from '../../src/core/normalize';

describe('normalize', () => {
  it.each([
    // Half-width katakana is an unknown word to kuromoji until NFKC folds it.
    ['ｷｮｳｶｲｹﾝﾎﾟの情報', 'キョウカイケンポの情報'],
    // Full-width digits and punctuation.
    ['７０．７万件', '70.7万件'],
    ['ＰＣ　ＳＭＳ', 'pc sms'],
    // A stretched vowel typed with a wave dash.
    ['ありがと〜', 'ありがとー'],
    ['ありがと～～', 'ありがとー'],
    // Repeats of three or more fold to one; digits never fold.
    ['こわいいいい！！！', 'こわい!'],
    ['ｱｱｱｱｱｱ', 'ア'],
    ['1111222', '1111222'],
    // Thousands separators.
    ['707,000 records', '707000 records'],
    // Emoji carry no words.
    ['詐欺？😨👨‍👩‍👧', '詐欺?'],
    // A minus sign after katakana is a long vowel.
    ['コールセンタ－', 'コールセンター'],
    // 々 stays as it is (natural's normalizeJa would rewrite it and change tokenization).
    ['人々', '人々'],
  ])('%s → %s', (input, expected) => {
    expect(normalize(input).text).toBe(expected);
  });

  it('removes control characters and lone surrogates but keeps the text', () => {
    expect(normalize('保険\u0000証\ud800').text).toBe('保険証');
  });

  it('never throws on odd input', () => {
    for (const input of ['', ' ', '\u200d', '\ud83d', 'a'.repeat(10000), '\u{1F600}'.repeat(100)]) {
      expect(() => normalize(input)).not.toThrow();
    }
  });
});

describe('surfaceForMatching', () => {
  it('drops spaces between Japanese characters and keeps them between English words', () => {
    expect(surfaceForMatching('ほけん しょう と kyokai kenpo')).toBe('ほけんしょうと kyokai kenpo');
  });
});
