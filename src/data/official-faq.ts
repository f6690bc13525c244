/**
 * Reads the official FAQ text (intents/official-faq.txt, a copy of the association's page)
 * into its questions and answers, so tests can prove every answer is the official text.
 */

/** The official FAQ's text, in intents/. */
export const OFFICIAL_FAQ_FILE = 'official-faq.txt';

export interface OfficialEntry {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
}

const QUESTION_LINE = /^問(\d+)\s*(.*)$/;
const ANSWER_MARK = /^\s*[(（]答[)）]\s*$/;

/** The page lists the questions first and then repeats each one with its (答); only the latter count. */
export function parseOfficialFaq(text: string): OfficialEntry[] {
  const lines = text.split(/\r?\n/);
  const entries: OfficialEntry[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!ANSWER_MARK.test(lines[index]!)) continue;
    let headingIndex = index - 1;
    while (headingIndex >= 0 && !QUESTION_LINE.test(lines[headingIndex]!)) headingIndex--;
    const heading = QUESTION_LINE.exec(lines[headingIndex] ?? '');
    if (!heading) throw new Error(`an (答) at line ${index + 1} has no 問 heading above it`);
    const questionParts = [heading[2]!, ...lines.slice(headingIndex + 1, index)];
    let end = index + 1;
    while (end < lines.length && !QUESTION_LINE.test(lines[end]!)) end++;
    entries.push({
      id: `q${heading[1]}`,
      question: questionParts.join('').trim(),
      answer: lines.slice(index + 1, end).join('\n').trim(),
    });
  }
  return entries;
}

/** Whitespace (including full-width spaces) never counts when answers are compared. */
export function withoutWhitespace(text: string): string {
  return text.replace(/\s+/gu, '');
}
