import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Tokenizer } from '../../src/dictionary/tokenizer';
import { loadBotData } from '../../src/data/load-bot-data';
import { INTENTS_DIR } from '../../src/paths';
import { compilePersonalData, createMasker, isValidMyNumber, type Masker } from '../../src/privacy/mask';
import { getEngine } from '../helpers/engine';

let masker: Masker;
beforeAll(async () => {
  const engine = await getEngine();
  masker = createMasker(engine.data.personalData, engine.tokenizer);
});

describe('masking personal data', () => {
  it.each([
    ['保険証の記号１２３４５６７８、番号１５です', ['insurance_number'], '保険証の[保険証の記号・番号]、[保険証の記号・番号]です'],
    ['記号01234567 番号31', ['insurance_number'], '[保険証の記号・番号] [保険証の記号・番号]'],
    ['被保険者番号は 12345678−9 です', ['insurance_number'], '[保険証の記号・番号] です'],
    ['my insurance card number is 12345678-9', ['insurance_number'], 'my [保険証の記号・番号]'],
    ['連絡先は090-1234-5678です', ['phone'], '連絡先は[電話番号]です'],
    ['携帯は０９０ー１２３４ー５６７８', ['phone'], '携帯は[電話番号]'],
    ['自宅 03(1234)5678', ['phone'], '自宅 [電話番号]'],
    ['0120-123-456 にかけた', ['phone'], '[電話番号] にかけた'],
    ['09012345678', ['phone'], '[電話番号]'],
    ['マイナンバーは123456789018です', ['my_number'], 'マイナンバーは[マイナンバー]です'],
    ['1234 5678 9018', ['my_number'], '[マイナンバー]'],
    ['mail: taro.yamada@example.co.jp', ['email'], 'mail: [メールアドレス]'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ', ['email'], '[メールアドレス]'],
    ['〒100-0001 東京都', ['postal_code'], '[郵便番号] 東京都'],
    ['〇〇銀行 普通 1234567 です', ['bank_account'], '〇〇銀行 [口座番号] です'],
    ['口座番号は７６５４３２１', ['bank_account'], '[口座番号]'],
    ['昭和12年5月3日生まれ', ['birth_date'], '[生年月日]生まれ'],
    ['誕生日は1975/4/2です', ['birth_date'], '誕生日は[生年月日]です'],
    ['山田太郎です', ['name'], '[氏名]です'],
    ['佐藤さんに聞きました', ['name'], '[氏名]さんに聞きました'],
    ['名前は山田です', ['name'], '[氏名]です'],
    ['My name is Maria Santos.', ['name'], '[氏名].'],
    ['ID 98765432109876', ['long_number'], 'ID [番号]'],
    // Names written with a space: kuromoji tags 太郎 after a space as a place (地域), so the
    // given name is read again with the space closed up.
    ['山田 太郎です', ['name'], '[氏名]です'],
    ['山田　太郎です', ['name'], '[氏名]です'], // ideographic space
    ['山田 花子と申します', ['name'], '[氏名]と申します'],
    // 一郎さん alone used to be masked, leaving the surname 田中 in the log.
    ['田中　一郎さん', ['name'], '[氏名]さん'],
    ['佐藤 様に伺いました', ['name'], '[氏名] 様に伺いました'],
    // Dates with spaces, and in kanji numerals.
    ['生年月日 1980年 1月 2日', ['birth_date'], '生年月日 [生年月日]'],
    ['昭和五十五年一月二日', ['birth_date'], '[生年月日]'],
    ['平成元年 1月 8日生まれ', ['birth_date'], '[生年月日]生まれ'],
    ['一九八〇年一月二日', ['birth_date'], '[生年月日]'],
    // Phone numbers with brackets, dots, and spaces around the dashes.
    ['(090)1234-5678', ['phone'], '[電話番号]'],
    ['090.1234.5678', ['phone'], '[電話番号]'],
    ['090 - 1234 - 5678', ['phone'], '[電話番号]'],
    ['(03) 1234-5678', ['phone'], '[電話番号]'],
    ['+81 90 1234 5678', ['phone'], '[電話番号]'],
    // English names in lower case after "my name is"; a following common word is left.
    ['my name is taro yamada', ['name'], '[氏名]'],
    ['MY NAME IS TARO YAMADA', ['name'], '[氏名]'],
    ['my name is taro and I worry', ['name'], '[氏名] and I worry'],
    ["I'm Maria Santos, is my data safe?", ['name'], '[氏名], is my data safe?'],
    // Other spaces and invisible characters between the groups of a number or inside an address.
    ['折り返しは090\u00a01234\u00a05678に', ['phone'], '折り返しは[電話番号]に'],
    ['090\t1234\t5678', ['phone'], '[電話番号]'],
    ['090\u20091234\u20095678', ['phone'], '[電話番号]'],
    ['090\u00ad1234\u00ad5678', ['phone'], '[電話番号]'],
    ['マイナンバーは1234\u200b5678\u200b9018です', ['my_number'], 'マイナンバーは[マイナンバー]です'],
    ['taro\u200b@example.com', ['email'], '[メールアドレス]'],
    ['\u200b山田\u200b太郎です', ['name'], '\u200b[氏名]です'],
    // A dash look-alike beside a zero-width space is still a dash between digits.
    ['090‐\u200b1234‐5678', ['phone'], '[電話番号]'],
    ['０９０ー\u200b１２３４ー５６７８', ['phone'], '[電話番号]'],
    // kuromoji loses as many units after emoji as there were emoji: 山田 must not vanish.
    ['😀😀山田太郎です', ['name'], '😀😀[氏名]です'],
    ['🙏🙏🙏🙏🙏🙏山田太郎と申します', ['name'], '🙏🙏🙏🙏🙏🙏[氏名]と申します'],
    ['😊😊佐藤さんから電話', ['name'], '😊😊[氏名]さんから電話'],
    ['This is John from Osaka', ['name'], '[氏名] from Osaka'],
    ['I am Thai Nguyen', ['name'], '[氏名]'],
    ['I am Sri Wahyuni', ['name'], '[氏名]'],
  ])('%s', (input, kinds, expected) => {
    const masked = masker.mask(input);
    expect(masked.found).toEqual(kinds);
    expect(masked.text).toBe(expected);
  });

  it.each([
    // The FAQ's own numbers and everyday words are no personal data.
    '約70.7万件の個人情報',
    '４台の端末',
    '707,000 records',
    '6月に把握しました',
    '2つの専門事業者',
    '問9の回答',
    'コールセンターの電話番号は？',
    'マイナンバーカードのこと',
    'リストの中身',
    '情報は漏れたの？',
    'I am worried about my data',
    // Ordinary questions near the new patterns: a number word without digits, a month with no day.
    '保険証の番号は変わりますか',
    '2024年1月に何があったの',
    '令和6年6月に何があったの',
    '三十年前から加入しています',
    // A surname-like word, a space, then no given name.
    '山田 東京都に住んでいます',
    // "my name is" followed by ordinary English, not a name.
    'my name is in the leak?',
    'my name is on the list',
    'My name is leaked',
    'is my name written anywhere',
    // "I am" with a nationality or a word about the person, capitalised or not, is no name.
    'I am Japanese and my data is on the list?',
    "I'm Vietnamese, was my data leaked",
    'I am Worried',
    'This is The Kenpo?',
    // Decimals and versions are no phone numbers.
    '約70.7万件',
    'version 0.90.1234',
  ])('leaves %s alone', (input) => {
    expect(masker.mask(input).text).toBe(input);
  });

  it('masks twelve digits that fail the My Number check as a plain number', () => {
    expect(masker.mask('123456789012')).toMatchObject({ text: '[番号]', found: ['long_number'] });
  });

  it('finds nothing in the official FAQ text or the intents’ example phrasings', () => {
    const data = loadBotData();
    const official = fs.readFileSync(path.join(INTENTS_DIR, 'official-faq.txt'), 'utf8').split('\n');
    const examples = data.faq.flatMap((intent) => intent.examples).filter((text) => !/[0-9０-９]{5,}/.test(text));
    const flagged = [...official, ...examples].filter((text) => masker.mask(text).found.length > 0);
    expect(flagged).toEqual([]);
  });

  it('checks the My Number check digit', () => {
    expect(isValidMyNumber('123456789018')).toBe(true);
    expect(isValidMyNumber('123456789012')).toBe(false);
  });
});

it('sees a number through a lone surrogate, so a second pass changes nothing (found by fast-check)', () => {
  const once = masker.mask('記号0\ud83d0');
  expect(once).toMatchObject({ text: '[保険証の記号・番号]', found: ['insurance_number'] });
  expect(masker.mask(once.text).text).toBe(once.text);
});

describe('names at the point where a long message is cut for the tokenizer', () => {
  // Past 256 characters a message is tokenized in stretches; with no punctuation near the end a
  // cut inside 佐藤 used to leave 佐 (or the whole name) in the log.
  const filler = 'きのうへんなでんわがありました'.repeat(17);
  it.each([
    [filler.slice(0, 255) + '佐藤さんから電話です', filler.slice(0, 255) + '[氏名]さんから電話です'],
    [filler.slice(0, 253) + '山田太郎です', filler.slice(0, 253) + '[氏名]です'],
    [filler.slice(0, 255) + '山田太郎です', filler.slice(0, 255) + '[氏名]です'],
  ])('masks the whole name (%#)', (input, expected) => {
    expect(masker.mask(input).text).toBe(expected);
  });
});

describe('names around control characters', () => {
  // kuromoji drops U+0000 from its tokens (and at times the rest of the sentence), so positions
  // added up from surface lengths used to mask the wrong characters.
  it.each([
    ['\u0000\u0000\u0000\u0000山田太郎です。情報は漏れたの？', '\u0000\u0000\u0000\u0000[氏名]です。情報は漏れたの？'],
    ['山田太郎\u0000です', '[氏名]\u0000です'],
    ['保険証の件で\u0000\u0000\u0000\u0000 佐藤花子さんが', '保険証の件で\u0000\u0000\u0000\u0000 [氏名]さんが'],
    // An invisible character inside a name is masked with it.
    ['山\u0000田太郎です', '[氏名]です'],
    ['山\u200b田太郎です', '[氏名]です'],
    ['\ufeff山田\u0085太郎です', '\ufeff[氏名]です'],
  ])('%j', (input, expected) => {
    expect(masker.mask(input)).toMatchObject({ text: expected, found: ['name'] });
  });

  it('masks the name wherever control characters are put into the sentence', () => {
    const controls = fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u0085', '\u200b', '\ufeff');
    const sentence = [...'連絡は山田太郎です'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(sentence.length), controls), { maxLength: 8 }), (insertions) => {
        const chars = [...sentence];
        for (const [at, control] of insertions) chars.splice(Math.min(at, chars.length), 0, control);
        const masked = masker.mask(chars.join(''));
        expect(masked.text.replace(/[\p{Cc}\p{Cf}]/gu, '')).toBe('連絡は[氏名]です');
      }),
      { numRuns: 300 },
    );
  });

  describe('with a tokenizer whose tokens do not add up to the text', () => {
    let real: Tokenizer;
    beforeAll(async () => {
      real = (await getEngine()).tokenizer;
    });

    it('places tokens by their text, so a dropped character shifts nothing', () => {
      // Like kuromoji with U+0000, but with a character the masker does not strip itself.
      const dropping: Tokenizer = { tokenize: (text) => real.tokenize(text.replace(/X/g, '')) };
      const masked = createMasker(loadBotData().personalData, dropping).mask('XX山田XX太郎です');
      expect(masked.text).toBe('XX[氏名]です');
    });

    it('masks the whole stretch where a token cannot be found, never a guessed position', () => {
      // A surface that is not in the text: the token is given the stretch between its neighbours.
      const altering: Tokenizer = {
        tokenize: (text) =>
          real.tokenize(text).map((token) => (token.surface_form === '山田' ? { ...token, surface_form: '山_田' } : token)),
      };
      const masked = createMasker(loadBotData().personalData, altering).mask('お世話になります。山田太郎です');
      expect(masked.text).toBe('お世話になります。[氏名]です');
    });
  });
});

describe('the masker, under any input', () => {
  const alphabet = fc.constantFrom(
    ...'0123456789０１２３４５６７８９-ー−ｰ @.abcＡ記号番号電話口座普通昭和年月日さん様山田太郎\n\t😀𠮷\ud800'.split(''),
  );
  const text = fc.array(alphabet, { maxLength: 200 }).map((chars) => chars.join(''));

  it('leaves its own marks alone when masking a masked text again (found by fast-check)', () => {
    const once = masker.mask('0000000番0');
    expect(once.text).toBe('[番号]番0');
    expect(masker.mask(once.text)).toMatchObject({ text: '[番号]番0', found: [] });
    expect(masker.mask('[電話番号]です、[番号]123')).toMatchObject({ text: '[電話番号]です、[番号]123', found: [] });
  });

  it('never throws, and masking twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 })), (input) => {
        const once = masker.mask(input);
        expect(masker.mask(once.text).text).toBe(once.text);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the text around what it masks', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).filter((s) => !/[0-9０-９@＠\n]/.test(s) && !/(さん|様|さま|氏|名前)/.test(s)),
        (around) => {
          const masked = masker.mask(`${around}090-1234-5678${around}`);
          expect(masked.text.startsWith(around)).toBe(true);
          expect(masked.text).toContain('[電話番号]');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles long hostile inputs (digit and dash runs, lookalike noise) without blowing up', () => {
    // Linear patterns finish these in milliseconds; a backtracking pattern would not finish at all.
    const hostile = [
      '0'.repeat(100_000),
      '0-'.repeat(50_000),
      '記号'.repeat(20_000) + '1',
      'a@'.repeat(40_000),
      '1234-5678-'.repeat(10_000),
      '昭和1年1月'.repeat(10_000),
      '0 - '.repeat(30_000),
      '(0'.repeat(50_000),
      '0.'.repeat(50_000),
      '一'.repeat(100_000),
      '昭和一年一月'.repeat(10_000),
      'my name is ' + 'a'.repeat(100_000),
      'my name is '.repeat(10_000),
      '山田 '.repeat(20_000),
      '\u0000'.repeat(100_000),
      '山田\u0000'.repeat(20_000),
    ];
    for (const input of hostile) expect(() => masker.mask(input)).not.toThrow();
  });
});

describe('pattern safety', () => {
  it('refuses a data file with an unsafe pattern, naming the kind', () => {
    expect(() =>
      compilePersonalData({ kinds: { phone: { mask: '[電話番号]', ignore_case: false, grouping: 'as_typed', patterns: ['(\\d+)+'] } } }),
    ).toThrow(/kinds\.phone: a repeated group contains a repeat/);
    expect(() =>
      compilePersonalData({
        kinds: { phone: { mask: '[電話番号]', ignore_case: false, grouping: 'as_typed', patterns: ['(?:[0-9]|[0-9]-?)*x'] } },
      }),
    ).toThrow(/kinds\.phone: a repeated group contains alternatives/);
  });
});
