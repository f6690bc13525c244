/**
 * natural's Porter stemmer, imported by subpath: `require('natural')` loads every module,
 * runs dotenv (which prints to stdout and reads a .env file) and costs over a second.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const porter = require('natural/lib/natural/stemmers/porter_stemmer') as { stem(word: string): string };

export const PorterStemmer = {
  stem(word: string): string {
    return porter.stem(word);
  },
};
