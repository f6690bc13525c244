import type { KuromojiToken, Tokenizer } from '../../src/dictionary/tokenizer';
import { hiraganaToKatakana, isKanaOnly } from '../../src/core/kana';

/** A kuromoji token built by hand: [surface, reading?, pos?, known?]. */
export type HandToken = [surface: string, reading?: string, pos?: string, known?: boolean];

export function token([surface, reading, pos = '名詞', known = true]: HandToken): KuromojiToken {
  return {
    word_id: 0,
    word_type: known ? 'KNOWN' : 'UNKNOWN',
    word_position: 1,
    surface_form: surface,
    pos,
    pos_detail_1: '*',
    pos_detail_2: '*',
    pos_detail_3: '*',
    conjugated_type: '*',
    conjugated_form: '*',
    basic_form: surface,
    reading: reading ?? (known && isKanaOnly(surface) ? hiraganaToKatakana(surface) : undefined),
    pronunciation: reading,
  } as KuromojiToken;
}

/**
 * A tokenizer that returns prepared token lists, so matcher tests need no dictionary.
 * Text it was not prepared for comes back as one token, read from a small word list.
 */
export function handTokenizer(prepared: Record<string, HandToken[]>, readings: Record<string, string> = {}): Tokenizer {
  return {
    tokenize(text: string): KuromojiToken[] {
      const tokens = prepared[text];
      if (tokens) return tokens.map(token);
      const reading = readings[text] ?? (isKanaOnly(text) ? hiraganaToKatakana(text) : undefined);
      return [token([text, reading, '名詞', reading !== undefined])];
    },
  };
}
