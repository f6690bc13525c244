import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { loadBotData } from '../../src/data/load-bot-data';
import { INTENTS_DIR } from '../../src/paths';
import { compilePersonalData, createMasker, isValidMyNumber, type Masker } from '../../src/privacy/mask';
import { unsafeRepetition } from '../../src/privacy/safe-pattern';
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
  ])('%s', (input, kinds, expected) => {
    const masked = masker.mask(input);
    expect(masked.found).toEqual(kinds);
    expect(masked.text).toBe(expected);
  });

  it.each([
    // The FAQ's own numbers and everyday words are no personal data.
    '約70.7万件の個人情報', '４台の端末', '707,000 records', '6月に把握しました', '2つの専門事業者', '問9の回答',
    'コールセンターの電話番号は？', 'マイナンバーカードのこと', 'リストの中身', '情報は漏れたの？', 'I am worried about my data',
  ])('leaves %s alone', (input) => {
    expect(masker.mask(input).text).toBe(input);
  });

  it('masks twelve digits that fail the My Number check as a plain number', () => {
    expect(masker.mask('123456789012')).toEqual({ text: '[番号]', found: ['long_number'] });
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

describe('the masker, under any input', () => {
  const alphabet = fc.constantFrom(...'0123456789０１２３４５６７８９-ー−ｰ @.abcＡ記号番号電話口座普通昭和年月日さん様山田太郎\n\t😀𠮷\ud800'.split(''));
  const text = fc.array(alphabet, { maxLength: 200 }).map((chars) => chars.join(''));

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
      fc.property(fc.string({ maxLength: 40 }).filter((s) => !/[0-9０-９@＠\n]/.test(s) && !/(さん|様|さま|氏|名前)/.test(s)), (around) => {
        const masked = masker.mask(`${around}090-1234-5678${around}`);
        expect(masked.text.startsWith(around)).toBe(true);
        expect(masked.text).toContain('[電話番号]');
      }),
      { numRuns: 200 },
    );
  });

  it('handles long hostile inputs (digit and dash runs, lookalike noise) without blowing up', () => {
    // Linear patterns finish these in milliseconds; a backtracking pattern would not finish at all.
    const hostile = ['0'.repeat(100_000), '0-'.repeat(50_000), '記号'.repeat(20_000) + '1', 'a@'.repeat(40_000), '1234-5678-'.repeat(10_000), '昭和1年1月'.repeat(10_000)];
    for (const input of hostile) expect(() => masker.mask(input)).not.toThrow();
  });
});

describe('pattern safety', () => {
  it.each([['(a+)+'], ['(\\d{1,3}-?)*'], ['(?:x|y+){2,}']])('refuses %s', (source) => {
    expect(unsafeRepetition(source)).toBeDefined();
  });

  it.each([['[0-9]{4}-[0-9]{4}'], ['(?:記号|番号)[^0-9]{0,6}[0-9]{1,8}'], ['(?:ab){3}']])('accepts %s', (source) => {
    expect(unsafeRepetition(source)).toBeUndefined();
  });

  it('refuses a data file with an unsafe pattern, naming the kind', () => {
    expect(() => compilePersonalData({ kinds: { phone: { mask: '[電話番号]', ignore_case: false, patterns: ['(\\d+)+'] } } })).toThrow(/kinds\.phone: a repeated group contains a repeat/);
  });
});
