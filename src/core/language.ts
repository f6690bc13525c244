import type { Language } from './reply';
import { looksLikeRomaji } from './romaji';

const JAPANESE = /[\u3041-\u30ff\u3400-\u9fff]/u;
const LATIN_WORD = /[a-z]+(?:'[a-z]+)*/gi;

/**
 * The language a typed message is written in, when it shows: Japanese (any kana or kanji),
 * English (two or more Latin words that do not read as romaji); undefined when it does not
 * (digits, emoji, a single word), and the conversation keeps the language it had.
 */
export function writtenIn(text: string): Language | undefined {
  if (JAPANESE.test(text)) return 'ja';
  const words = text.match(LATIN_WORD) ?? [];
  if (words.length >= 2 && !looksLikeRomaji(text.toLowerCase())) return 'en';
  return undefined;
}
