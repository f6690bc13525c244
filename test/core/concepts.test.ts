import { analyze, buildCompoundTable } from '../../src/core/analyze';
import { compileConcepts, DISMISSAL, tagConcepts } from '../../src/core/concepts';
import type { ConceptDefinition } from '../../src/data/schemas';
import { readTermWith } from '../../src/core/term-readings';
import { normalize } from '../../src/core/normalize';
import { getEngine } from '../helpers/engine';
import { handTokenizer, type HandToken } from '../helpers/hand-built';

// Hand-built tokens stand in for kuromoji so each case shows exactly the split it tests.
const readings = {
  保険証: 'ホケンショウ',
  電話: 'デンワ',
  電話番号: 'デンワバンゴウ',
  医者: 'イシャ',
  協会: 'キョウカイ',
  漏れ: 'モレ',
  騙し: 'ダマシ',
  住所: 'ジュウショ',
  遮断: 'シャダン',
  資格: 'シカク',
};
const concepts: ConceptDefinition[] = [
  {
    concept: 'card',
    terms: [
      { text: '保険証', byReading: true },
      { text: 'insurance card', byReading: true },
    ],
  },
  {
    concept: 'call',
    terms: [
      { text: '電話', byReading: true },
      { text: 'call', byReading: true },
    ],
  },
  { concept: 'phone_number', terms: [{ text: '電話番号', byReading: true }] },
  { concept: 'clinic', terms: [{ text: '医者', byReading: true }] },
  { concept: 'association', terms: [{ text: '協会', byReading: true }] },
  {
    concept: 'leak',
    terms: [
      { text: '漏れ', byReading: true },
      { text: 'もれ', byReading: true },
      { text: 'leak', byReading: true },
    ],
  },
  { concept: 'investigation', terms: [{ text: '調べ', byReading: true }] },
  { concept: 'check', terms: [{ text: '調べ', byReading: true }] },
  { concept: 'scam', terms: [{ text: '騙し', byReading: true }] },
  { concept: 'forge', terms: [{ text: 'コピれ', byReading: true }] },
  { concept: 'data_item', terms: [{ text: '住所', byReading: true }] },
  { concept: 'countermeasure', terms: [{ text: '遮断', byReading: true }] },
  { concept: 'qualification', terms: [{ text: '資格', byReading: true }] },
  { concept: 'contact_info', terms: [{ text: '番号を教えて', byReading: false }] },
  { concept: 'request_verb', family: 'speech', terms: [{ text: '教えて', byReading: false }] },
  { concept: DISMISSAL, terms: [{ text: 'じゃなくて', byReading: false }] },
];

function tagsOf(text: string, tokens: HandToken[]) {
  const tokenizer = handTokenizer({ [normalize(text).text]: tokens }, readings);
  const matcher = compileConcepts(concepts, readTermWith(tokenizer));
  return tagConcepts(analyze(normalize(text), tokenizer, buildCompoundTable([])), matcher);
}

const summary = (text: string, tokens: HandToken[]) =>
  tagsOf(text, tokens)
    .hits.map((hit) => `${hit.concept}:${hit.via}`)
    .sort();

describe('finding concepts', () => {
  it('finds a kanji word by its letters', () => {
    expect(summary('保険証が心配', [['保険証', 'ホケンショウ'], ['が'], ['心配', 'シンパイ']])).toContain('card:surface');
  });

  it('finds a kanji word in hiragana by its reading, even where kuromoji split inside the word', () => {
    // kuromoji reads 「ほけんしょうが」 as ほけ|ん|しょうが: the word boundary is inside a token.
    const tokens: HandToken[] = [
      ['ほけ', 'ホケ', '動詞'],
      ['ん', 'ン'],
      ['しょうが', 'ショウガ'],
    ];
    expect(summary('ほけんしょうが', tokens)).toEqual(['card:reading']);
  });

  it('finds a same-reading typo (保健証 for 保険証)', () => {
    expect(
      summary('保健証', [
        ['保健', 'ホケン'],
        ['証', 'ショウ'],
      ]),
    ).toEqual(['card:reading']);
  });

  it('does not find a reading inside a known kanji word (イシャ in 会社)', () => {
    expect(summary('会社', [['会社', 'カイシャ']])).toEqual([]);
  });

  it('does not find a short reading that cuts into a katakana word (ダマシ in 「まだマシか」)', () => {
    const tokens: HandToken[] = [
      ['まだ', 'マダ', '副詞'],
      ['マシ', 'マシ', '名詞', false],
      ['か', 'カ', '助詞'],
    ];
    expect(summary('まだマシか', tokens)).toEqual([]);
  });

  it('finds a short reading that begins with a katakana word (コピれ in 「コピれる」)', () => {
    const tokens: HandToken[] = [
      ['コピ', 'コピ', '名詞', false],
      ['れる', 'レル', '動詞'],
    ];
    expect(summary('コピれる', tokens)).toEqual(['forge:reading']);
  });

  it('finds a word typed without its voicing marks, even in a message with none (しゅうしょ for 住所)', () => {
    expect(summary('しゅうしょ', [['しゅうしょ', 'シュウショ', '名詞', false]])).toEqual(['data_item:reading']);
  });

  it('finds か and た voiced as in 東北 speech (しかぐ for 資格)', () => {
    expect(summary('しかぐ', [['しかぐ', 'シカグ', '名詞', false]])).toEqual(['qualification:reading']);
  });

  it('does not find a word in voicing marks that were added elsewhere (遮断 in 「じゃったん」)', () => {
    expect(summary('じゃったん', [['じゃったん', 'ジャッタン', '名詞', false]])).toEqual([]);
  });

  it('lets the longest match win: 電話番号 is a phone number, not a call', () => {
    expect(
      summary('電話番号', [
        ['電話', 'デンワ'],
        ['番号', 'バンゴウ'],
      ]),
    ).toEqual(['phone_number:reading', 'phone_number:surface']);
  });

  it('keeps a word of another family inside a longer phrase where grammar sets it off: 「番号を教えて」 asks for something', () => {
    const tokens: HandToken[] = [
      ['番号', 'バンゴウ'],
      ['を', 'ヲ', '助詞'],
      ['教え', 'オシエ', '動詞'],
      ['て', 'テ', '助詞'],
    ];
    expect(summary('番号を教えて', tokens)).toEqual(['contact_info:surface', 'request_verb:surface']);
  });

  it('but not a word that is part of a longer word (電話 in 電話番号), nor one of the same family', () => {
    expect(
      summary('電話番号', [
        ['電話', 'デンワ'],
        ['番号', 'バンゴウ'],
      ]),
    ).not.toContain('call:surface');
  });

  it('matches by letters a term whose last sounds fold away (答えていい would read as 答えて)', () => {
    const matcher = compileConcepts(
      [{ concept: 'ask_for_info', terms: [{ text: '答えていい', byReading: true }] }],
      readTermWith(handTokenizer({}, { 答えていい: 'コタエテイイ' })),
    );
    const found: string[] = [];
    matcher.keyTerms.forEachMatch('コタエテ', (term) => found.push(term.term));
    expect(found).toEqual([]);
  });

  it('counts a term listed under two concepts for both', () => {
    expect(
      summary('調べた', [
        ['調べ', 'シラベ', '動詞'],
        ['た', 'タ'],
      ]),
    ).toEqual(['check:surface', 'investigation:surface']);
  });

  it('finds English words by their stems', () => {
    const tokens: HandToken[] = [
      ['was', undefined, '名詞', false],
      ['it', undefined, '名詞', false],
      ['leaked', undefined, '名詞', false],
    ];
    expect(summary('was it leaked', tokens)).toEqual(['leak:english']);
  });

  it('sets aside what comes before a dismissal, back to the start of the sentence', () => {
    const tokens: HandToken[] = [['漏れ', 'モレ'], ['の'], ['話'], ['じゃ'], ['なく'], ['て'], ['、'], ['電話', 'デンワ']];
    const tags = tagsOf('漏れの話じゃなくて、電話', tokens);
    expect([...tags.kept]).toEqual(['call']);
    expect([...tags.all].sort()).toEqual(['call', 'leak']);
    expect(tags.dismissed.map((hit) => hit.concept)).toEqual(['leak', 'leak']);
  });

  it('keeps concepts in an earlier sentence', () => {
    const tokens: HandToken[] = [['漏れ', 'モレ'], ['。'], ['協会', 'キョウカイ'], ['じゃ'], ['なく'], ['て']];
    const tags = tagsOf('漏れ。協会じゃなくて', tokens);
    expect([...tags.kept]).toEqual(['leak']);
  });
});

describe('compiling the dictionaries', () => {
  it('refuses a single-kana term, naming it', () => {
    const tokenizer = handTokenizer({});
    expect(() => compileConcepts([{ concept: 'leak', terms: [{ text: 'も', byReading: true }] }], readTermWith(tokenizer))).toThrow(
      /the term "も" of concept "leak" is a single kana/,
    );
  });
});

describe('overlay families (dictionaries/synonyms/08-scam-flow.yaml)', () => {
  // A channel word annotates: it is seen inside a longer phrase of another family (contacted
  // 「got an email」, 「メールが届い」), and only words of its own family compete with it.
  it.each([
    ['I got an email from them', ['contacted', 'email_message']],
    ['協会けんぽからメールが届いた', ['email_message']],
    ['協会けんぽからショートメールが届いた', ['sms_message']],
    ['LINEしてきた人がいる', ['line_message']],
  ])('「%s」 holds %j', async (text, expected) => {
    const engine = await getEngine();
    const { all } = engine.classify(text).tags;
    for (const concept of expected) expect(all).toContain(concept);
  });

  it('an SMS is not also an e-mail: the channels compete among themselves', async () => {
    const { all } = (await getEngine()).classify('ショートメールが来ました').tags;
    expect(all).toContain('sms_message');
    expect(all).not.toContain('email_message');
  });
});
