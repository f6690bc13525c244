/** The お問い合わせ先 card: the call center's name, number (tap to call) and hours, from the reply. */
import type { CallCenter } from '../core/reply-shape';
import { cls, el } from './dom';
import { noticeTitle } from './messages';
import type { Words } from './text';
import { markLanguage } from './wording';

/** Only a plain number becomes a tel: link; anything else (e.g. a placeholder) stays text. */
export function telHref(phone: string): string | null {
  const trimmed = phone.trim();
  if (!/^\+?[0-9][0-9\- ]{5,19}$/.test(trimmed)) return null;
  return `tel:${trimmed.replace(/[^0-9+]/g, '')}`;
}

export function renderCallCenter(callCenter: CallCenter, words: Words): HTMLDivElement {
  const card = el('div', cls('callcenter'));
  card.appendChild(noticeTitle(words.callCenterTitle, cls('icon-phone'), '☎'));
  const list = el('dl', cls('callcenter-list'));
  const item = (term: string, value: string | Node) => {
    const group = el('div', cls('callcenter-item'));
    group.appendChild(el('dt', null, term));
    const description = el('dd');
    if (typeof value === 'string') description.textContent = value;
    else description.appendChild(value);
    markLanguage(description, description.textContent || '');
    group.appendChild(description);
    list.appendChild(group);
  };
  const { name, phone, hours } = callCenter;
  if (name) item(words.callCenterName, name);
  if (phone) {
    const href = telHref(phone);
    const phoneNode = href ? el('a', cls('phone'), phone) : el('span', cls('phone'), phone);
    if (href) (phoneNode as HTMLAnchorElement).href = href;
    item(words.callCenterPhone, phoneNode);
  }
  if (hours) item(words.callCenterHours, hours);
  card.appendChild(list);
  return card;
}
