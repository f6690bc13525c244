/**
 * The language of the widget's own words: the conversation's (each reply says it), shown by
 * whatever stays on screen (the header, the input, the buttons). What is already in the log
 * stays as it was said; new entries take the words current when they are added.
 */
import type { Language } from '../core/reply-shape';
import { WORDS, type Words } from './text';

export interface Wording {
  language(): Language;
  words(): Words;
  /** Runs `show` now, and again whenever the language changes. */
  bind(show: (words: Words, language: Language) => void): void;
  set(language: Language): void;
}

export function createWording(initial: Language = 'ja'): Wording {
  let language = initial;
  const shows: Array<(words: Words, language: Language) => void> = [];
  return {
    language: () => language,
    words: () => WORDS[language],
    bind(show) {
      shows.push(show);
      show(WORDS[language], language);
    },
    set(next) {
      if (next === language) return;
      language = next;
      for (const show of shows) show(WORDS[language], language);
    },
  };
}

const JAPANESE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]/;
const LATIN_LETTER = /[A-Za-z]/;

/**
 * The language a text is written in, for its lang attribute: Japanese when it has kana or kanji,
 * English when it has Latin letters and neither, else null (digits, marks: it inherits). Screen
 * readers pick their voice by it, and Japanese line breaking (禁則) needs lang="ja".
 */
export function languageOfText(text: string): Language | null {
  if (JAPANESE_SCRIPT.test(text)) return 'ja';
  return LATIN_LETTER.test(text) ? 'en' : null;
}

/** Marks `node` (an element) with the language of `text` (see languageOfText). */
export function markLanguage(node: { setAttribute(name: string, value: string): void }, text: string): void {
  const language = languageOfText(text);
  if (language) node.setAttribute('lang', language);
}
