import { MAX_TEXT_LENGTH } from '../../src/server/chat-route';
import { MAX_TEXT, WORDS, otherLanguage } from '../../src/widget/text';
import { languageOfText } from '../../src/widget/wording';

test('the input allows what the chat API accepts', () => {
  expect(MAX_TEXT).toBe(MAX_TEXT_LENGTH);
});

// The Japanese words are the source of truth: every key in English too, of the same kind.
const keys = Object.keys(WORDS.ja) as Array<keyof typeof WORDS.ja>;
const say = (value: string | ((count: number) => string), count: number) => (typeof value === 'function' ? value(count) : value);

test.each(keys)('「%s」 has its English, in English', (key) => {
  const [ja, en] = [WORDS.ja[key], WORDS.en[key]];
  expect(typeof en).toBe(typeof ja);
  for (const count of [0, 1, 18, MAX_TEXT]) {
    expect(say(ja, count)).not.toBe('');
    // the language button names Japanese in Japanese; everything else English says in English
    if (key !== 'languageButton' && key !== 'languageButtonLabel') expect(languageOfText(say(en, count))).toBe('en');
    // the count is said (one may be said in words: "the last character")
    if (typeof ja === 'function' && count !== 1) expect(say(en, count)).toContain(String(count));
  }
});

test('English counts in the singular and the plural', () => {
  expect(WORDS.en.remaining(1)).toBe('1 character left');
  expect(WORDS.en.remaining(500)).toBe('500 characters left');
  expect(WORDS.en.pasteCut(1)).toMatch(/^The last character of/);
  expect(WORDS.en.pasteCut(18)).toMatch(/^The last 18 characters of/);
});

test('the language button switches to the other language and names it in itself', () => {
  expect(otherLanguage('ja')).toBe('en');
  expect(otherLanguage('en')).toBe('ja');
  expect(languageOfText(WORDS.ja.languageButton)).toBe('en');
  expect(languageOfText(WORDS.en.languageButton)).toBe('ja');
});

test.each([
  // text, its lang attribute
  ['協会けんぽ', 'ja'],
  ['Kyokai Kenpo call center', 'en'],
  ['0000-00-0000（仮の番号）', 'ja'], // Japanese anywhere makes it Japanese (a screen reader's voice must read it)
  ['Yes', 'en'],
  ['0570-000-000', null], // digits only: it inherits
])('languageOfText(%p) is %p', (text, language) => {
  expect(languageOfText(text)).toBe(language);
});
