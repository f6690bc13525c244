import fs from 'node:fs';
import path from 'node:path';
import { loadBotData } from '../../src/data/load-bot-data';
import { parseOfficialFaq, withoutWhitespace } from '../../src/data/official-faq';
import { INTENTS_DIR, PROJECT_ROOT } from '../../src/paths';

// The official page, copied into the repo so the test runs anywhere; when the shared copy
// is present too, the two must agree.
const officialFile = path.join(INTENTS_DIR, 'official-faq.txt');
const official = parseOfficialFaq(fs.readFileSync(officialFile, 'utf8'));
const data = loadBotData();

describe('the official FAQ text', () => {
  it('has the eleven questions, each with its answer', () => {
    expect(official.map((entry) => entry.id)).toEqual(data.faq.map((intent) => intent.id));
    for (const entry of official) expect(entry.answer.length).toBeGreaterThan(10);
  });

  const sharedCopy = path.resolve(PROJECT_ROOT, '..', 'shared', 'faq', 'source.txt');
  (fs.existsSync(sharedCopy) ? it : it.skip)('is the same as the shared source', () => {
    expect(fs.readFileSync(officialFile, 'utf8')).toBe(fs.readFileSync(sharedCopy, 'utf8'));
  });
});

describe.each(official)('intents/$id.yaml', (entry) => {
  const intent = data.faq.find((candidate) => candidate.id === entry.id)!;

  it('answers with the official text, word for word (whitespace aside)', () => {
    expect(withoutWhitespace(intent.answer)).toBe(withoutWhitespace(entry.answer));
  });

  it('asks the official question', () => {
    expect(withoutWhitespace(intent.question)).toBe(withoutWhitespace(entry.question));
  });
});
