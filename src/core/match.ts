import type { Label, Rule } from '../data/schemas';
import type { ConceptTags } from './concepts';

/**
 * Intent scoring: pure and I/O-free. An intent's score is the sum of its rules that fire;
 * each fired rule is kept as evidence so staff can see why an answer was chosen.
 */

export interface IntentModel {
  /** q1..q11, smalltalk.<kind>, or out_of_scope. */
  readonly id: string;
  readonly label: Label;
  readonly rules: readonly Rule[];
}

export interface FiredRule {
  readonly intentId: string;
  readonly index: number;
  readonly rule: Rule;
  /** The concepts that made the rule fire. */
  readonly concepts: readonly string[];
}

export interface IntentScore {
  readonly id: string;
  readonly label: Label;
  readonly score: number;
  readonly fired: readonly FiredRule[];
}

/** `any` as groups: a flat list is one group. */
export function anyGroups(rule: Rule): ReadonlyArray<readonly string[]> {
  if (!rule.any) return [];
  return rule.any.every((entry) => typeof entry === 'string') ? [rule.any as string[]] : (rule.any as string[][]);
}

/** Every concept a rule names, for consistency checks. */
export function conceptsOf(rule: Rule): string[] {
  return [...(rule.all ?? []), ...anyGroups(rule).flat(), ...(rule.none ?? [])];
}

export function fireRule(intentId: string, index: number, rule: Rule, tags: ConceptTags): FiredRule | undefined {
  const present = rule.scope === 'all' ? tags.all : tags.kept;
  if (rule.all && !rule.all.every((concept) => present.has(concept))) return undefined;
  const anyPresent: string[] = [];
  for (const group of anyGroups(rule)) {
    const found = group.filter((concept) => present.has(concept));
    if (found.length === 0) return undefined;
    anyPresent.push(...found);
  }
  if (rule.none?.some((concept) => present.has(concept))) return undefined;
  return { intentId, index, rule, concepts: [...(rule.all ?? []), ...anyPresent] };
}

export function scoreIntent(model: IntentModel, tags: ConceptTags): IntentScore {
  const fired: FiredRule[] = [];
  let score = 0;
  model.rules.forEach((rule, index) => {
    const hit = fireRule(model.id, index, rule, tags);
    if (hit) {
      fired.push(hit);
      score += rule.score;
    }
  });
  return { id: model.id, label: model.label, score, fired };
}

/** Every intent's score, best first; ties keep the models' order. */
export function matchIntents(models: readonly IntentModel[], tags: ConceptTags): IntentScore[] {
  return models
    .map((model) => scoreIntent(model, tags))
    .sort((a, b) => b.score - a.score);
}

/** The safety rules that fire (the scam-call signal). */
export function fireSafetyRules(intentId: string, rules: readonly Rule[], tags: ConceptTags): FiredRule[] {
  const fired: FiredRule[] = [];
  rules.forEach((rule, index) => {
    const hit = fireRule(intentId, index, rule, tags);
    if (hit) fired.push(hit);
  });
  return fired;
}
