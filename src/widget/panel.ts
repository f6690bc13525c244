/**
 * The launcher (チャットで質問する) and the panel it opens: a dialog with a header (title, close,
 * and the toggles given to it: ふりがな, English), the standing notice not to type personal data,
 * and the parts given to it. Escape closes it; on a phone,
 * where it covers the page, Tab stays inside it.
 */
import { append, button, cls, el, icon } from './dom';
import { isComposing } from './composer';
import { coarsePointer, fullScreen } from './media';
import type { WidgetState } from './state';
import type { Wording } from './wording';

export interface PanelContext {
  readonly state: WidgetState;
  readonly wording: Wording;
  /** The header's second row (the toggles). */
  readonly tools: HTMLElement;
  /** Where focus goes on opening by keyboard or with a mouse. */
  readonly input: HTMLInputElement;
  /** Called on every opening (it greets once). */
  onOpen(): void;
  /** Called on closing. */
  onClose(): void;
}

export interface Panel {
  readonly launcher: HTMLButtonElement;
  readonly panel: HTMLDivElement;
}

function createLauncher(wording: Wording): HTMLButtonElement {
  const launcher = button(cls('launcher'));
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', cls('panel'));
  const launcherIcon = el('span', cls('launcher-icon'));
  launcherIcon.setAttribute('aria-hidden', 'true');
  const text = el('span', cls('launcher-text'));
  append(launcher, launcherIcon, text);
  wording.bind((words) => {
    text.textContent = words.launcher;
  });
  return launcher;
}

function createHeader(
  wording: Wording,
  tools: HTMLElement,
): { header: HTMLDivElement; title: HTMLHeadingElement; closeButton: HTMLButtonElement } {
  const header = el('div', cls('header'));
  const top = el('div', cls('header-top'));
  const heading = el('div', cls('heading'));
  const title = el('h2', cls('title'));
  title.id = cls('title');
  title.tabIndex = -1;
  const subtitle = el('p', cls('subtitle'));
  subtitle.id = cls('subtitle');
  append(heading, title, subtitle);
  const closeButton = button(cls('close'));
  const closeIcon = el('span', cls('close-icon'), '×');
  closeIcon.setAttribute('aria-hidden', 'true');
  const closeText = el('span', cls('close-text'));
  append(closeButton, closeIcon, closeText);
  append(top, heading, closeButton);
  append(header, top, tools);
  wording.bind((words) => {
    title.textContent = words.title;
    subtitle.textContent = words.subtitle;
    closeButton.setAttribute('aria-label', words.closeLabel);
    closeText.textContent = words.close;
  });
  return { header, title, closeButton };
}

function createStanding(wording: Wording): HTMLParagraphElement {
  const standing = el('p', cls('standing'));
  standing.id = cls('standing');
  const text = el('span', cls('standing-text'));
  append(standing, icon(cls('icon-privacy'), '!'), text);
  wording.bind((words) => {
    text.textContent = words.standing;
  });
  return standing;
}

/** What can take focus inside the panel, in order. */
function focusables(panel: HTMLElement): HTMLElement[] {
  return Array.prototype.filter.call(
    panel.querySelectorAll('button, input, a[href], [tabindex="0"]'),
    (node: HTMLElement) => !(node as HTMLButtonElement).disabled && node.getClientRects().length > 0,
  ) as HTMLElement[];
}

/** Full screen, the page behind is hidden: Tab from the last item goes to the first, Shift+Tab the other way. */
function keepTabInside(panel: HTMLElement, event: KeyboardEvent): void {
  const items = focusables(panel);
  if (items.length === 0) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

export function createPanel(context: PanelContext, parts: readonly HTMLElement[]): Panel {
  const { state } = context;
  const launcher = createLauncher(context.wording);
  const panel = el('div', cls('panel'));
  panel.id = cls('panel');
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', `${cls('title')} ${cls('subtitle')}`);
  panel.setAttribute('aria-describedby', cls('standing'));
  const { header, title, closeButton } = createHeader(context.wording, context.tools);
  append(panel, header, createStanding(context.wording), ...parts);

  function open(byKeyboard: boolean): void {
    if (state.isOpen) return;
    state.isOpen = true;
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute('aria-expanded', 'true');
    document.documentElement.classList.add(cls('open'));
    // On a touch screen, focusing the input would pop the keyboard over the greeting.
    if (byKeyboard || !coarsePointer()) context.input.focus();
    else title.focus();
    context.onOpen();
  }

  function close(): void {
    if (!state.isOpen) return;
    state.isOpen = false;
    context.onClose();
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute('aria-expanded', 'false');
    document.documentElement.classList.remove(cls('open'));
    launcher.focus();
  }

  launcher.addEventListener('click', (event) => {
    open(event.detail === 0); // detail 0: activated by Enter/Space, not a pointer
  });
  closeButton.addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (isComposing(event)) return;
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab' && fullScreen()) {
      keepTabInside(panel, event);
    }
  });

  return { launcher, panel };
}
