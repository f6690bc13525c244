/** The question box: label, input and 送信. Enter that confirms a kana-kanji conversion does not send. */
import { append, cls, el } from './dom';
import { MAX_TEXT, TEXT } from './text';

export interface Composer {
  readonly form: HTMLFormElement;
  readonly input: HTMLInputElement;
  readonly sendButton: HTMLButtonElement;
  setBusy(busy: boolean): void;
}

/** The IME owns this key: a kana-kanji conversion is being typed or confirmed. */
export function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

export function createComposer(onSubmit: () => void): Composer {
  const form = el('form', cls('form'));
  form.setAttribute('novalidate', '');
  const label = el('label', cls('label'), TEXT.inputLabel);
  label.htmlFor = cls('input');
  const row = el('div', cls('row'));
  const input = el('input', cls('input'));
  input.id = cls('input');
  input.type = 'text';
  input.name = 'kfq-question';
  input.maxLength = MAX_TEXT;
  input.autocomplete = 'off';
  input.placeholder = TEXT.placeholder;
  input.setAttribute('enterkeyhint', 'send');
  const sendButton = el('button', cls('send'), TEXT.send);
  sendButton.type = 'submit';
  append(row, input, sendButton);
  append(form, label, row);

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && isComposing(event)) event.preventDefault();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit();
  });

  return {
    form,
    input,
    sendButton,
    setBusy(busy) {
      sendButton.disabled = busy;
      form.setAttribute('aria-busy', busy ? 'true' : 'false');
    },
  };
}
