/**
 * The transcript's entries: the person's messages, the bot's answers and notices (the scam
 * warning as an alert, the privacy notice) with their ふりがな and, under the official text, the
 * date it was published; the widget's own short lines and its errors. Each takes the widget's
 * words current when it is added (what is in the log stays as it was said).
 */
import type { ChatMessage } from './chat-reply';
import { cls, el, icon, srOnly } from './dom';
import type { Furigana } from './furigana';
import type { Words } from './text';
import { markLanguage } from './wording';

/** What a bot message is shown with. */
export interface MessageView {
  readonly words: Words;
  readonly furigana: Furigana;
  /** The line under each official message (the reply's asOfNote). */
  readonly asOfNote: string | null;
}

function messageShell(who: 'bot' | 'user', words: Words, extraClass?: string): HTMLDivElement {
  const node = el('div', `${cls('msg')} ${cls(`msg-${who}`)}${extraClass ? ` ${extraClass}` : ''}`);
  node.appendChild(srOnly(who === 'user' ? words.you : words.bot));
  return node;
}

export function noticeTitle(text: string, iconClass: string, iconText: string): HTMLParagraphElement {
  const heading = el('p', cls('notice-title'));
  heading.appendChild(icon(iconClass, iconText));
  heading.appendChild(el('span', null, text));
  return heading;
}

export function isScamWarning(message: ChatMessage): boolean {
  return message.kind === 'notice' && message.notice === 'scam_warning';
}

function textOf(text: string): HTMLParagraphElement {
  const paragraph = el('p', cls('text'));
  markLanguage(paragraph, text);
  return paragraph;
}

export function renderBotMessage(message: ChatMessage, { words, furigana, asOfNote }: MessageView): HTMLDivElement {
  let node: HTMLDivElement;
  if (isScamWarning(message)) {
    node = messageShell('bot', words, `${cls('notice')} ${cls('warning')}`);
    node.setAttribute('role', 'alert');
    node.appendChild(noticeTitle(words.warningTitle, cls('icon-warning'), '!'));
  } else if (message.kind === 'notice') {
    node = messageShell('bot', words, `${cls('notice')} ${cls('privacy')}`);
    node.appendChild(noticeTitle(words.privacyTitle, cls('icon-privacy'), 'i'));
  } else {
    node = messageShell('bot', words);
  }
  const text = node.appendChild(textOf(message.text));
  furigana.write(text, message.text, message.ruby);
  if (message.official && asOfNote) {
    const note = node.appendChild(el('p', cls('asof'), asOfNote));
    markLanguage(note, asOfNote);
  }
  return node;
}

export function renderUserMessage(text: string, words: Words): HTMLDivElement {
  const node = messageShell('user', words);
  node.appendChild(textOf(text)).textContent = text;
  return node;
}

/** A short line from the widget itself (not an answer): the conversation was reset or deleted. */
export function renderInfo(text: string, iconClass: string, iconText: string): HTMLDivElement {
  const node = el('div', cls('info'));
  node.appendChild(icon(iconClass, iconText));
  node.appendChild(el('p', cls('text'), text));
  return node;
}

export function renderError(text: string, words: Words): HTMLDivElement {
  const node = messageShell('bot', words, cls('error'));
  node.appendChild(noticeTitle(words.errorTitle, cls('icon-error'), '!'));
  node.appendChild(textOf(text)).textContent = text;
  return node;
}
