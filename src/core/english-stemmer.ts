/**
 * natural's Porter stemmer, imported by subpath: `require('natural')` loads every module,
 * runs dotenv (which prints to stdout and reads a .env file) and costs over a second.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

// Stems are remembered: start-up stems every English term of the dictionaries, many of them
// the same words (my, the, data), and messages repeat words too. Bounded, as messages vary.
const MAX_REMEMBERED = 20_000;
const remembered = new Map<string, string>();

export const PorterStemmer = {
  stem(word: string): string {
    let stem = remembered.get(word);
    if (stem === undefined) {
      stem = porter.stem(word);
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(word, stem);
    }
    return stem;
  },
};
