import { tokenizeBounded } from '../core/bounded-tokenize';
import { LruCache } from '../core/lru-cache';
import type { KuromojiToken, Tokenizer } from '../dictionary/tokenizer';
import { DataConsistencyError } from '../errors';
import type { PersonalDataKind, PersonalDataPatterns } from '../data/schemas';
import { digitsView, identityView, numbersView, type TextView } from './number-view';
import { unsafeRepetition } from './safe-pattern';

/**
 * Finds personal data in a message and masks it: the one choke point every channel's text
 * passes before anything is logged, stored or forwarded. Detection runs on views of the text in
 * which numbers read as digits however they were typed (number-view.ts: kanji numerals, numbers
 * said in kana, digits spaced out or broken across lines), each mapped back character by
 * character, so the spans found mask the text exactly as typed. When in doubt it masks: a
 * masked word costs nothing; a stored number is a breach.
 */

export interface Masked {
  /** The text with every piece of personal data replaced by its mask, e.g. [電話番号]. */
  readonly text: string;
  /** The kinds found, in the order of the data file; empty when none. */
  readonly found: readonly PersonalDataKind[];
  /** Where in the text as given each masked piece lay, in order. */
  readonly spans: readonly MaskedSpan[];
}

export interface MaskedSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: PersonalDataKind;
}

export interface Masker {
  mask(text: string): Masked;
}

const DASHES = new Set([...'‐‑‒–—―−－ｰー─━']);

/** Folds a string one UTF-16 unit for one, so offsets in the folded copy are offsets in the original. */
export function foldForDetection(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const ch = text[index]!;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e)
      out += String.fromCharCode(code - 0xfee0); // full-width ASCII
    // Every kind of space (ideographic, no-break, thin, tab...) is a space to the patterns: 090 1234 5678.
    else if (
      code === 0x3000 ||
      code === 0x09 ||
      code === 0xa0 ||
      code === 0x1680 ||
      (code >= 0x2000 && code <= 0x200a) ||
      code === 0x202f ||
      code === 0x205f
    )
      out += ' ';
    else if (DASHES.has(ch) && /[0-9０-９]/.test(text[index - 1] ?? '') && /[0-9０-９]/.test(text[index + 1] ?? '')) out += '-';
    else out += ch;
  }
  return out;
}

/** My Number's check digit (番号法施行令 第8条): weights 2–7 then 2–6 from the right. */
export function isValidMyNumber(digits: string): boolean {
  if (!/^[0-9]{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(digits[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

/** The Luhn check digit of payment card numbers (ISO/IEC 7812). */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

interface CompiledKind {
  readonly kind: PersonalDataKind;
  readonly mask: string;
  readonly patterns: readonly RegExp[];
  /** The patterns also read the digits view (everything between digits taken out). */
  readonly anyGrouping: boolean;
  readonly check?: (matched: string) => boolean;
}

interface Span {
  start: number;
  end: number;
  kind: PersonalDataKind;
  mask: string;
}

export function compilePersonalData(data: PersonalDataPatterns): CompiledKind[] {
  const problems: string[] = [];
  const kinds: CompiledKind[] = [];
  for (const [kind, entry] of Object.entries(data.kinds) as Array<[PersonalDataKind, PersonalDataPatterns['kinds'][PersonalDataKind]]>) {
    const patterns: RegExp[] = [];
    for (const source of entry!.patterns) {
      const unsafe = unsafeRepetition(source);
      if (unsafe)
        problems.push(
          `dictionaries/personal-data.yaml kinds.${kind}: ${unsafe}, which can take exponential time; write the repeats out, or make the group match one way only (no |, ?, * or + inside it)`,
        );
      try {
        patterns.push(new RegExp(source, entry!.ignore_case ? 'giu' : 'gu'));
      } catch (error) {
        problems.push(`dictionaries/personal-data.yaml kinds.${kind}: not a valid regular expression: ${(error as Error).message}`);
      }
    }
    kinds.push({
      kind,
      mask: entry!.mask,
      patterns,
      anyGrouping: entry!.grouping === 'any',
      ...(entry!.check === 'my_number' ? { check: (matched: string) => isValidMyNumber(matched.replace(/[- ]/g, '')) } : {}),
      ...(entry!.check === 'luhn' ? { check: (matched: string) => passesLuhn(matched.replace(/[^0-9]/g, '')) } : {}),
    });
  }
  if (problems.length > 0) throw new DataConsistencyError(problems);
  return kinds;
}

const NAME_MASK = '[氏名]';
const HONORIFICS = new Set(['さん', '様', 'さま', '氏', 'くん', '君', 'ちゃん', '殿']);
/** The one whitespace people put between surname and given name (U+3000 is folded to a space). */
const NAME_GAP = /^[ \t\u00a0]$/;
/** How much text after "姓 + space" is read again for a given name: names are a few characters. */
const GIVEN_NAME_WINDOW = 8;

/**
 * Control and format characters other than tab and line breaks: C0, DEL, C1, and the invisible
 * format characters (zero-width space, BOM, bidi marks...). kuromoji mishandles U+0000 — its
 * tokens drop the character and at times the rest of the sentence after it — and any of them
 * inside a name (山田\u200b太郎) splits it into words that are no name. They are kept out of
 * the text the tokenizer sees, and offsets are mapped back.
 */
// Lone surrogates too (the hub strips them before masking, but the masker must hold on its own):
// 「記号0\ud83d0」 hid a number from one pass and showed it to the next.
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}]|[\ud800-\udfff]/u;

interface Visible {
  readonly text: string;
  /** For each UTF-16 unit of `text`, its offset in the original; undefined when nothing was removed. */
  readonly origin: Int32Array | undefined;
}

function withoutInvisible(text: string): Visible {
  if (!INVISIBLE.test(text)) return { text, origin: undefined };
  let visible = '';
  const origin: number[] = [];
  for (let index = 0; index < text.length;) {
    const width = text.codePointAt(index)! > 0xffff ? 2 : 1;
    const ch = text.slice(index, index + width);
    if (!INVISIBLE.test(ch)) {
      visible += ch;
      for (let unit = 0; unit < width; unit++) origin.push(index + unit);
    }
    index += width;
  }
  return { text: visible, origin: Int32Array.from(origin) };
}

interface PlacedToken {
  readonly token: KuromojiToken;
  readonly start: number;
  readonly end: number;
}

/**
 * Where each token lies in `text`, found with indexOf from the end of the one before rather than
 * by adding up surface lengths: a tokenizer that drops a character would otherwise shift every
 * later token, and mask the wrong characters. A token whose surface cannot be found at all is
 * given the whole stretch between its found neighbours, so a name in it is masked generously
 * instead of at a guessed position.
 */
function placeTokens(tokens: readonly KuromojiToken[], text: string): PlacedToken[] {
  const starts: number[] = [];
  let cursor = 0;
  for (const token of tokens) {
    const start = text.indexOf(token.surface_form, cursor);
    starts.push(start);
    if (start >= 0) cursor = start + token.surface_form.length;
  }
  const nextStart: number[] = new Array<number>(tokens.length);
  let following = text.length;
  for (let index = tokens.length - 1; index >= 0; index--) {
    nextStart[index] = following;
    if (starts[index]! >= 0) following = starts[index]!;
  }
  let previousEnd = 0;
  return tokens.map((token, index) => {
    const start = starts[index]!;
    if (start < 0) return { token, start: previousEnd, end: nextStart[index]! };
    previousEnd = start + token.surface_form.length;
    return { token, start, end: previousEnd };
  });
}

/** A 人名 (person name) token written with kanji; the part, 姓 or 名, is pos_detail_3. */
function isNamePart(entry: PlacedToken | undefined, part: '姓' | '名' | undefined): boolean {
  return (
    entry !== undefined &&
    entry.token.pos_detail_2 === '人名' &&
    (part === undefined || entry.token.pos_detail_3 === part) &&
    /[一-龥々]/.test(entry.token.surface_form)
  );
}

/** The index of the last 名 (given-name) token in the run starting at `from`; from - 1 when none. */
function lastGivenName(placed: readonly PlacedToken[], from: number): number {
  let last = from - 1;
  while (isNamePart(placed[last + 1], '名')) last++;
  return last;
}

/**
 * Where the given name after "surname + space" ends in `text`, or undefined when none follows.
 * kuromoji's costs often read a given name after a space as something else (山田 太郎です
 * tags 太郎 名詞/固有名詞/地域), so the text after the space is tokenized again behind the
 * surname with the space closed up, as a name is usually written.
 */
function givenNameEnd(tokenizer: Tokenizer, surname: string, text: string, from: number): number | undefined {
  const closed = surname + text.slice(from, from + GIVEN_NAME_WINDOW);
  const placed = placeTokens(tokenizer.tokenize(closed), closed);
  if (placed[0]?.token.surface_form !== surname || !isNamePart(placed[0], '姓')) return undefined;
  const last = lastGivenName(placed, 1);
  return last < 1 ? undefined : from + placed[last]!.end - surname.length;
}

/**
 * Person names by kuromoji's 人名 (person name) tags: a surname followed by a given name, or a
 * name followed by an honorific, either closed up or after one space (山田 太郎, 佐藤 様). A lone
 * name-like word is left alone (IPADIC tags コール in コールセンター and マイ in マイナンバー as
 * names too).
 */
/**
 * kuromoji drops as many UTF-16 units after a run of astral characters (emoji) as the run has
 * characters (「😀😀山田太郎です」 loses 山田): each is read as two placeholder symbols instead,
 * which keeps every offset.
 */
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/g;

function nameSpans(visible: Visible, tokenizer: Tokenizer): Span[] {
  const readable = visible.text.replace(ASTRAL, '〓〓');
  const placed = placeTokens(tokenizeBounded(tokenizer, readable), readable);
  const origin = visible.origin;
  // Offsets in the visible text back to `text`; invisible characters inside a name are masked with it.
  const nameSpan = (start: number, end: number): Span =>
    origin
      ? { start: origin[start]!, end: origin[end - 1]! + 1, kind: 'name', mask: NAME_MASK }
      : { start, end, kind: 'name', mask: NAME_MASK };

  const spans: Span[] = [];
  for (let index = 0; index < placed.length; index++) {
    const here = placed[index]!;
    if (!isNamePart(here, undefined) || here.end <= here.start) continue;
    const gap = placed[index + 1];
    if (isNamePart(here, '姓')) {
      const last = lastGivenName(placed, index + 1);
      if (last > index) {
        spans.push(nameSpan(here.start, placed[last]!.end));
        index = last;
        continue;
      }
      const end =
        gap && NAME_GAP.test(gap.token.surface_form) ? givenNameEnd(tokenizer, here.token.surface_form, readable, gap.end) : undefined;
      if (end !== undefined) {
        spans.push(nameSpan(here.start, end));
        while (index + 1 < placed.length && placed[index + 1]!.start < end) index++;
        continue;
      }
    }
    // 佐藤さん, and 佐藤 様 with a space before the honorific; 松本です, 鈴木といいます.
    const next = NAME_GAP.test(placed[index + 1]?.token.surface_form ?? '') ? placed[index + 2] : placed[index + 1];
    if (HONORIFICS.has(next?.token.surface_form ?? '') || (isNamePart(here, '姓') && introducesSelf(readable, next?.start ?? here.end))) {
      spans.push(nameSpan(here.start, here.end));
      continue;
    }
    // A surname, one space, and a short given name kuromoji did not tag (清水 直樹（, 松井 ひろみ): when in doubt, mask.
    if (isNamePart(here, '姓') && gap && NAME_GAP.test(gap.token.surface_form)) {
      const given = UNTAGGED_GIVEN_NAME.exec(readable.slice(gap.end, gap.end + GIVEN_NAME_WINDOW + 1));
      if (given) {
        const end = gap.end + given[0].length;
        spans.push(nameSpan(here.start, end));
        while (index + 1 < placed.length && placed[index + 1]!.start < end) index++;
      }
    }
  }
  spans.push(...katakanaNameSpans(placed, readable).map(([start, end]) => nameSpan(start, end)));
  return spans;
}

/** Words by which people give their own name: 松本です, 鈴木といいます, ヤマダハナコと申します. */
const SELF_INTRODUCTION = /^[ \u3000]?(?:です|デス|ﾃﾞｽ|と申します|ともうします|といいます|と言います|でございます|だけど)/u;
function introducesSelf(text: string, at: number): boolean {
  return SELF_INTRODUCTION.test(text.slice(at, at + 9));
}

/** A given name kuromoji did not tag, after a surname and a space: one to three kanji, or two to four hiragana, then a boundary. */
const UNTAGGED_GIVEN_NAME = /^(?:[一-龥々]{1,3}|[ぁ-ん]{2,4})(?=$|[\s（(、,。]|です|さん|様|の)/u;

const KATAKANA_WORD = /^[ァ-ヶー・]{2,12}$/u;
/** A katakana word that may be a name: one kuromoji does not know, or a proper noun (ヤマダ, スズキ). */
function mayBeKatakanaName(entry: PlacedToken | undefined): boolean {
  return (
    entry !== undefined &&
    KATAKANA_WORD.test(entry.token.surface_form) &&
    (entry.token.word_type === 'UNKNOWN' || entry.token.pos_detail_1 === '固有名詞')
  );
}
const LINE_START = /(?:^|[\n、。,（(「:：])[ \u3000]*$/u;

/**
 * Names in katakana, which IPADIC does not tag as names: a katakana word that may be a name
 * before です・と申します・さん (ヤマダハナコです), or two or three such words with spaces between
 * at the start of a line or after a bracket (ヤマグチ ケンタ, ラモス アナ クララ).
 */
function katakanaNameSpans(placed: readonly PlacedToken[], text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (let index = 0; index < placed.length; index++) {
    const here = placed[index]!;
    if (!mayBeKatakanaName(here)) continue;
    // The words of the name: katakana words with single spaces between.
    let last = index;
    while (
      NAME_GAP.test(placed[last + 1]?.token.surface_form ?? '') &&
      KATAKANA_WORD.test(placed[last + 2]?.token.surface_form ?? '') &&
      last - index < 4
    )
      last += 2;
    const end = placed[last]!.end;
    const words = (last - index) / 2 + 1;
    const followed =
      introducesSelf(text, end) ||
      HONORIFICS.has(placed[last + 1]?.token.surface_form ?? '') ||
      HONORIFICS.has(placed[last + 2]?.token.surface_form ?? '');
    if (followed || (words >= 2 && LINE_START.test(text.slice(Math.max(0, here.start - 4), here.start)))) {
      spans.push([here.start, end]);
      index = last;
    }
  }
  return spans;
}

export interface MaskerOptions {
  /**
   * Texts found to hold nothing personal, remembered (at most this many) so the same text is
   * not searched again: under load the same questions recur. Only such texts are kept, and they
   * are exactly what the conversation log stores; a text with anything masked never is.
   */
  readonly rememberClean?: number;
}

// A character no pattern looks for and kuromoji reads as a symbol.
const BLANK = '〓';

export function createMasker(data: PersonalDataPatterns, tokenizer?: Tokenizer, { rememberClean = 0 }: MaskerOptions = {}): Masker {
  const kinds = compilePersonalData(data);
  const clean = new LruCache<string, true>(rememberClean);
  // The masker's own marks, such as [番号], are no one's data: masking a masked text again must
  // change nothing, so they are blanked before the patterns look (「[番号]番0」 is no 番号 0).
  const marks = new RegExp(
    [...new Set(kinds.map(({ mask }) => mask))].map((mark) => mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'gu',
  );
  const withoutMarks = (text: string) => text.replace(marks, (mark) => BLANK.repeat(mark.length));
  return {
    mask(text) {
      if (clean.get(text)) return { text, found: [], spans: [] };
      // Patterns and names are looked for with invisible characters taken out (a zero-width
      // space inside a phone number or a name), and then folded (so a dash between digits is
      // seen between digits); the spans found are mapped back.
      const seen = withoutInvisible(text);
      const visible: Visible = { text: withoutMarks(foldForDetection(seen.text)), origin: seen.origin };
      const { origin } = visible;
      const numbers = numbersView(identityView(visible.text));
      const digits = digitsView(numbers);
      let spans: Span[] = [];
      // A span that overlaps others takes them in (the kind found first names it): when in
      // doubt, mask more, never leave the end of a number because its start was found as another kind.
      const claim = (span: Span) => {
        const overlapping = spans.filter((other) => other.start < span.end && span.start < other.end);
        if (overlapping.length === 0) {
          spans.push(span);
          return;
        }
        const first = overlapping[0]!;
        const merged: Span = {
          ...first,
          start: Math.min(span.start, ...overlapping.map((other) => other.start)),
          end: Math.max(span.end, ...overlapping.map((other) => other.end)),
        };
        spans = [...spans.filter((other) => !overlapping.includes(other)), merged];
      };
      // A match in a view, back to the text as typed: view → visible text → original.
      const inOriginal = (view: TextView, from: number, to: number, kind: PersonalDataKind, mask: string): Span => {
        const start = view.origin[from]!;
        const end = view.origin[to - 1]! + 1;
        return origin ? { start: origin[start]!, end: origin[end - 1]! + 1, kind, mask } : { start, end, kind, mask };
      };
      for (const { kind, mask, patterns, check, anyGrouping } of kinds) {
        for (const view of anyGrouping && digits !== numbers ? [numbers, digits] : [numbers]) {
          for (const pattern of patterns) {
            pattern.lastIndex = 0;
            for (const match of view.text.matchAll(pattern)) {
              if (match[0].length === 0 || (check && !check(match[0]))) continue;
              claim(inOriginal(view, match.index, match.index + match[0].length, kind, mask));
            }
          }
        }
      }
      if (tokenizer) for (const span of nameSpans(visible, tokenizer)) claim(span);
      if (spans.length === 0) {
        clean.set(text, true);
        return { text, found: [], spans: [] };
      }
      spans.sort((a, b) => a.start - b.start);
      let out = '';
      let cursor = 0;
      for (const span of spans) {
        out += text.slice(cursor, span.start) + span.mask;
        cursor = span.end;
      }
      out += text.slice(cursor);
      const order = kinds.map((entry) => entry.kind);
      const found = [...new Set(spans.map((span) => span.kind))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
      return { text: out, found, spans: spans.map(({ start, end, kind }) => ({ start, end, kind })) };
    },
  };
}
