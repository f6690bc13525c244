/**
 * Text normalisation, the first step of the pipeline. Pure and dictionary-free.
 *
 * NFKC folds full-width letters and digits (「７０．７万件」), half-width katakana
 * (「ｹﾝﾎﾟ」, which kuromoji reads as an unknown word otherwise) and compatibility symbols.
 * We deliberately do not use natural's normalizeJa: it rewrites 々 (人々 → 人人), which
 * changes how kuromoji splits the sentence.
 */

// Wave dashes and tildes after kana are stretched vowels (「ありがと〜」).
const STRETCH_MARKS = /(?<=[\u3041-\u30ff])[〜～~]+/gu;
// A few emoji carry a word of their own when sent alone or in place of one (👋 for a greeting,
// 🙏 for thanks, 🤖 asking whether this is a bot); every other one carries none.
const EMOJI_WORDS: ReadonlyMap<string, string> = new Map([
  ['👋', ' やあ '],
  ['🙏', ' ありがとう '],
  ['🤖', ' ボット '],
]);
const WORD_EMOJI = new RegExp(`[${[...EMOJI_WORDS.keys()].join('')}]`, 'gu');
// Emoji, pictographs and their joiners/variation selectors carry no words for matching.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|[\u{1F3FB}-\u{1F3FF}]|\u200d|\ufe0e|\ufe0f|\u20e3/gu;
// Control characters (but not line breaks or tabs) and lone surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udfff]/gu;
// Dashes that mean a long vowel after katakana (「コールセンタ－」 typed with a minus sign).
const DASH_AFTER_KATAKANA = /(?<=[\u30a1-\u30fa])[-‐‑‒–—―−－]/gu;
// Thousands separators in numbers: 707,000 → 707000.
const THOUSANDS_SEPARATOR = /(?<=\d),(?=\d{3}(?!\d))/gu;
// A character repeated three or more times (「ーーー」「！！！」「ああああ」), digits excepted.
const REPEATED = /(\D)\1{2,}/gu;
const SPACES = /\s+/gu;

export interface NormalizedText {
  /** The text as typed (after control characters are removed). */
  readonly original: string;
  /** NFKC, lower-case ASCII, stretched vowels and repeats folded, single spaces. */
  readonly text: string;
}

/**
 * The text without control characters (line breaks and tabs kept) or lone surrogates: they
 * carry no words, upset tokenizer offsets and, stored raw, could drive a staff terminal.
 */
export function withoutControlCharacters(input: string): string {
  return input.replace(CONTROL, '');
}

export function normalize(input: string): NormalizedText {
  const original = withoutControlCharacters(input);
  const text = original
    .normalize('NFKC')
    .replace(WORD_EMOJI, (emoji) => EMOJI_WORDS.get(emoji)!)
    .replace(EMOJI, ' ')
    .replace(STRETCH_MARKS, 'ー')
    .replace(DASH_AFTER_KATAKANA, 'ー')
    .replace(THOUSANDS_SEPARATOR, '')
    .replace(REPEATED, '$1')
    .toLowerCase()
    .replace(SPACES, ' ')
    .trim();
  return { original, text };
}

const JAPANESE_CHAR = '[\\u3000-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff々〆ー]';
const SPACE_BETWEEN_JAPANESE = new RegExp(`(?<=${JAPANESE_CHAR}) (?=${JAPANESE_CHAR})`, 'gu');

/**
 * The text for substring matching of kanji words: spaces between Japanese characters are
 * dropped (「ほけん しょう」, 「個人 情報」), spaces between English words are kept.
 */
export function surfaceForMatching(normalizedText: string): string {
  return normalizedText.replace(SPACE_BETWEEN_JAPANESE, '');
}
