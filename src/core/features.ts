import type { AnalyzedText } from './analyze';
import type { ConceptTags } from './concepts';
import { readingKey } from './kana';

/**
 * What the second opinion (second-opinion.ts) sees of a message: the concepts the dictionaries
 * found (「c:leak」), the content words by their reading key, so 漏れた, もれた and 洩れた are one
 * (「r:モレ」), and English stems (「e:leak」). Concepts carry what the rules know; the words
 * carry what no concept knows yet.
 */

const CONTENT_POS = new Set(['名詞', '動詞', '形容詞', '副詞', '感動詞']);
const DIGITS = /^[0-9０-９]+$/u;

export function featuresOf(analysis: AnalyzedText, tags: ConceptTags): string[] {
  const features = new Set<string>();
  for (const concept of tags.kept) features.add(`c:${concept}`);
  for (const concept of tags.all) if (!tags.kept.has(concept)) features.add(`d:${concept}`);
  analysis.tokens.forEach((token) => {
    if (token.ascii || !CONTENT_POS.has(token.pos) || DIGITS.test(token.surface_form)) return;
    const key = readingKey(token.reading);
    if (key.length >= 2) features.add(`r:${key}`);
  });
  for (const word of analysis.english) if (word.stem.length >= 2 && !DIGITS.test(word.stem)) features.add(`e:${word.stem}`);
  return [...features];
}
