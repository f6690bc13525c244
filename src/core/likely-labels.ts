import type { FaqId, Label } from '../data/schemas';
import { OUT_OF_SCOPE } from './decide';
import type { Classification } from './engine';

/**
 * The labels a message most likely means, best first: the decision, then the rules' ranking,
 * then the second opinion's vote. What `eval` scores as top-3, and what the bot offers as
 * 「もしかして」 buttons when it is unsure.
 */
export function likelyLabels(classification: Classification): Label[] {
  const { decision } = classification;
  const labels: Label[] = [decision.label];
  const add = (label: Label) => {
    if (!labels.includes(label)) labels.push(label);
  };
  for (const intent of decision.ranking) {
    // The warning is the scam signal's alone; its entry's score only ranks a suggestion.
    add(intent.id === OUT_OF_SCOPE ? 'fallback' : intent.label);
  }
  for (const { label } of classification.secondOpinion()?.ranking ?? []) add(label);
  add('fallback');
  return labels;
}

/** The FAQ entries to offer when the bot is unsure, most likely first. */
export function likelyEntries(classification: Classification, count: number, faqIds: ReadonlySet<string>): FaqId[] {
  return likelyLabels(classification)
    .filter((label): label is FaqId => faqIds.has(label))
    .slice(0, count);
}
