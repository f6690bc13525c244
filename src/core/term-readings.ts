import { hiraganaToKatakana, isKanaOnly } from './kana';
import type { Tokenizer } from '../dictionary/tokenizer';

/**
 * The reading of a dictionary term (漏洩 → ロウセツ), used to match same-sound spellings.
 * Readings come from kuromoji; a build step stores them for the shipped dictionaries
 * (dist/dictionary/term-readings.json) so start-up need not tokenize every term again.
 */
export type TermReader = (term: string) => string | undefined;

/** The katakana reading of a kanji term, or undefined when part of it has no reading. */
export function readTermWith(tokenizer: Tokenizer): TermReader {
  return (text) => {
    let reading = '';
    for (const token of tokenizer.tokenize(text)) {
      if (/^\s+$/u.test(token.surface_form)) continue;
      if (token.reading && token.reading !== '*') reading += token.reading;
      else if (isKanaOnly(token.surface_form)) reading += hiraganaToKatakana(token.surface_form);
      else return undefined; // an unknown kanji or a symbol: no reliable reading
    }
    return reading;
  };
}

/** Stored readings first; anything not stored (a term added since the build) is read by the tokenizer. */
export function readTermRemembering(stored: ReadonlyMap<string, string | null>, fallback: TermReader): TermReader {
  return (text) => {
    const known = stored.get(text);
    if (known !== undefined) return known ?? undefined;
    return fallback(text);
  };
}
