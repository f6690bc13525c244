import { createSecondOpinion, trainSecondOpinion, type TrainingPhrasing } from '../../src/core/second-opinion';

// The second opinion over hand-built features: no dictionary, no tokenizer.
const phrasings: TrainingPhrasing[] = [
  { text: '漏れたの？', label: 'q1', features: ['c:leak', 'r:モレ'] },
  { text: '情報は流出した？', label: 'q1', features: ['c:leak', 'c:personal_info'] },
  { text: '外に出たの？', label: 'q1', features: ['c:leak', 'r:ソト'] },
  { text: '何が入ってた？', label: 'q3', features: ['c:contain', 'c:what_kind'] },
  { text: '中身は何？', label: 'q3', features: ['c:what_kind', 'r:ナカミ'] },
  { text: 'どんな情報？', label: 'q3', features: ['c:what_kind', 'c:personal_info'] },
  { text: '天気は？', label: 'fallback', features: ['c:chitchat'] },
];

describe('the second opinion', () => {
  const opinion = createSecondOpinion(trainSecondOpinion(phrasings, 'test'));

  it('votes for the label whose phrasings share the features, with the nearest phrasings as its reasons', () => {
    const vote = opinion.vote(['c:leak', 'r:モレ']);
    expect(vote.ranking[0]?.label).toBe('q1');
    expect(vote.ranking[0]!.share).toBeGreaterThan(0.5);
    expect(vote.nearest[0]).toMatchObject({ text: '漏れたの？', label: 'q1', similarity: 1 });
  });

  it('gives shares that add up to one', () => {
    const total = opinion.vote(['c:what_kind']).ranking.reduce((sum, { share }) => sum + share, 0);
    expect(total).toBeCloseTo(1, 2);
  });

  it('has no vote on features it never saw', () => {
    expect(opinion.vote(['c:unknown', 'r:ナニ'])).toEqual({ ranking: [], nearest: [] });
  });

  it('survives being written as JSON and read back (the build writes it, start-up reads it)', () => {
    const restored = createSecondOpinion(JSON.parse(JSON.stringify(trainSecondOpinion(phrasings, 'test'))));
    expect(restored.vote(['c:contain', 'c:what_kind'])).toEqual(opinion.vote(['c:contain', 'c:what_kind']));
  });
});
