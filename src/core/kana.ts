/**
 * Kana helpers. Matching on readings lets hiragana-only input (「ほけんしょう」) and
 * same-reading kanji typos (「保健証」「協会剣保」) meet the dictionary's words.
 */

const HIRAGANA_START = 0x3041; // ぁ
const HIRAGANA_END = 0x3096; // ゖ
const KANA_OFFSET = 0x60; // distance from a hiragana to its katakana

export function hiraganaToKatakana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code >= HIRAGANA_START && code <= HIRAGANA_END ? String.fromCodePoint(code + KANA_OFFSET) : ch;
  }
  return out;
}

const KANA_ONLY = /^[\u3041-\u309f\u30a0-\u30ffー]+$/u;
const HAS_KANJI = /[\u3400-\u9fff\uf900-\ufaff々〆]/u;

export function isKanaOnly(text: string): boolean {
  return KANA_ONLY.test(text);
}

const HIRAGANA_ONLY = /^[\u3041-\u309fー]+$/u;

export function isHiraganaOnly(text: string): boolean {
  return HIRAGANA_ONLY.test(text);
}

const KATAKANA_ONLY = /^[\u30a0-\u30ffー]+$/u;

export function isKatakanaOnly(text: string): boolean {
  return KATAKANA_ONLY.test(text);
}

export function hasKanji(text: string): boolean {
  return HAS_KANJI.test(text);
}

// Kana that end in the vowel o or e: after them a ウ or イ only lengthens the vowel,
// so ショウ/ショー and ケイ/ケー are written both ways by the public.
const O_ROW = new Set([...'オコゴソゾトドノホボポモヨョロヲォ']);
const E_ROW = new Set([...'エケゲセゼテデネヘベペメレェ']);

/**
 * A spelling-tolerant key for a katakana reading: drops the long-vowel mark and small ッ
 * (「はいてた」 for 「はいってた」), folds ウ after an o-sound and イ after an e-sound,
 * and turns hiragana into katakana. Both the dictionary's words and the input go through it.
 */
export function readingKey(reading: string): string {
  return foldReading(hiraganaToKatakana(reading), 0, undefined);
}

/**
 * readingKey for a katakana string. When `offsets` is given, appends for each of the
 * string's UTF-16 units the position it lands on in the key (`keyStart` plus the key's length
 * before it), so a match found in the plain reading maps onto the key.
 */
export function foldReading(katakana: string, keyStart: number, offsets: number[] | undefined): string {
  let key = '';
  let previous = '';
  for (let index = 0; index < katakana.length; index++) {
    const ch = katakana[index]!;
    offsets?.push(keyStart + key.length);
    if (ch === 'ー' || ch === 'ッ') continue;
    if (ch === 'ウ' && O_ROW.has(previous)) continue;
    if (ch === 'イ' && E_ROW.has(previous)) continue;
    key += ch;
    previous = ch;
  }
  return key;
}

const UNVOICED: Record<string, string> = Object.fromEntries(
  [...'ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ'].map((voiced, index) => [
    voiced,
    'カキクケコサシスセソタチツテトハヒフヘホハヒフヘホウ'[index]!,
  ]),
);

/**
 * A reading key with the voicing marks dropped (ガ→カ, バ・パ→ハ), one character for one.
 * Used only inside hiragana and unknown words, for dialects that voice consonants
 * (「ほげんのしかぐ」 for 「ほけんのしかく」) and slips such as 「ずざん」 for 「ずさん」.
 */
const VOICED = new RegExp(`[${Object.keys(UNVOICED).join('')}]`, 'gu');

export function unvoice(key: string): string {
  return key.replace(VOICED, (ch) => UNVOICED[ch]!);
}
