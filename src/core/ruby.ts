import type { Tokenizer } from '../dictionary/tokens';
import { hasKanji } from './kana';
import { LruCache } from './lru-cache';

/**
 * ふりがな for a text: segments whose texts, joined, are the text itself, each word with kanji
 * carrying its reading in hiragana (`<ruby>` in the widget). Kana, numbers and Latin stay bare;
 * okurigana stays outside the reading (漏れ → 漏(も)れ). Readings are kuromoji's, except for the
 * words of `dictionaries/readings.yaml`, which this FAQ uses and kuromoji reads wrongly or not at
 * all (協会けんぽ, 被保険者 …). The text is never changed: only read.
 */
export interface RubySegment {
  readonly text: string;
  /** Hiragana; absent for kana, numbers, Latin and words with no known reading. */
  readonly reading?: string;
}

export type RubyReader = (text: string) => RubySegment[];

const KATAKANA = /[\u30a1-\u30f6]/g;
const toHiragana = (text: string) => text.replace(KATAKANA, (char) => String.fromCharCode(char.charCodeAt(0) - 0x60));
// Everything but kanji (kana, digits, Latin, marks) is spelled out in the reading as it stands.
const NOT_KANJI_RUN = /[^\u3400-\u9fff\uf900-\ufaff々〆ヶ]+/gu;

/**
 * A word and its reading as segments: the kanji runs get the parts of the reading between the
 * word's own kana, digits and letters (問い合わせ + といあわせ → 問(と) い 合(あ) わせ; 6月 + 6がつ →
 * 6 月(がつ)); when they do not line up with the reading, the whole word carries it.
 */
export function alignReading(word: string, reading: string): RubySegment[] {
  const hiragana = toHiragana(reading);
  const parts: Array<{ text: string; kana: boolean }> = [];
  let last = 0;
  for (const match of word.matchAll(NOT_KANJI_RUN)) {
    if (match.index > last) parts.push({ text: word.slice(last, match.index), kana: false });
    parts.push({ text: match[0], kana: true });
    last = match.index + match[0].length;
  }
  if (last < word.length) parts.push({ text: word.slice(last), kana: false });
  const pattern = new RegExp(`^${parts.map((part) => (part.kana ? escape(toHiragana(part.text)) : '(.+?)')).join('')}$`, 'u');
  const found = pattern.exec(hiragana);
  if (!found) return [{ text: word, reading: hiragana }];
  let group = 1;
  return parts.map((part) => (part.kana ? { text: part.text } : { text: part.text, reading: found[group++]! }));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Bare neighbours joined: fewer, longer segments. */
function merged(segments: readonly RubySegment[]): RubySegment[] {
  const result: RubySegment[] = [];
  for (const segment of segments) {
    if (segment.text === '') continue;
    const previous = result.at(-1);
    if (previous && previous.reading === undefined && segment.reading === undefined)
      result[result.length - 1] = { text: previous.text + segment.text };
    else result.push(segment);
  }
  return result;
}

export function createRubyReader(tokenizer: Tokenizer, fixes: Readonly<Record<string, string>>): RubyReader {
  // Longest first, so 協会けんぽ is read before 協会.
  const fixedWords = Object.keys(fixes).sort((a, b) => b.length - a.length);

  function readByTokens(text: string): RubySegment[] {
    if (!hasKanji(text)) return [{ text }];
    const segments: RubySegment[] = [];
    let position = 0;
    // Each token is found where it stands in the text, and anything between (white space the
    // tokenizer skipped) is kept bare, so the segments always join up to the text.
    for (const token of tokenizer.tokenize(text)) {
      const surface = token.surface_form;
      const at = text.indexOf(surface, position);
      if (surface === '' || at < 0) continue;
      if (at > position) segments.push({ text: text.slice(position, at) });
      const reading = token.reading;
      segments.push(...(hasKanji(surface) && reading && reading !== '*' ? alignReading(surface, reading) : [{ text: surface }]));
      position = at + surface.length;
    }
    if (position < text.length) segments.push({ text: text.slice(position) });
    return segments;
  }

  return (text) => {
    const segments: RubySegment[] = [];
    let position = 0;
    while (position < text.length) {
      let nextFix: { at: number; word: string } | undefined;
      for (const word of fixedWords) {
        const at = text.indexOf(word, position);
        if (at >= 0 && (!nextFix || at < nextFix.at || (at === nextFix.at && word.length > nextFix.word.length))) nextFix = { at, word };
      }
      const end = nextFix ? nextFix.at : text.length;
      segments.push(...readByTokens(text.slice(position, end)));
      if (!nextFix) break;
      segments.push(...alignReading(nextFix.word, fixes[nextFix.word]!));
      position = nextFix.at + nextFix.word.length;
    }
    return merged(segments);
  };
}

/** The bot's replies are mostly the same few texts: each is read once. */
export function rememberingRuby(read: RubyReader, size = 500): RubyReader {
  const known = new LruCache<string, RubySegment[]>(size);
  return (text) => {
    const cached = known.get(text);
    if (cached) return cached;
    const segments = read(text);
    known.set(text, segments);
    return segments;
  };
}
