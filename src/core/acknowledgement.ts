import type { IntentScore } from './match';

/**
 * 「わかりました」「なるほど」 are small talk only when that is about all the message says:
 * 「被害がわかった場合は連絡くれる？」 is a question and 「分かったけど納得できない」 a complaint,
 * whatever else they match. Elsewhere the acknowledgement does not count.
 */
const ACKNOWLEDGEMENT = 'smalltalk.acknowledgement';
const MAX_ACKNOWLEDGEMENT_LENGTH = 20;
const SMALLTALK_CONCEPTS = new Set(['acknowledgement', 'thanks', 'greeting', 'goodbye']);

export function withoutIncidentalAcknowledgement(
  ranking: readonly IntentScore[],
  normalizedText: string,
  kept: ReadonlySet<string>,
): readonly IntentScore[] {
  if (!ranking.some((intent) => intent.id === ACKNOWLEDGEMENT)) return ranking;
  // 「はい、わかりました。大丈夫です」 matches a worry word, but nothing else scores: still small talk.
  const nothingElseScores = ranking.every((intent) => intent.label === 'smalltalk' || intent.score <= 0);
  const bare =
    normalizedText.length <= MAX_ACKNOWLEDGEMENT_LENGTH &&
    !normalizedText.includes('?') &&
    (nothingElseScores || [...kept].every((concept) => SMALLTALK_CONCEPTS.has(concept)));
  return bare ? ranking : ranking.filter((intent) => intent.id !== ACKNOWLEDGEMENT);
}
