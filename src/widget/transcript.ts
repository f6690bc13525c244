/**
 * The scrolling area: the live log of the conversation with the current choices in it, and the
 * 「回答を準備しています…」 status below; and where it scrolls when something new arrives.
 *
 * The choices (quick replies) sit in the log right after the reply that offered them, before its
 * call-center card: after the scam warning, the next step must be in view with the warning's
 * first line, on a phone too (scroll-plan.ts). They are not announced as they appear
 * (aria-live off); focus moves to them when the person pressed one.
 */
import { append, cls, el, removeChildren } from './dom';
import { planScroll } from './scroll-plan';
import type { Wording } from './wording';

/** Room kept above (and below) what is scrolled into view. */
const MARGIN = 12;

export interface Transcript {
  readonly scroller: HTMLDivElement;
  readonly log: HTMLDivElement;
  append<T extends Node>(node: T): T;
  /** Moves the choices to the end of the log, keeping focus on a choice that had it. */
  appendChoices(): void;
  clear(): void;
  /** Shows the status line with `text`, or hides it (null). */
  setStatus(text: string | null): void;
  /** Shows `node` from its top (a long answer must be read from its beginning). */
  scrollToShow(node: HTMLElement | null): void;
  /** Shows a reply from `start` to `end`, with the question above it when all of it fits (scroll-plan.ts). */
  scrollToReply(question: HTMLElement | null, start: HTMLElement, end: HTMLElement): void;
  scrollToEnd(): void;
  scrollToTop(): void;
}

export function createTranscript(choices: HTMLElement, wording: Wording): Transcript {
  const scroller = el('div', cls('scroller'));
  scroller.tabIndex = 0; // a scrollable region must be reachable by keyboard
  scroller.setAttribute('role', 'region');

  const log = el('div', cls('log'));
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-relevant', 'additions');
  wording.bind((words) => {
    scroller.setAttribute('aria-label', words.scrollLabel);
    log.setAttribute('aria-label', words.logLabel);
  });
  choices.setAttribute('aria-live', 'off');
  log.appendChild(choices);

  const status = el('p', cls('status'));
  status.setAttribute('role', 'status');
  const statusDots = el('span', cls('status-dots'));
  statusDots.setAttribute('aria-hidden', 'true');
  const statusText = el('span', cls('status-text'));
  append(status, statusDots, statusText);
  append(scroller, log, status);

  /** `node`'s top in the scroller's content. */
  const topOf = (node: HTMLElement) =>
    node.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop;
  const scrollTo = (top: number) => {
    scroller.scrollTop = top;
  };
  return {
    scroller,
    log,
    append: (node) => log.appendChild(node),
    appendChoices() {
      const focused = document.activeElement;
      log.appendChild(choices);
      // moving an element takes focus from it: a keyboard user stays on the choice they were on
      if (focused instanceof HTMLElement && choices.contains(focused)) focused.focus({ preventScroll: true });
    },
    clear: () => removeChildren(log),
    setStatus(text) {
      statusText.textContent = text ?? '';
      status.classList.toggle(cls('status-on'), text !== null);
    },
    scrollToShow(node) {
      if (node) scrollTo(Math.max(0, topOf(node) - MARGIN));
    },
    scrollToReply(question, start, end) {
      const top = topOf(start);
      const bottom = topOf(end) + end.offsetHeight;
      scrollTo(
        planScroll({
          viewHeight: scroller.clientHeight,
          start: top,
          end: bottom,
          question: question ? topOf(question) : null,
          margin: MARGIN,
        }),
      );
    },
    scrollToEnd() {
      scrollTo(scroller.scrollHeight);
    },
    scrollToTop() {
      scrollTo(0);
    },
  };
}
