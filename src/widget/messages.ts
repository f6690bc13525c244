/**
 * The transcript's entries: the person's messages, the bot's answers and notices (the scam
 * warning as an alert, the privacy notice), the widget's own short lines and its errors.
 */
import type { ReplyMessage } from '../core/reply-shape';
import { cls, el, icon, srOnly } from './dom';
import { TEXT } from './text';

function messageShell(who: 'bot' | 'user', extraClass?: string): HTMLDivElement {
  const node = el('div', `${cls('msg')} ${cls(`msg-${who}`)}${extraClass ? ` ${extraClass}` : ''}`);
  node.appendChild(srOnly(who === 'user' ? TEXT.you : TEXT.bot));
  return node;
}

export function noticeTitle(text: string, iconClass: string, iconText: string): HTMLParagraphElement {
  const heading = el('p', cls('notice-title'));
  heading.appendChild(icon(iconClass, iconText));
  heading.appendChild(el('span', null, text));
  return heading;
}

export function isScamWarning(message: ReplyMessage): boolean {
  return message.kind === 'notice' && message.notice === 'scam_warning';
}

export function renderBotMessage(message: ReplyMessage): HTMLDivElement {
  let node: HTMLDivElement;
  if (isScamWarning(message)) {
    node = messageShell('bot', `${cls('notice')} ${cls('warning')}`);
    node.setAttribute('role', 'alert');
    node.appendChild(noticeTitle(TEXT.warningTitle, cls('icon-warning'), '!'));
  } else if (message.kind === 'notice') {
    node = messageShell('bot', `${cls('notice')} ${cls('privacy')}`);
    node.appendChild(noticeTitle(TEXT.privacyTitle, cls('icon-privacy'), 'i'));
  } else {
    node = messageShell('bot');
  }
  node.appendChild(el('p', cls('text'), message.text));
  return node;
}

export function renderUserMessage(text: string): HTMLDivElement {
  const node = messageShell('user');
  node.appendChild(el('p', cls('text'), text));
  return node;
}

/** A short line from the widget itself (not an answer): the conversation was reset or deleted. */
export function renderInfo(text: string, iconClass: string, iconText: string): HTMLDivElement {
  const node = el('div', cls('info'));
  node.appendChild(icon(iconClass, iconText));
  node.appendChild(el('p', cls('text'), text));
  return node;
}

export function renderError(text: string): HTMLDivElement {
  const node = messageShell('bot', cls('error'));
  node.appendChild(noticeTitle(TEXT.errorTitle, cls('icon-error'), '!'));
  node.appendChild(el('p', cls('text'), text));
  return node;
}
