/**
 * The input's limit (the chat API's, MAX_TEXT): how many characters are left, and how much of a
 * paste the browser cuts to fit. Counted in UTF-16 code units, as maxlength and the API count.
 */
import { MAX_TEXT } from './text';

export function remaining(valueLength: number): number {
  return Math.max(0, MAX_TEXT - valueLength);
}

/**
 * How many characters at the end of a paste do not fit, 0 when it all fits. A one-line input
 * turns each line break into a space (Chromium and Firefox both do), so each counts as one.
 */
export function overflowOfPaste(pasted: string, valueLength: number, selectionLength: number): number {
  const inserted = pasted.replace(/\r\n|\r|\n/g, ' ').length;
  const room = Math.max(0, MAX_TEXT - (valueLength - selectionLength));
  return Math.max(0, inserted - room);
}
