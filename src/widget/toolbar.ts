/**
 * The header's two toggles. 「ふりがな」 shows or hides readings over the kanji (aria-pressed says
 * which; the person's choice is remembered, furigana-choice.ts). "English" / 「日本語」, named in
 * the language it switches to, asks the bot to answer in that language: the reply, not the
 * button, changes the widget's words (a reply that fails changes nothing).
 */
import type { Language } from '../core/reply-shape';
import { append, button, cls, el } from './dom';
import type { Furigana } from './furigana';
import { otherLanguage } from './text';
import type { Wording } from './wording';

export interface ToolbarContext {
  readonly wording: Wording;
  readonly furigana: Furigana;
  /** Sends the payload that switches the bot's words to `language`. */
  switchLanguage(language: Language): void;
}

export interface Toolbar {
  readonly tools: HTMLDivElement;
  /** The buttons marked aria-disabled while a request is in flight (the language switch: it sends one). */
  busyButtons(): HTMLButtonElement[];
}

export function createToolbar({ wording, furigana, switchLanguage }: ToolbarContext): Toolbar {
  const tools = el('div', cls('tools'));
  const furiganaButton = button(cls('tool'));
  const mark = el('span', cls('tool-mark'));
  mark.setAttribute('aria-hidden', 'true');
  const furiganaText = el('span');
  append(furiganaButton, mark, furiganaText);
  const languageButton = button(`${cls('tool')} ${cls('language')}`);
  append(tools, furiganaButton, languageButton);

  furigana.bind((shown) => furiganaButton.setAttribute('aria-pressed', shown ? 'true' : 'false'));
  wording.bind((words, language) => {
    furiganaText.textContent = words.furigana;
    furiganaButton.setAttribute('aria-label', words.furiganaLabel);
    languageButton.textContent = words.languageButton;
    languageButton.setAttribute('aria-label', words.languageButtonLabel);
    // the button speaks the language it switches to (a screen reader's voice follows lang)
    languageButton.setAttribute('lang', otherLanguage(language));
  });

  furiganaButton.addEventListener('click', () => furigana.choose(!furigana.shown()));
  languageButton.addEventListener('click', () => {
    if (languageButton.getAttribute('aria-disabled') !== 'true') switchLanguage(otherLanguage(wording.language()));
  });
  return { tools, busyButtons: () => [languageButton] };
}
