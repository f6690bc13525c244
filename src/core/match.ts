import type { Condition, Label, Rule } from '../data/schemas';
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

export interface FiredRule<Fired extends Condition = Rule> {
  /** The intent (or the scam signal's slot, or the flow) the condition belongs to. */
  readonly intentId: string;
  readonly index: number;
  readonly rule: Fired;
  /** The concepts that made the rule fire. */
  readonly concepts: readonly string[];
}

export interface IntentScore {
  readonly id: string;
  readonly label: Label;
  readonly score: number;
  readonly fired: readonly FiredRule[];
}

/** Every concept a rule names, for consistency checks. */

function hasEvery(present: ReadonlySet<string>, concepts: readonly string[]): boolean {
  for (const concept of concepts) if (!present.has(concept)) return false;
  return true;
}

function hasSome(present: ReadonlySet<string>, concepts: readonly string[]): boolean {
  for (const concept of concepts) if (present.has(concept)) return true;
  return false;
}

/** The rule, fired, with the concepts that fired it; undefined when it does not fire. Runs on every message: no allocation unless it fires. */
export function fireRule<Fired extends Condition>(
  intentId: string,
  index: number,
  rule: Fired,
  tags: ConceptTags,
): FiredRule<Fired> | undefined {
  const whole = rule.scope === 'all' ? tags.all : tags.kept;
  if (rule.none && hasSome(whole, rule.none)) return undefined;
  const present =
    rule.within === 'sentence' && tags.sentences
      ? tags.sentences.map((sentence) => (rule.scope === 'all' ? sentence.all : sentence.kept)).find((concepts) => holds(rule, concepts))
      : whole;
  if (!present || !holds(rule, present)) return undefined;
  const concepts = [...(rule.all ?? [])];
  for (const group of rule.any ?? []) for (const concept of group) if (present.has(concept)) concepts.push(concept);
  return { intentId, index, rule, concepts };
}

/** The rule's `all` and `any` hold over these concepts. */
function holds(rule: Condition, present: ReadonlySet<string>): boolean {
  if (rule.all && !hasEvery(present, rule.all)) return false;
  if (rule.any) for (const group of rule.any) if (!hasSome(present, group)) return false;
  return true;
}

export function scoreIntent(model: IntentModel, tags: ConceptTags): IntentScore {
  const fired: FiredRule[] = [];
  let score = 0;
  for (let index = 0; index < model.rules.length; index++) {
    const rule = model.rules[index]!;
    const hit = fireRule(model.id, index, rule, tags);
    if (hit) {
      fired.push(hit);
      score += rule.score;
    }
  }
  return { id: model.id, label: model.label, score, fired };
}

/** Every intent's score, best first; ties keep the models' order. */
export function matchIntents(models: readonly IntentModel[], tags: ConceptTags): IntentScore[] {
  return models.map((model) => scoreIntent(model, tags)).sort((a, b) => b.score - a.score);
}

const NONE_FIRED: readonly FiredRule<never>[] = Object.freeze([]);

/** Every condition of the list that holds, fired. Runs on every message: no allocation when none holds. */
export function fireConditions<Fired extends Condition>(
  owner: string,
  conditions: readonly Fired[],
  tags: ConceptTags,
): readonly FiredRule<Fired>[] {
  let fired: FiredRule<Fired>[] | undefined;
  for (let index = 0; index < conditions.length; index++) {
    const hit = fireRule(owner, index, conditions[index]!, tags);
    if (hit) (fired ??= []).push(hit);
  }
  return fired ?? NONE_FIRED;
}
