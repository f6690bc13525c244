import { tokenizeBounded } from './bounded-tokenize';
import { PorterStemmer } from './english-stemmer';
import { foldReading, hiraganaToKatakana, isHiraganaOnly, isKanaOnly, unvoice } from './kana';
import type { NormalizedText } from './normalize';
import type { KuromojiToken, Tokenizer } from '../dictionary/tokenizer';

/**
 * A token after canonicalisation. The field names follow kuromoji's
 * (surface_form 表層形, basic_form 基本形, reading 読み) so a trace reads like kuromoji's output.
 */
export interface AnalyzedToken {
  readonly surface_form: string;
  readonly basic_form: string;
  /** Katakana reading; for kana words kuromoji did not know, the surface in katakana. */
  readonly reading: string;
  readonly pos: string;
  /**
   * True for words kuromoji did not know and for hiragana-only words: the places where its
   * split is unreliable (「ほけんしょうが」 → ほけ|ん|しょうが). Known katakana words split well.
   */
  readonly soft: boolean;
  /** True for words kuromoji did not know. */
  readonly unknown: boolean;
  /** True for a run of ASCII letters or digits (English words, numbers). */
  readonly ascii: boolean;
  /** Where the token stands in AnalyzedText.surface. */
  readonly surfaceStart: number;
  readonly surfaceEnd: number;
  /** Where the token's reading stands in AnalyzedText.readingKey and AnalyzedText.readingRaw. */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly rawStart: number;
  readonly rawEnd: number;
}

export interface EnglishWord {
  readonly word: string;
  readonly stem: string;
  readonly tokenIndex: number;
}

export interface AnalyzedText {
  readonly normalized: NormalizedText;
  /** Token surfaces joined without spaces: what kanji words are searched in. */
  readonly surface: string;
  /** Spelling-tolerant reading keys joined (see kana.ts readingKey): what most kana words and readings are searched in. */
  readonly readingKey: string;
  /**
   * Katakana readings joined, unfolded: short words are searched here, because folding makes
   * them collide (カード folds to カド, which is inside 「かどうか」).
   */
  readonly readingRaw: string;
  /** readingKey without voicing marks (kana.ts unvoice), position for position. */
  readonly readingKeyUnvoiced: string;
  /** For each position of readingRaw (and one past its end), the matching position in readingKey. */
  readonly rawToKey: readonly number[];
  readonly tokens: readonly AnalyzedToken[];
  readonly english: readonly EnglishWord[];
  /** Indexes of tokens that end a sentence (。！？ and line breaks). */
  readonly sentenceEnds: readonly number[];
}

export interface CompoundTable {
  readonly compounds: ReadonlySet<string>;
  readonly prefixes: ReadonlySet<string>;
}

export function buildCompoundTable(compounds: readonly string[]): CompoundTable {
  const prefixes = new Set<string>();
  for (const compound of compounds) {
    for (let end = 1; end < compound.length; end++) prefixes.add(compound.slice(0, end));
  }
  return { compounds: new Set(compounds), prefixes };
}

const ASCII_WORD = /^[a-z0-9]+$/;
const WHITESPACE = /^\s+$/u;
const SENTENCE_END = /^[。!?\n]+$/u; // after NFKC; '.' is left out because of 70.7万件

interface RawToken {
  surface_form: string;
  basic_form: string;
  reading: string;
  pos: string;
  unknown: boolean;
}

function readingOf(token: KuromojiToken): string {
  if (token.reading && token.reading !== '*') return token.reading;
  if (isKanaOnly(token.surface_form)) return hiraganaToKatakana(token.surface_form);
  return token.surface_form;
}

/**
 * kuromoji has no user dictionary, so domain compounds it splits (被保険者記号, 傷病手当金)
 * are merged back here, longest first.
 */
function mergeCompounds(tokens: readonly KuromojiToken[], table: CompoundTable): RawToken[] {
  const merged: RawToken[] = [];
  let index = 0;
  while (index < tokens.length) {
    let joined = '';
    let bestEnd = -1;
    for (let end = index; end < tokens.length; end++) {
      joined += tokens[end]!.surface_form;
      if (table.compounds.has(joined) && end > index) bestEnd = end;
      if (!table.prefixes.has(joined)) break;
    }
    if (bestEnd >= 0) {
      const parts = tokens.slice(index, bestEnd + 1);
      const surface = parts.map((part) => part.surface_form).join('');
      merged.push({
        surface_form: surface,
        basic_form: surface,
        reading: parts.map(readingOf).join(''),
        pos: '名詞',
        unknown: false,
      });
      index = bestEnd + 1;
    } else {
      const token = tokens[index]!;
      merged.push({
        surface_form: token.surface_form,
        basic_form: token.basic_form === '*' ? token.surface_form : token.basic_form,
        reading: readingOf(token),
        pos: token.pos,
        unknown: token.word_type === 'UNKNOWN',
      });
      index += 1;
    }
  }
  return merged;
}

/** Tokenize, merge compounds, and lay out the surface and reading strings that concepts are found in. */
export function analyze(normalized: NormalizedText, tokenizer: Tokenizer, compounds: CompoundTable): AnalyzedText {
  const raw = mergeCompounds(tokenizeBounded(tokenizer, normalized.text), compounds);
  const tokens: AnalyzedToken[] = [];
  const english: EnglishWord[] = [];
  const sentenceEnds: number[] = [];
  let surface = '';
  let key = '';
  let rawReading = '';
  const rawToKey: number[] = [];
  let afterSpace = true;
  for (const token of raw) {
    if (WHITESPACE.test(token.surface_form)) {
      afterSpace = true;
      continue;
    }
    const ascii = ASCII_WORD.test(token.surface_form);
    const tokenRaw = ascii ? ' ' : hiraganaToKatakana(token.reading);
    let tokenKey = ' ';
    if (ascii) rawToKey.push(key.length);
    else tokenKey = foldReading(tokenRaw, key.length, rawToKey);
    const analyzed: AnalyzedToken = {
      surface_form: token.surface_form,
      basic_form: token.basic_form,
      reading: token.reading,
      pos: token.pos,
      soft: token.unknown || isHiraganaOnly(token.surface_form),
      unknown: token.unknown,
      ascii,
      surfaceStart: surface.length,
      surfaceEnd: surface.length + token.surface_form.length,
      keyStart: key.length,
      keyEnd: key.length + tokenKey.length,
      rawStart: rawReading.length,
      rawEnd: rawReading.length + tokenRaw.length,
    };
    surface += token.surface_form;
    key += tokenKey;
    rawReading += tokenRaw;
    if (ascii) {
      // kuromoji splits letters from digits (707k → 707|k); an English word is the whole run.
      const previous = english.at(-1);
      if (previous && !afterSpace && previous.tokenIndex === tokens.length - 1) {
        const word = previous.word + token.surface_form;
        english[english.length - 1] = { word, stem: PorterStemmer.stem(word), tokenIndex: previous.tokenIndex };
      } else {
        english.push({ word: token.surface_form, stem: PorterStemmer.stem(token.surface_form), tokenIndex: tokens.length });
      }
    }
    afterSpace = false;
    if (SENTENCE_END.test(token.surface_form)) sentenceEnds.push(tokens.length);
    tokens.push(analyzed);
  }
  rawToKey.push(key.length);
  return {
    normalized,
    surface,
    readingKey: key,
    readingKeyUnvoiced: unvoice(key),
    readingRaw: rawReading,
    rawToKey,
    tokens,
    english,
    sentenceEnds,
  };
}
