/**
 * Whether ふりがな is shown: the person's own choice when they made one, remembered on this site
 * across reloads (localStorage), else on for English writers and off otherwise. Storage may be
 * unavailable (blocked cookies, private modes, a sandboxed frame): then the choice lasts as long
 * as the page.
 */
import type { Language } from '../core/reply-shape';

export const CHOICE_KEY = 'kfq-furigana';

/** What the widget needs of localStorage (main.ts hands it the page's, or null). */
export interface ChoiceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ChoiceStore {
  /** The person's own choice, or null when they have not made one. */
  read(): boolean | null;
  save(shown: boolean): void;
}

export function createChoiceStore(storage: ChoiceStorage | null): ChoiceStore {
  let choice: boolean | null = null; // in memory too: storage can refuse a write (quota, private mode)
  let stored: string | null = null;
  try {
    stored = storage ? storage.getItem(CHOICE_KEY) : null;
  } catch {
    stored = null;
  }
  if (stored === 'on' || stored === 'off') choice = stored === 'on';
  return {
    read: () => choice,
    save(shown) {
      choice = shown;
      try {
        if (storage) storage.setItem(CHOICE_KEY, shown ? 'on' : 'off');
      } catch {
        // kept in memory for this page
      }
    },
  };
}

/** The person's choice wins; without one, ふりがな is on for English writers. */
export function furiganaShown(choice: boolean | null, language: Language): boolean {
  return choice !== null ? choice : language === 'en';
}
