/**
 * ふりがな: readings over the kanji of the bot's messages (<ruby>), from the `ruby` segments the
 * chat API sends with each text (kana, digits and Latin come without a reading and stay bare).
 * Only what is shown is in the page: with ふりがな off a message holds its plain text, so copying
 * it or reading it aloud gives the text alone. Switching rewrites the messages already shown.
 */
import type { Language } from '../core/reply-shape';
import type { RubySegment } from './chat-reply';
import { cls, el, removeChildren } from './dom';
import { type ChoiceStore, furiganaShown } from './furigana-choice';

export interface Furigana {
  shown(): boolean;
  /** Writes `text` into `node`: with its readings over the kanji while ふりがな is shown, and rewritten when that changes. */
  write(node: HTMLElement, text: string, ruby: readonly RubySegment[] | undefined): void;
  /** The person's own choice: remembered, and from then on it wins over the default. */
  choose(shown: boolean): void;
  /** The conversation's language changed: without a choice of the person's, the default follows it. */
  setLanguage(language: Language): void;
  /** Runs `show` now, and again whenever ふりがな is shown or hidden. */
  bind(show: (shown: boolean) => void): void;
}

interface Written {
  readonly node: HTMLElement;
  readonly text: string;
  readonly ruby: readonly RubySegment[];
}

/** 協会(きょうかい)から → <ruby>協会<rp>(</rp><rt>きょうかい</rt><rp>)</rp></ruby>から; rp shows where ruby is not supported. */
export function renderRuby(segments: readonly RubySegment[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const segment of segments) {
    if (!segment.reading) {
      fragment.appendChild(document.createTextNode(segment.text));
      continue;
    }
    const ruby = el('ruby', null, segment.text);
    ruby.appendChild(el('rp', null, '('));
    ruby.appendChild(el('rt', null, segment.reading));
    ruby.appendChild(el('rp', null, ')'));
    fragment.appendChild(ruby);
  }
  return fragment;
}

const hasReading = (segments: readonly RubySegment[]) => segments.some((segment) => Boolean(segment.reading));

export function createFurigana(store: ChoiceStore, language: Language): Furigana {
  let shown = furiganaShown(store.read(), language);
  let written: Written[] = [];
  const shows: Array<(shown: boolean) => void> = [];

  const fill = ({ node, text, ruby }: Written) => {
    removeChildren(node);
    if (shown) node.appendChild(renderRuby(ruby));
    else node.textContent = text;
    // room between the lines for the readings, only where there are some
    node.classList.toggle(cls('ruby'), shown);
  };
  const show = (next: boolean) => {
    if (next === shown) return;
    shown = next;
    // what left the page (a deleted conversation) is let go
    written = written.filter((entry) => document.documentElement.contains(entry.node));
    for (const entry of written) fill(entry);
    for (const listener of shows) listener(shown);
  };

  return {
    shown: () => shown,
    write(node, text, ruby) {
      if (!ruby || !hasReading(ruby)) {
        node.textContent = text;
        return;
      }
      const entry = { node, text, ruby };
      written.push(entry);
      fill(entry);
    },
    choose(next) {
      store.save(next);
      show(next);
    },
    setLanguage(next) {
      show(furiganaShown(store.read(), next));
    },
    bind(listener) {
      shows.push(listener);
      listener(shown);
    },
  };
}
