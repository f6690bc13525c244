import fs from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../src/core/engine';
import { hiraganaToKatakana } from '../../src/core/kana';
import {
  buildStockTokenizer,
  getTokenizer,
  type KuromojiToken,
  STOCK_DICTIONARY_PATH,
  type Tokenizer,
} from '../../src/dictionary/tokenizer';
import { loadBotData } from '../../src/data/load-bot-data';
import { readEvalFile } from '../../src/evaluation/dataset';
import { INTENTS_DIR } from '../../src/paths';

// The compact tokenizer must give exactly stock kuromoji's tokens (every field, including
// word_id and word_position), on a corpus of a few thousand varied sentences.

const fixtures = path.join(__dirname, '..', 'fixtures');
const labelled = ['dev.jsonl', 'tune.jsonl', 'holdout-1.jsonl'].flatMap((file) =>
  readEvalFile(path.join(fixtures, file)).map((item) => item.text),
);
const data = loadBotData();
const faqLines = fs
  .readFileSync(path.join(INTENTS_DIR, 'official-faq.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const base = [...labelled, ...faqLines, ...data.faq.flatMap((intent) => intent.examples)];

const toHiragana = (katakana: string) => katakana.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
const fullWidthAscii = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const halfWidthKatakana = (text: string) =>
  text.replace(/[\u30a1-\u30f6ー]/g, (ch) => {
    // Half-width forms are in U+FF61..U+FF9F; find the one that NFKC folds back to ch.
    for (let code = 0xff66; code <= 0xff9d; code++)
      if (String.fromCharCode(code).normalize('NFKC') === ch) return String.fromCharCode(code);
    return ch;
  });

/** Variants as people type: hiragana and katakana readings, full-width letters, half-width kana, spaces, no punctuation. */
function variants(stock: Tokenizer, text: string): string[] {
  const tokens = stock.tokenize(text);
  const reading = tokens.map((token) => token.reading ?? token.surface_form).join('');
  return [
    toHiragana(reading),
    hiraganaToKatakana(reading),
    fullWidthAscii(text),
    halfWidthKatakana(hiraganaToKatakana(reading)),
    tokens.map((token) => token.surface_form).join(' '),
    text.replace(/[、。！？!?,.]/g, ''),
  ];
}

const edgeCases = [
  '',
  ' ',
  '。。。',
  'ーーーー',
  '𠮷野家で🍣を食べた👨‍👩‍👧',
  'ｱｲｳｴｵ ﾊﾝｶｸ ｶﾀｶﾅ',
  'ABCＡＢＣ123１２３',
  '保険証'.repeat(200),
  'あ'.repeat(500),
  '\t改行\nあり\r\n',
  'Mixed English と 日本語 text with 数字 707,000 and 70.7万件',
];

describe('the compact tokenizer', () => {
  let stock: Tokenizer;
  let compact: Tokenizer;
  beforeAll(async () => {
    stock = await buildStockTokenizer(STOCK_DICTIONARY_PATH);
    compact = await getTokenizer();
  });

  it('gives stock kuromoji’s tokens on thousands of varied sentences', () => {
    const corpus = [...new Set([...base, ...base.flatMap((text) => variants(stock, text)), ...edgeCases])];
    expect(corpus.length).toBeGreaterThan(3000);
    const differences: string[] = [];
    for (const text of corpus) {
      const expected: KuromojiToken[] = stock.tokenize(text);
      const actual: KuromojiToken[] = compact.tokenize(text);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differences.push(text);
    }
    expect(differences).toEqual([]);
  });

  it('changes no answer on the labelled sets', async () => {
    const withStock = await createEngine({ tokenizer: stock });
    const withCompact = await createEngine({ tokenizer: compact });
    const changed = labelled.filter((text) => {
      const a = withStock.classify(text);
      const b = withCompact.classify(text);
      return a.label !== b.label || a.score !== b.score;
    });
    expect(changed).toEqual([]);
  });
});
