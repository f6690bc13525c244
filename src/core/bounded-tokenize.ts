import type { KuromojiToken, Tokenizer } from './tokenizer';

/**
 * kuromoji's unknown-word step groups a run of same-class characters (digits, letters,
 * katakana) from every position to the end of the run, so a long run without punctuation costs
 * time quadratic in its length (20,000 digits take seconds). Messages are cut into stretches
 * of at most MAX_STRETCH characters — after punctuation or a space where possible — and
 * tokenized stretch by stretch. Real messages are far shorter; only a hostile one is cut.
 */
export const MAX_STRETCH = 256;
const GOOD_CUT = /[。、！？!?,.\s]/u;

export function splitIntoStretches(text: string, max = MAX_STRETCH): string[] {
  const stretches: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let cut = start + max;
    for (let index = cut - 1; index > start + max / 2; index--) {
      if (GOOD_CUT.test(text[index]!)) {
        cut = index + 1;
        break;
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
