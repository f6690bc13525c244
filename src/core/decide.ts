import type { Condition, FaqId, Label } from '../data/schemas';
import type { FiredRule, IntentScore } from './match';
import type { ScamSituation } from './scam-signal';
import type { SecondOpinionVote } from './second-opinion';

/**
 * The decision: which label answers the message. Pure; the order of precedence is
 *   1. the scam-call signal (q9) ahead of everything,
 *   1b. a scam by another organisation: the general route for scams, not the association's warning,
 *   2. an FAQ intent at or above the threshold that beats the out-of-scope cues and small talk,
 *   3. the out-of-scope cues (a near-topic question the FAQ does not answer),
 *   4. small talk,
 *   5. where the rules found nothing, the second opinion's FAQ entry when its vote is clear,
 *   6. the fallback.
 */

export const OUT_OF_SCOPE = 'out_of_scope';

export type DecisionReason = 'safety' | 'other_scam' | 'faq' | 'out_of_scope' | 'smalltalk' | 'second_opinion' | 'below_threshold';

export interface Decision {
  readonly label: Label;
  /** q1..q11, smalltalk.<kind>, or fallback. */
  readonly intentId: string;
  readonly score: number;
  /** 0..1: how far the chosen intent stands above the threshold and the runner-up. */
  readonly confidence: number;
  readonly reason: DecisionReason;
  /** The scam signal's conditions that made the warning; non-empty means the warning must be shown. */
  readonly safety: readonly FiredRule<Condition>[];
  /** The situation the scam signal read, slot by slot (for the trace). */
  readonly scam: ScamSituation;
  /** Intents that scored above zero, best first. */
  readonly ranking: readonly IntentScore[];
  /** The best FAQ intent other than the chosen one, if any scored. */
  readonly runnerUp: IntentScore | undefined;
  /**
   * Another sentence of the message asks what the FAQ does not cover (「扶養の手続きは？それと、
   * 情報は漏れたの？」): the answer says that part goes to the call center.
   */
  readonly alsoOutOfScope?: boolean;
}

/** What decide asks for only when it needs it: both cost more than the rules. */
export interface LaterEvidence {
  /** The second opinion's vote, where the rules find nothing. */
  readonly secondOpinion?: () => SecondOpinionVote | undefined;
  /** The intents' scores sentence by sentence, for a message that asks two questions. */
  readonly bySentence?: () => readonly (readonly IntentScore[])[];
}

export interface DecisionSettings {
  readonly threshold: number;
  /** The share of the second opinion's vote that answers where the rules find nothing (absent: never). */
  readonly secondOpinionShare?: number;
  /** The entry whose answer is the scam warning (the one with a scam_signal in intents/). */
  readonly safetyIntent?: FaqId;
}

const SAFETY_SCORE = 10;

function confidenceOf(score: number, runnerUp: number, threshold: number): number {
  if (score <= 0) return 0;
  const aboveThreshold = Math.min(1, score / (2 * threshold));
  const margin = 1 - Math.max(0, runnerUp) / score / 2;
  return Math.round(aboveThreshold * margin * 100) / 100;
}

/**
 * The second opinion is asked only where the rules find nothing; it never gives the scam
 * warning, which is the scam signal's alone.
 */
export function decide(
  ranking: readonly IntentScore[],
  scam: ScamSituation,
  settings: DecisionSettings,
  later: LaterEvidence = {},
): Decision {
  const safety = scam.evidence;
  const { safetyIntent } = settings;
  const scored = ranking.filter((intent) => intent.score > 0);
  // The warning is the scam signal's alone: its entry's own rules only rank it (for suggestions), so
  // a message that merely scores on 詐欺 or 電話 never gets the warning without a situation to warn about.
  const faq = scored.filter(
    (intent) => intent.label !== 'smalltalk' && intent.id !== OUT_OF_SCOPE && (intent.id !== safetyIntent || scam.warn),
  );
  const smalltalk = scored.find((intent) => intent.label === 'smalltalk');
  const outOfScope = scored.find((intent) => intent.id === OUT_OF_SCOPE);
  const bestFaq = faq[0];
  const outOfScopeScore = outOfScope?.score ?? 0;
  const smalltalkScore = smalltalk?.score ?? 0;
  const base = { safety, scam, ranking: scored };

  if (safety.length > 0) {
    const q9 = faq.find((intent) => intent.id === safetyIntent);
    const runnerUp = faq.find((intent) => intent.id !== safetyIntent);
    return {
      ...base,
      label: safetyIntent!,
      intentId: safetyIntent!,
      score: Math.max(q9?.score ?? 0, SAFETY_SCORE),
      confidence: 1,
      reason: 'safety',
      runnerUp,
    };
  }
  if (scam.otherScam) {
    return {
      ...base,
      label: 'fallback',
      intentId: 'fallback.other_scam',
      score: SAFETY_SCORE,
      confidence: 1,
      reason: 'other_scam',
      runnerUp: bestFaq,
    };
  }
  const twoQuestions =
    outOfScopeScore >= settings.threshold && bestFaq && bestFaq.score >= settings.threshold
      ? splitQuestions(later.bySentence?.() ?? [], settings.threshold, safetyIntent)
      : undefined;
  if (bestFaq && bestFaq.score >= settings.threshold && bestFaq.score > outOfScopeScore && bestFaq.score >= smalltalkScore) {
    const runnerUp = faq[1];
    return {
      ...base,
      label: bestFaq.label,
      intentId: bestFaq.id,
      score: bestFaq.score,
      confidence: confidenceOf(bestFaq.score, runnerUp?.score ?? 0, settings.threshold),
      reason: 'faq',
      runnerUp,
      ...(twoQuestions ? { alsoOutOfScope: true } : {}),
    };
  }
  if (twoQuestions) {
    const runnerUp = faq.find((intent) => intent.id !== twoQuestions.id);
    return {
      ...base,
      label: twoQuestions.label,
      intentId: twoQuestions.id,
      score: twoQuestions.score,
      confidence: confidenceOf(twoQuestions.score, runnerUp?.score ?? 0, settings.threshold),
      reason: 'faq',
      runnerUp,
      alsoOutOfScope: true,
    };
  }
  if (outOfScope && outOfScopeScore >= settings.threshold) {
    return {
      ...base,
      label: 'fallback',
      intentId: 'fallback',
      score: outOfScopeScore,
      confidence: confidenceOf(outOfScopeScore, bestFaq?.score ?? 0, settings.threshold),
      reason: 'out_of_scope',
      runnerUp: bestFaq,
    };
  }
  if (smalltalk && smalltalkScore >= settings.threshold) {
    return {
      ...base,
      label: 'smalltalk',
      intentId: smalltalk.id,
      score: smalltalkScore,
      confidence: confidenceOf(smalltalkScore, bestFaq?.score ?? 0, settings.threshold),
      reason: 'smalltalk',
      runnerUp: bestFaq,
    };
  }
  const voted = settings.secondOpinionShare === undefined ? undefined : later.secondOpinion?.()?.ranking[0];
  if (
    voted &&
    voted.share >= settings.secondOpinionShare! &&
    voted.label !== safetyIntent &&
    voted.label !== 'smalltalk' &&
    voted.label !== 'fallback'
  ) {
    const runnerUp = faq.find((intent) => intent.id !== voted.label);
    return {
      ...base,
      label: voted.label,
      intentId: voted.label,
      score: bestFaq?.id === voted.label ? bestFaq.score : 0,
      confidence: voted.share,
      reason: 'second_opinion',
      runnerUp,
    };
  }
  return { ...base, label: 'fallback', intentId: 'fallback', score: 0, confidence: 0, reason: 'below_threshold', runnerUp: bestFaq };
}

/**
 * Two questions in one message: one sentence whose best answer is an FAQ entry and another
 * whose best is the out-of-scope cue (a procedure, compensation …). The FAQ entry asked, or
 * undefined when the sentences do not divide so.
 */
function splitQuestions(
  bySentence: readonly (readonly IntentScore[])[],
  threshold: number,
  safetyIntent: string | undefined,
): IntentScore | undefined {
  let asked: IntentScore | undefined;
  let other = false;
  for (const ranking of bySentence) {
    const best = ranking.find((intent) => intent.score > 0 && intent.label !== 'smalltalk' && intent.id !== safetyIntent);
    if (!best || best.score < threshold) continue;
    if (best.id === OUT_OF_SCOPE) other = true;
    else if (!asked || best.score > asked.score) asked = best;
  }
  return asked && other ? asked : undefined;
}
