import type { KuromojiToken, Tokenizer } from '../dictionary/tokenizer';

/**
 * kuromoji's unknown-word step groups a run of same-class characters (digits, letters,
 * katakana) from every position to the end of the run, so a long run without punctuation costs
 * time quadratic in its length (20,000 digits take seconds). Messages are cut into stretches
 * of at most MAX_STRETCH characters — after punctuation or a space where possible — and
 * tokenized stretch by stretch. Real messages are far shorter; only a hostile one is cut.
 */
export const MAX_STRETCH = 256;
const GOOD_CUT = /[。、！？!?,.\s]/u;
const KANJI = /[\u3400-\u9fff\uf900-\ufaff々〆]/u;
const KATAKANA = /[\u30a0-\u30ffー]/u;

/** Between two kanji or two katakana a cut may split a word, a name above all (佐|藤). */
function splitsAWord(before: string, after: string): boolean {
  return (KANJI.test(before) && KANJI.test(after)) || (KATAKANA.test(before) && KATAKANA.test(after));
}

export function splitIntoStretches(text: string, max = MAX_STRETCH): string[] {
  const stretches: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let cut = start + max;
    let found = false;
    for (let index = cut - 1; index > start + max / 2; index--) {
      if (GOOD_CUT.test(text[index]!)) {
        cut = index + 1;
        found = true;
        break;
      }
    }
    // No punctuation near the end: at least not inside a run of kanji or katakana.
    for (let index = start + max; !found && index > start + max / 2; index--) {
      if (!splitsAWord(text[index - 1]!, text[index]!)) {
        cut = index;
        found = true;
      }
    }
    // Never cut a surrogate pair in two.
    if (/[\ud800-\udbff]/.test(text[cut - 1] ?? '')) cut++;
    stretches.push(text.slice(start, cut));
    start = cut;
  }
  stretches.push(text.slice(start));
  return stretches;
}

export function tokenizeBounded(tokenizer: Tokenizer, text: string): KuromojiToken[] {
  if (text.length <= MAX_STRETCH) return tokenizer.tokenize(text);
  return splitIntoStretches(text).flatMap((stretch) => tokenizer.tokenize(stretch));
}
