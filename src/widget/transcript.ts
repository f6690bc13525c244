/**
 * The scrolling area: the live log of the conversation, the 「回答を準備しています…」 status
 * and the quick replies, and where it scrolls when something new arrives.
 */
import { append, cls, el, removeChildren } from './dom';
import { TEXT } from './text';

export interface Transcript {
  readonly scroller: HTMLDivElement;
  readonly log: HTMLDivElement;
  append<T extends Node>(node: T): T;
  clear(): void;
  /** Shows the status line with `text`, or hides it (null). */
  setStatus(text: string | null): void;
  /** Shows `node` from its top (a long answer must be read from its beginning). */
  scrollToShow(node: HTMLElement | null): void;
  /** Shows the answer from its top, with the question above it when both fit. */
  scrollToAnswer(question: HTMLElement | null, answer: HTMLElement | null): void;
  scrollToEnd(): void;
  scrollToTop(): void;
}

export function createTranscript(quickGroup: HTMLElement): Transcript {
  const scroller = el('div', cls('scroller'));
  scroller.tabIndex = 0; // a scrollable region must be reachable by keyboard
  scroller.setAttribute('role', 'region');
  scroller.setAttribute('aria-label', TEXT.scrollLabel);

  const log = el('div', cls('log'));
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-relevant', 'additions');
  log.setAttribute('aria-label', TEXT.logLabel);

  const status = el('p', cls('status'));
  status.setAttribute('role', 'status');
  const statusDots = el('span', cls('status-dots'));
  statusDots.setAttribute('aria-hidden', 'true');
  const statusText = el('span', cls('status-text'));
  append(status, statusDots, statusText);
  append(scroller, log, status, quickGroup);

  const scrollToShow = (node: HTMLElement | null) => {
    if (node) scroller.scrollTop = Math.max(0, node.offsetTop - 12);
  };
  return {
    scroller,
    log,
    append: (node) => log.appendChild(node),
    clear: () => removeChildren(log),
    setStatus(text) {
      statusText.textContent = text ?? '';
      status.classList.toggle(cls('status-on'), text !== null);
    },
    scrollToShow,
    scrollToAnswer(question, answer) {
      if (!answer) return;
      const fits = question && answer.offsetTop + answer.offsetHeight - question.offsetTop + 24 <= scroller.clientHeight;
      scrollToShow(fits ? question : answer);
    },
    scrollToEnd() {
      scroller.scrollTop = scroller.scrollHeight;
    },
    scrollToTop() {
      scroller.scrollTop = 0;
    },
  };
}
