/**
 * The question box: label, input and 送信, how many characters are left, and a line that says
 * when a paste was cut to fit (the browser cuts at maxlength without a word). Enter that
 * confirms a kana-kanji conversion does not send.
 */
import { append, cls, el } from './dom';
import { MAX_TEXT, type Words } from './text';
import { overflowOfPaste, remaining } from './text-limit';
import type { Wording } from './wording';

export interface Composer {
  readonly form: HTMLFormElement;
  readonly input: HTMLInputElement;
  readonly sendButton: HTMLButtonElement;
  /** あと○文字: placed by the caller (beside 「この会話を削除」). */
  readonly count: HTMLParagraphElement;
  setBusy(busy: boolean): void;
  /** Puts text back in the input (a failed send), or empties it (""). */
  setValue(text: string): void;
}

/** The IME owns this key: a kana-kanji conversion is being typed or confirmed. */
export function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}

/** The pasted text, where the browser lets a page read it (else null: then nothing is said). */
function pastedText(event: ClipboardEvent): string | null {
  const data = event.clipboardData;
  return data ? data.getData('text/plain') : null;
}

function createInput(): HTMLInputElement {
  const input = el('input', cls('input'));
  input.id = cls('input');
  input.type = 'text';
  input.name = 'kfq-question';
  input.maxLength = MAX_TEXT;
  input.autocomplete = 'off';
  input.setAttribute('enterkeyhint', 'send');
  input.setAttribute('aria-describedby', cls('count'));
  return input;
}

export function createComposer(onSubmit: () => void, wording: Wording): Composer {
  const form = el('form', cls('form'));
  form.setAttribute('novalidate', '');
  const label = el('label', cls('label'));
  label.htmlFor = cls('input');
  const row = el('div', cls('row'));
  const input = createInput();
  const sendButton = el('button', cls('send'));
  sendButton.type = 'submit';
  // Said once when it happens (role=status), not on every key: the count below is read with the input.
  const note = el('p', cls('note'));
  note.setAttribute('role', 'status');
  note.hidden = true;
  const count = el('p', cls('count'));
  count.id = cls('count');
  append(row, input, sendButton);
  append(form, label, row, note);

  // what the note says, in the words of the moment (it is said again if the language changes)
  let saying: ((words: Words) => string) | null = null;
  const say = (text: ((words: Words) => string) | null) => {
    saying = text;
    note.textContent = text ? text(wording.words()) : '';
    note.hidden = text === null;
  };
  let cut = false; // the note says a paste was cut: kept until the input is emptied
  let full = false;
  const showCount = () => {
    const left = remaining(input.value.length);
    count.textContent = wording.words().remaining(left);
    count.classList.toggle(cls('count-none'), left === 0);
    if (input.value === '') cut = false;
    // reaching the limit by typing is said once; a cut paste has already said more
    if (left === 0 && !full && !cut) say((words) => words.full);
    else if (!cut && left > 0) say(null);
    full = left === 0;
  };
  wording.bind((words) => {
    label.textContent = words.inputLabel;
    input.placeholder = words.placeholder;
    sendButton.textContent = words.send;
    count.textContent = words.remaining(remaining(input.value.length));
    if (saying) note.textContent = saying(words);
  });

  input.addEventListener('paste', (event) => {
    const pasted = pastedText(event);
    if (pasted === null) return;
    const selected = (input.selectionEnd ?? 0) - (input.selectionStart ?? 0);
    const lost = overflowOfPaste(pasted, input.value.length, selected);
    if (lost === 0) return;
    cut = true;
    say((words) => words.pasteCut(lost));
  });
  input.addEventListener('input', showCount);
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
    count,
    setBusy(busy) {
      sendButton.disabled = busy;
      form.setAttribute('aria-busy', busy ? 'true' : 'false');
    },
    setValue(text) {
      input.value = text;
      showCount();
    },
  };
}
