/** The buttons under a reply (質問の候補): pressing one sends its payload. */
import type { QuickReply } from '../core/reply-shape';
import { button, cls, el, removeChildren } from './dom';
import { markLanguage, type Wording } from './wording';

export interface QuickReplies {
  readonly group: HTMLDivElement;
  /** Replaces the buttons (none hides the group). */
  show(replies: readonly QuickReply[], onChoose: (reply: QuickReply) => void): void;
  buttons(): HTMLButtonElement[];
  first(): HTMLButtonElement | null;
}

export function createQuickReplies(wording: Wording): QuickReplies {
  const group = el('div', cls('quick'));
  group.setAttribute('role', 'group');
  wording.bind((words) => group.setAttribute('aria-label', words.quickLabel));
  group.hidden = true;

  const buttons = () => Array.prototype.slice.call(group.querySelectorAll('button')) as HTMLButtonElement[];
  return {
    group,
    show(replies, onChoose) {
      removeChildren(group);
      for (const reply of replies) {
        const node = button(cls('quick-btn'), reply.label);
        markLanguage(node, reply.label);
        node.setAttribute('data-payload', reply.payload);
        node.addEventListener('click', () => onChoose(reply));
        group.appendChild(node);
      }
      group.hidden = group.childNodes.length === 0;
    },
    buttons,
    first: () => group.querySelector('button'),
  };
}
