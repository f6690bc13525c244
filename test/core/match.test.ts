import type { ConceptTags } from '../../src/core/concepts';
import { decide, OUT_OF_SCOPE } from '../../src/core/decide';
import { fireConditions, type IntentModel, matchIntents, scoreIntent } from '../../src/core/match';
import { readScamSituation } from '../../src/core/scam-signal';
import type { Rule } from '../../src/data/schemas';

// The matcher is pure: these tests build concept tags by hand and never load a dictionary.
function tags(kept: string[], dismissed: string[] = []): ConceptTags {
  return { hits: [], dismissed: [], kept: new Set(kept), all: new Set([...kept, ...dismissed]) };
}

const rule = (fields: Partial<Rule> & { score: number }): Rule => ({ scope: 'kept', ...fields }) as Rule;

const models: IntentModel[] = [
  { id: 'q1', label: 'q1', rules: [rule({ all: ['leak'], score: 4 })] },
  {
    id: 'q2',
    label: 'q2',
    rules: [rule({ all: ['leak'], any: [['why', 'evidence']], score: 6 }), rule({ all: ['investigation'], score: 3 })],
  },
  { id: 'q8', label: 'q8', rules: [rule({ all: ['self', 'contain'], score: 6 }), rule({ all: ['self'], none: ['leak'], score: 1 })] },
  { id: 'smalltalk.thanks', label: 'smalltalk', rules: [rule({ all: ['thanks'], score: 4 })] },
  { id: OUT_OF_SCOPE, label: 'fallback', rules: [rule({ all: ['procedure'], score: 5 })] },
];
const settings = { threshold: 3, safetyIntent: 'q9' };

describe('scoreIntent', () => {
  it('adds the scores of the rules that fire and keeps them as evidence', () => {
    const score = scoreIntent(models[1]!, tags(['leak', 'why', 'investigation']));
    expect(score.score).toBe(9);
    expect(score.fired.map((fired) => fired.concepts)).toEqual([['leak', 'why'], ['investigation']]);
  });

  it('needs every `all`, one `any`, and no `none` concept', () => {
    expect(scoreIntent(models[1]!, tags(['leak'])).score).toBe(0);
    expect(scoreIntent(models[2]!, tags(['self'])).score).toBe(1);
    expect(scoreIntent(models[2]!, tags(['self', 'leak'])).score).toBe(0);
  });

  it('sees dismissed concepts only in rules with scope "all"', () => {
    const safety = [rule({ all: ['call', 'association'], scope: 'all', score: 10 })];
    expect(fireConditions('q9', safety, tags([], ['call', 'association']))).toHaveLength(1);
    expect(fireConditions('q9', [rule({ all: ['scam'], score: 10 })], tags([], ['scam']))).toHaveLength(0);
  });
});

describe('decide', () => {
  const signal = {
    who: [rule({ all: ['association'], score: 0 })],
    happened: [rule({ all: ['call'], score: 0 })],
    wanted: [rule({ all: ['asked'], score: 0 })],
    unnamed_unless: [],
    routine: [],
    also: [],
    other_sender: [],
    never: [],
  };
  const decideFor = (kept: string[], safetyFired = false) =>
    decide(matchIntents(models, tags(kept)), readScamSituation(signal, tags(safetyFired ? ['association', 'call'] : [])), settings);

  it('picks the best FAQ intent above the threshold, with the runner-up', () => {
    const decision = decideFor(['leak', 'evidence']);
    expect(decision).toMatchObject({ label: 'q2', reason: 'faq', score: 6 });
    expect(decision.runnerUp?.id).toBe('q1');
    expect(decision.confidence).toBeGreaterThan(0);
  });

  it('puts the scam signal ahead of everything', () => {
    expect(decideFor(['leak', 'evidence', 'thanks'], true)).toMatchObject({ label: 'q9', reason: 'safety', confidence: 1 });
  });

  it('falls back below the threshold', () => {
    expect(decideFor(['investigation'])).toMatchObject({ label: 'q2' });
    expect(decideFor(['self'])).toMatchObject({ label: 'fallback', reason: 'below_threshold' });
    expect(decideFor([])).toMatchObject({ label: 'fallback', score: 0, confidence: 0 });
  });

  it('lets out-of-scope cues that outscore the FAQ send the question to the fallback', () => {
    expect(decideFor(['leak', 'procedure'])).toMatchObject({ label: 'fallback', reason: 'out_of_scope' });
    expect(decideFor(['self', 'contain', 'procedure'])).toMatchObject({ label: 'q8' });
  });

  it('answers small talk when no FAQ entry reaches it', () => {
    expect(decideFor(['thanks'])).toMatchObject({ label: 'smalltalk', intentId: 'smalltalk.thanks' });
    expect(decideFor(['thanks', 'leak'])).toMatchObject({ label: 'q1' });
  });
});
