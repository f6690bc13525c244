import type { NormalizedText } from './normalize';

/**
 * Japanese typed in Latin letters (「kyoukai kenpo no jouhou morete shimatta?」) read as kana, so
 * the rest of the pipeline meets it as it meets 「きょうかい けんぽ の じょうほう…」: by reading.
 * Foreign residents and people on a phone without a Japanese keyboard write this way; English
 * messages must stay English (their words are matched by Porter stems).
 *
 * A message is read as romaji only when most of its Latin words spell valid syllables and few
 * of them are common English words; then each word that spells valid syllables becomes
 * hiragana and the rest (ATM, SMS, staff, gift card, data) stay as they are, for the English
 * stems to find.
 */

const SYLLABLES: Record<string, string> = {
  a: 'あ',
  i: 'い',
  u: 'う',
  e: 'え',
  o: 'お',
  ka: 'か',
  ki: 'き',
  ku: 'く',
  ke: 'け',
  ko: 'こ',
  kya: 'きゃ',
  kyu: 'きゅ',
  kyo: 'きょ',
  ga: 'が',
  gi: 'ぎ',
  gu: 'ぐ',
  ge: 'げ',
  go: 'ご',
  gya: 'ぎゃ',
  gyu: 'ぎゅ',
  gyo: 'ぎょ',
  sa: 'さ',
  shi: 'し',
  si: 'し',
  su: 'す',
  se: 'せ',
  so: 'そ',
  sha: 'しゃ',
  shu: 'しゅ',
  sho: 'しょ',
  she: 'しぇ',
  sya: 'しゃ',
  syu: 'しゅ',
  syo: 'しょ',
  za: 'ざ',
  ji: 'じ',
  zi: 'じ',
  zu: 'ず',
  ze: 'ぜ',
  zo: 'ぞ',
  ja: 'じゃ',
  ju: 'じゅ',
  jo: 'じょ',
  je: 'じぇ',
  jya: 'じゃ',
  jyu: 'じゅ',
  jyo: 'じょ',
  zya: 'じゃ',
  zyu: 'じゅ',
  zyo: 'じょ',
  ta: 'た',
  chi: 'ち',
  ti: 'ち',
  tsu: 'つ',
  tu: 'つ',
  te: 'て',
  to: 'と',
  cha: 'ちゃ',
  chu: 'ちゅ',
  cho: 'ちょ',
  che: 'ちぇ',
  tya: 'ちゃ',
  tyu: 'ちゅ',
  tyo: 'ちょ',
  da: 'だ',
  di: 'ぢ',
  du: 'づ',
  de: 'で',
  do: 'ど',
  na: 'な',
  ni: 'に',
  nu: 'ぬ',
  ne: 'ね',
  no: 'の',
  nya: 'にゃ',
  nyu: 'にゅ',
  nyo: 'にょ',
  ha: 'は',
  hi: 'ひ',
  fu: 'ふ',
  hu: 'ふ',
  he: 'へ',
  ho: 'ほ',
  hya: 'ひゃ',
  hyu: 'ひゅ',
  hyo: 'ひょ',
  fa: 'ふぁ',
  fi: 'ふぃ',
  fe: 'ふぇ',
  fo: 'ふぉ',
  ba: 'ば',
  bi: 'び',
  bu: 'ぶ',
  be: 'べ',
  bo: 'ぼ',
  bya: 'びゃ',
  byu: 'びゅ',
  byo: 'びょ',
  pa: 'ぱ',
  pi: 'ぴ',
  pu: 'ぷ',
  pe: 'ぺ',
  po: 'ぽ',
  pya: 'ぴゃ',
  pyu: 'ぴゅ',
  pyo: 'ぴょ',
  ma: 'ま',
  mi: 'み',
  mu: 'む',
  me: 'め',
  mo: 'も',
  mya: 'みゃ',
  myu: 'みゅ',
  myo: 'みょ',
  ya: 'や',
  yu: 'ゆ',
  yo: 'よ',
  ra: 'ら',
  ri: 'り',
  ru: 'る',
  re: 'れ',
  ro: 'ろ',
  rya: 'りゃ',
  ryu: 'りゅ',
  ryo: 'りょ',
  wa: 'わ',
  wo: 'を',
  va: 'ゔぁ',
  vi: 'ゔぃ',
  vu: 'ゔ',
  ve: 'ゔぇ',
  vo: 'ゔぉ',
  la: 'ら',
  li: 'り',
  lu: 'る',
  le: 'れ',
  lo: 'ろ',
};
const LONGEST_SYLLABLE = 3;
const VOWELS = new Set([...'aiueo']);
/** A doubled consonant is a small っ (「kitte」 きって); n is ん, not っ. */
const DOUBLING = new Set([...'kgsztdhbpmrcfjvwy']);

/** The word in hiragana, or undefined when it does not spell Japanese syllables. */
export function romajiWordToKana(word: string): string | undefined {
  let kana = '';
  let position = 0;
  while (position < word.length) {
    const ch = word[position]!;
    const next = word[position + 1];
    if (ch === 'n' && (next === undefined || next === "'" || (!VOWELS.has(next) && next !== 'y'))) {
      kana += 'ん';
      position += next === "'" || next === 'n' ? 2 : 1;
      // 「nn」 before a vowel is ん then that vowel's syllable (「konnichiwa」 is こんにちわ): give the n back.
      if (next === 'n' && word[position] !== undefined && (VOWELS.has(word[position]!) || word[position] === 'y')) position -= 1;
      continue;
    }
    if (next === ch && DOUBLING.has(ch)) {
      kana += 'っ';
      position += 1;
      continue;
    }
    // 「tch」 as in 「matcha」: a small っ before ち.
    if (ch === 't' && word.startsWith('ch', position + 1)) {
      kana += 'っ';
      position += 1;
      continue;
    }
    // A long e in a loanword (「meeru」 メール) is a long-vowel mark, as people write it in kana.
    if (ch === 'e' && kana.length > 0 && word[position - 1] === 'e') {
      kana += 'ー';
      position += 1;
      continue;
    }
    let matched = false;
    for (let length = LONGEST_SYLLABLE; length >= 1; length--) {
      const syllable = SYLLABLES[word.slice(position, position + length)];
      if (syllable) {
        kana += syllable;
        position += length;
        matched = true;
        break;
      }
    }
    if (!matched) return undefined;
  }
  return kana.length > 0 ? kana : undefined;
}

/**
 * English words that also spell Japanese syllables. Their presence says a message is
 * English; they are never read as romaji on their own strength.
 */
const ENGLISH_LOOKALIKES = new Set([
  'a',
  'i',
  'o',
  'to',
  'so',
  'go',
  'do',
  'me',
  'we',
  'be',
  'he',
  'she',
  'are',
  'one',
  'some',
  'same',
  'name',
  'take',
  'make',
  'made',
  'home',
  'come',
  'time',
  'more',
  'mine',
  'fine',
  'nine',
  'line',
  'site',
  'case',
  'use',
  'due',
  'here',
  'were',
  'there',
  'where',
  'no',
  'yes',
  'on',
  'in',
  'an',
  'now',
  'saw',
  'how',
  'new',
  'few',
  'own',
  'may',
  'hope',
  'gone',
  'done',
  'none',
  'safe',
  'sure',
  'page',
  'data',
  'hi',
  'hey',
  'bye',
  'ok',
  'okay',
  'japan',
  'tokyo',
  'osaka',
  'police',
  'phone',
  'game',
  'fake',
  'date',
  'rate',
  'note',
  'mode',
  'code',
  'type',
  'puzzle',
  'bake',
  'wake',
  'tame',
]);
/** Words that only romaji has: particles and endings that make a Latin message Japanese. */
const ROMAJI_MARKERS = new Set([
  'wa',
  'ga',
  'wo',
  'o',
  'e',
  'ni',
  'de',
  'to',
  'desu',
  'masu',
  'kara',
  'made',
  'ka',
  'ne',
  'yo',
  'mo',
  'tte',
  'te',
  'no',
  'nai',
  'shita',
  'shite',
  'kudasai',
  'imasu',
  'arimasu',
  'deshita',
  'mashita',
  'dou',
  'nan',
  'nani',
  'naze',
  'hontou',
  'honto',
]);
const LATIN_WORD = /[a-z]+(?:'[a-z]+)*/g;
/** Particles written as they sound: 「wa」 alone is は, 「o」 を, 「e」 へ. */
const PARTICLES: Record<string, string> = { wa: 'は', o: 'を', e: 'へ' };
const MIN_ROMAJI_SHARE = 0.7;

/** True when the Latin words of the text read as Japanese rather than English. */
export function looksLikeRomaji(text: string): boolean {
  const words = text.match(LATIN_WORD) ?? [];
  if (words.length < 2) return false;
  let romaji = 0;
  let markers = 0;
  for (const word of words) {
    if (ROMAJI_MARKERS.has(word)) markers += 1;
    if (romajiWordToKana(word) !== undefined && (ROMAJI_MARKERS.has(word) || !ENGLISH_LOOKALIKES.has(word))) romaji += 1;
  }
  return markers >= 1 && romaji / words.length >= MIN_ROMAJI_SHARE;
}

/** A sentence and the marks that end it. */
const SENTENCE = /[^.!?。！？\n]+[.!?。！？\n]*/g;

function romajiToKana(text: string): string {
  return text.replace(LATIN_WORD, (word) => {
    if (!ROMAJI_MARKERS.has(word) && ENGLISH_LOOKALIKES.has(word)) return word;
    return PARTICLES[word] ?? romajiWordToKana(word) ?? word;
  });
}

/**
 * The text with its romaji words in hiragana when it reads as romaji; otherwise each sentence
 * that reads as romaji (「Kyokai kenpo no hito to hanashimashita. They said I must pay」: people
 * mix the two), and the rest as it was.
 */
export function readRomaji(normalized: NormalizedText): NormalizedText {
  if (looksLikeRomaji(normalized.text)) return { ...normalized, text: romajiToKana(normalized.text) };
  let changed = false;
  const text = normalized.text.replace(SENTENCE, (sentence) => {
    if (!looksLikeRomaji(sentence)) return sentence;
    changed = true;
    return romajiToKana(sentence);
  });
  return changed ? { ...normalized, text } : normalized;
}

const KATAKANA_CHAR = /[\u30a1-\u30fa\u30fc]/gu;
const JAPANESE_CHAR = /[\u3041-\u30ff\u3400-\u9fff]/gu;
const KATAKANA_RUN = /[\u30a1-\u30fa\u30fc]+/gu;
const MIN_KATAKANA_SHARE = 0.8;
const MIN_KATAKANA_WORDS = 3;

/**
 * Japanese written all in katakana, word by word (「ケンポ ノ ヒト キタ。カード ミセテ イッタ」): how
 * some foreign residents write, and how a half-width-only keyboard types. kuromoji reads such
 * text as unknown nouns; in hiragana it finds the grammar, and words are found by their reading.
 */
export function looksLikeKatakanaSentence(text: string): boolean {
  const japanese = text.match(JAPANESE_CHAR)?.length ?? 0;
  const katakana = text.match(KATAKANA_CHAR)?.length ?? 0;
  const words = text.split(/\s+/u).filter((word) => KATAKANA_RUN.test(word)).length;
  KATAKANA_RUN.lastIndex = 0;
  return japanese > 0 && katakana / japanese >= MIN_KATAKANA_SHARE && words >= MIN_KATAKANA_WORDS;
}

/** The text with its katakana in hiragana when it is Japanese written in katakana; otherwise the text itself. */
export function readKatakanaSentence(normalized: NormalizedText): NormalizedText {
  if (!looksLikeKatakanaSentence(normalized.text)) return normalized;
  return { ...normalized, text: normalized.text.replace(KATAKANA_RUN, (run) => katakanaToHiragana(run)) };
}

function katakanaToHiragana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code >= 0x30a1 && code <= 0x30f6 ? String.fromCodePoint(code - 0x60) : ch;
  }
  return out;
}
