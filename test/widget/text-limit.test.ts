import { overflowOfPaste, remaining } from '../../src/widget/text-limit';

test('remaining: what is left of the 500 characters, never below 0', () => {
  expect(remaining(0)).toBe(500);
  expect(remaining(488)).toBe(12);
  expect(remaining(500)).toBe(0);
  expect(remaining(501)).toBe(0);
});

test.each([
  // why, pasted, the input's length, selected characters (replaced by the paste), characters cut
  ['fits', 'あ'.repeat(10), 480, 0, 0],
  ['fits exactly', 'あ'.repeat(20), 480, 0, 0],
  ['the end is cut', 'あ'.repeat(30), 480, 0, 10],
  ['a selection is replaced, so it makes room', 'あ'.repeat(30), 480, 10, 0],
  ['the input is full: all of it is cut', 'あいう', 500, 0, 3],
  // a one-line input turns each line break into a space: one character each, \r\n included
  ['line breaks count one each', `${'あ'.repeat(18)}\r\nい\nう`, 480, 0, 2],
])('overflowOfPaste: %s', (_why, pasted, length, selected, cut) => {
  expect(overflowOfPaste(pasted, length, selected)).toBe(cut);
});
