/**
 * Views of a message in which numbers read as digits, the way the masker's patterns expect them,
 * whatever way people typed them: kanji numerals (〇九〇、三丁目十二番), numbers said in kana
 * (ゼロキューゼロ、いちにーさん), digits spaced out one by one or broken across lines, an e-mail
 * spelled out letter by letter. Each view keeps, for every character, where it came from, so a
 * span found in the view masks exactly what was typed.
 */

export interface TextView {
  readonly text: string;
  /** For each UTF-16 unit of `text`, its offset in the source; the source's length past the end. */
  readonly origin: Int32Array;
}

/** The source as its own view. */
export function identityView(text: string): TextView {
  const origin = new Int32Array(text.length + 1);
  for (let index = 0; index <= text.length; index++) origin[index] = index;
  return { text, origin };
}

/** Builds a view by appending pieces, each with the source offset it came from. */
class ViewBuilder {
  private text = '';
  private readonly origin: number[] = [];

  constructor(private readonly base: TextView) {}

  /** Copies base[from, to) unchanged. */
  copy(from: number, to: number): void {
    this.text += this.base.text.slice(from, to);
    for (let index = from; index < to; index++) this.origin.push(this.base.origin[index]!);
  }

  /**
   * Writes `text` in place of base[from, to): its characters are spread over the characters they
   * replace, first to first and last to last, so a span over all of it maps onto all of them.
   */
  replace(text: string, from: number, to: number): void {
    this.text += text;
    const width = to - from;
    for (let index = 0; index < text.length; index++) {
      const at = text.length === 1 ? from : from + Math.round((index * (width - 1)) / (text.length - 1));
      this.origin.push(this.base.origin[at]!);
    }
  }

  done(): TextView {
    this.origin.push(this.base.origin[this.base.text.length]!);
    return { text: this.text, origin: Int32Array.from(this.origin) };
  }
}

function rewrite(view: TextView, pattern: RegExp, replacement: (match: RegExpExecArray) => string | undefined): TextView {
  const builder = new ViewBuilder(view);
  let cursor = 0;
  let changed = false;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(view.text); match; match = pattern.exec(view.text)) {
    if (match[0].length === 0) {
      pattern.lastIndex += 1;
      continue;
    }
    const written = replacement(match);
    if (written === undefined) continue;
    builder.copy(cursor, match.index);
    builder.replace(written, match.index, match.index + match[0].length);
    cursor = match.index + match[0].length;
    changed = true;
  }
  if (!changed) return view;
  builder.copy(cursor, view.text.length);
  return builder.done();
}

// ── numbers said in kana ─────────────────────────────────────────────────────────────────────

const SPOKEN_DIGITS: ReadonlyArray<readonly [string, string]> = [
  ['ゼロ', '0'],
  ['ぜろ', '0'],
  ['レイ', '0'],
  ['れい', '0'],
  ['マル', '0'],
  ['まる', '0'],
  ['オー', '0'],
  ['イチ', '1'],
  ['いち', '1'],
  ['ワン', '1'],
  ['ニー', '2'],
  ['にー', '2'],
  ['ニ', '2'],
  ['に', '2'],
  ['サン', '3'],
  ['さん', '3'],
  ['ヨン', '4'],
  ['よん', '4'],
  ['シ', '4'],
  ['し', '4'],
  ['ゴー', '5'],
  ['ごー', '5'],
  ['ゴ', '5'],
  ['ご', '5'],
  ['ロク', '6'],
  ['ろく', '6'],
  ['ナナ', '7'],
  ['なな', '7'],
  ['シチ', '7'],
  ['しち', '7'],
  ['ハチ', '8'],
  ['はち', '8'],
  ['ハッ', '8'],
  ['はっ', '8'],
  ['キュウ', '9'],
  ['きゅう', '9'],
  ['キュー', '9'],
  ['きゅー', '9'],
  ['ク', '9'],
  ['く', '9'],
];
const SPOKEN_DIGIT = new Map(SPOKEN_DIGITS);
const SPOKEN_WORD = SPOKEN_DIGITS.map(([word]) => word)
  .sort((a, b) => b.length - a.length)
  .join('|');
/**
 * Four or more digits said in a row, with the pauses people put between groups: 「ゼロキューゼロ、
 * イチニーサンヨン」「ぜろはちぜろの ろくろく…」. Fewer would read 「に」 and 「さん」 as digits.
 */
const SPOKEN_RUN = new RegExp(`(?:${SPOKEN_WORD})(?:(?:[ \u3000、,・の]|ノ){0,2}(?:${SPOKEN_WORD})){3,}`, 'gu');
const SPOKEN_ONE = new RegExp(`${SPOKEN_WORD}`, 'gu');

/**
 * Numbers said with units in kana (じゅうに, さんびゃくじゅう, しょうわ さんじゅうねん): written as
 * kanji numerals, which the next step reads. Only a run with a unit and another number word: a
 * lone さん or に is a word of its own.
 */
const KANA_NUMERAL: ReadonlyArray<readonly [string, string]> = [
  ['いち', '一'],
  ['に', '二'],
  ['さん', '三'],
  ['よん', '四'],
  ['し', '四'],
  ['ご', '五'],
  ['ろく', '六'],
  ['なな', '七'],
  ['しち', '七'],
  ['はち', '八'],
  ['はっ', '八'],
  ['きゅう', '九'],
  ['く', '九'],
  ['じゅう', '十'],
  ['じゅっ', '十'],
  ['ひゃく', '百'],
  ['びゃく', '百'],
  ['ぴゃく', '百'],
  ['せん', '千'],
  ['ぜん', '千'],
  ['イチ', '一'],
  ['ニ', '二'],
  ['サン', '三'],
  ['ヨン', '四'],
  ['ゴ', '五'],
  ['ロク', '六'],
  ['ナナ', '七'],
  ['ハチ', '八'],
  ['キュウ', '九'],
  ['ジュウ', '十'],
  ['ヒャク', '百'],
  ['ビャク', '百'],
  ['ピャク', '百'],
  ['セン', '千'],
];
const KANA_NUMERAL_MAP = new Map(KANA_NUMERAL);
const KANA_NUMERAL_WORD = KANA_NUMERAL.map(([word]) => word)
  .sort((a, b) => b.length - a.length)
  .join('|');
const KANA_UNIT = /じゅう|じゅっ|ひゃく|びゃく|ぴゃく|せん|ぜん|ジュウ|ヒャク|ビャク|ピャク|セン/u;
const KANA_NUMBER_RUN = new RegExp(`(?:${KANA_NUMERAL_WORD}){2,6}`, 'gu');
const KANA_NUMERAL_ONE = new RegExp(KANA_NUMERAL_WORD, 'gu');

function readKanaNumbers(view: TextView): TextView {
  return rewrite(view, KANA_NUMBER_RUN, (match) =>
    KANA_UNIT.test(match[0]) ? match[0].replace(KANA_NUMERAL_ONE, (word) => KANA_NUMERAL_MAP.get(word)!) : undefined,
  );
}

function readSpokenDigits(view: TextView): TextView {
  // The pauses stay, as spaces, so that groups stay groups: 「ゼロキューゼロ、イチニー…」 is 090 12….
  return rewrite(view, SPOKEN_RUN, (match) =>
    match[0].replace(SPOKEN_ONE, (word) => SPOKEN_DIGIT.get(word)!).replace(/[、,・のノ\u3000]/gu, ' '),
  );
}

// ── kanji numerals ───────────────────────────────────────────────────────────────────────────

const KANJI_DIGIT: Readonly<Record<string, number>> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const KANJI_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
/**
 * A run of kanji numerals that is a number: two or more of them (〇九〇, 十二), or one that is
 * counted (三丁目, 五号, 七月) or stands by other digits (〇八〇-2468). A lone 一 in 一度 or 三井 is no number.
 */
const KANJI_RUN = /[〇○零一二三四五六七八九十百千]+/gu;
const COUNTED_AFTER =
  /^(?:丁目|番地|番|号|年|月|日|歳|才|階|の[0-9〇○零一二三四五六七八九]|ノ[0-9〇○零一二三四五六七八九]|[-‐‑‒–—―−ー－][0-9〇○零一二三四五六七八九])/u;
/** A numeral after a number's label, or after another number and a separator (二ノ五ノ七, 番号九). */
const NUMBER_BEFORE = /(?:番号|記号|枝番|番号は|記号は|[0-9〇○零一二三四五六七八九][のノ\-‐‑‒–—―−ー－])$/u;
const DIGIT_BESIDE = /[0-9]/u;

/** 十二 → 12, 三十 → 30, 二〇二四 → 2024, 百五 → 105; digit by digit when there is no unit. */
export function kanjiNumberToDigits(kanji: string): string {
  if (!/[十百千]/u.test(kanji)) return [...kanji].map((ch) => String(KANJI_DIGIT[ch] ?? '')).join('');
  let total = 0;
  let digit = 0;
  for (const ch of kanji) {
    if (ch in KANJI_UNIT) {
      total += (digit === 0 ? 1 : digit) * KANJI_UNIT[ch]!;
      digit = 0;
    } else digit = digit * 10 + (KANJI_DIGIT[ch] ?? 0);
  }
  return String(total + digit);
}

function readKanjiNumerals(view: TextView): TextView {
  return rewrite(view, KANJI_RUN, (match) => {
    const before = view.text[match.index - 1] ?? '';
    const after = view.text.slice(match.index + match[0].length, match.index + match[0].length + 3);
    const isNumber =
      [...match[0]].length >= 2 ||
      COUNTED_AFTER.test(after) ||
      DIGIT_BESIDE.test(before) ||
      DIGIT_BESIDE.test(after[0] ?? '') ||
      before === '第' ||
      NUMBER_BEFORE.test(view.text.slice(Math.max(0, match.index - 3), match.index));
    return isNumber ? kanjiNumberToDigits(match[0]) : undefined;
  });
}

// ── numbers broken across lines, e-mails spelled out ─────────────────────────────────────────

/** A line break inside a number or an address (「090-\n4455-6677」「昭和\n40年」) joins the two lines. */
const BROKEN_NUMBER = /(?<=[0-9\-.@a-zA-Z和成正治]) *\r?\n *(?=[0-9\-.@a-zA-Z])/gu;
/** Letters and digits typed one by one with spaces between (「t a r o 0 1 @ …」). */
const SPELLED = /(?<![A-Za-z0-9.@_-])[A-Za-z0-9.@_-](?: [A-Za-z0-9.@_-]){3,}(?![A-Za-z0-9.@_-])/gu;

function joinBrokenLines(view: TextView): TextView {
  return rewrite(view, BROKEN_NUMBER, () => '');
}

function closeSpelledOut(view: TextView): TextView {
  return rewrite(view, SPELLED, (match) => match[0].replace(/ /g, ''));
}

/**
 * The view the masker's patterns read: numerals as digits, lines joined inside numbers,
 * spelled-out letters closed up. Separators between digit groups are kept (the patterns tell a
 * date from a phone number by them).
 */
export function numbersView(source: TextView): TextView {
  return closeSpelledOut(joinBrokenLines(readKanjiNumerals(readKanaNumbers(readSpokenDigits(source)))));
}

/**
 * The same with everything between digits taken out (spaces, hyphens, slashes, long-vowel marks,
 * の; a dot only between groups of three or more, so a version 0.90.1234 stays a version, and
 * never a comma, which groups thousands): 「0 9 0 3 1 …」 and 「6813/0274/5590」 become runs of
 * digits, for the patterns that look for a long number however it was grouped.
 */
const BETWEEN_DIGITS = /(?<=[0-9])(?:[ \-‐‑‒–—―−ー－/／・、のノ()（）]|\s){1,3}(?=[0-9])|(?<=[0-9]{3})\.(?=[0-9]{3})/gu;

export function digitsView(numbers: TextView): TextView {
  return rewrite(numbers, BETWEEN_DIGITS, () => '');
}
