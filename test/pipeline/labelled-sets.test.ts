import path from 'node:path';
import { likelyLabels } from '../../src/core/likely-labels';
import { readEvalFile } from '../../src/evaluation/dataset';
import { evaluate, type Tally } from '../../src/evaluation/evaluate';
import { labelledSetFiles } from '../../src/data/second-opinion-file';
import { getEngine } from '../helpers/engine';

// Labelled phrasings as a regression test (docs/accuracy.md says who wrote each and how):
//   dev.jsonl        a copy of shared/eval/dev.jsonl
//   tune.jsonl       440 phrasings written for tuning the dictionaries
//   holdout-1.jsonl  331 written blind; first run 87%, then tuned on
//   safety-1/2       300 + 300 scam reports and near-misses written blind; first runs 66% and 64%
//   general-1/2      420 + 320 general phrasings written blind; first runs 80% and 83%
//   holdout-2.jsonl  420 written blind; first run 87.6% (scam reports warned 86/95), then tuned on
//   holdout-3.jsonl  400 written blind; first run 91.5% (scam reports warned 66/70), then tuned on
//   holdout-4.jsonl  320 written blind, q9-heavy; first run 91.9% (warned 105/110, 9 false warnings), then tuned on
// Every scam report in every tuned set gets the warning. The other bars are floors, not targets,
// set a little under what the sets reach: never lower them to get green; fix the dictionaries.
//
// blind-1.jsonl is not here on purpose: it is kept blind (never tuned to, never trained on), so
// only its summary figures are ever read (`npm run cli -- eval test/fixtures/blind-1.jsonl`).
const share = (tally: Tally) => tally.correct / tally.total;

interface Bars {
  readonly inScope: number;
  readonly fallback: number;
  readonly smalltalk?: number;
  readonly top3: number;
}
const BARS: Record<string, Bars> = {
  'dev.jsonl': { inScope: 0.95, fallback: 0.9, smalltalk: 0.9, top3: 0.97 },
  'tune.jsonl': { inScope: 0.95, fallback: 0.9, smalltalk: 0.9, top3: 0.97 },
  'holdout-1.jsonl': { inScope: 0.95, fallback: 0.9, smalltalk: 0.9, top3: 0.97 },
  'safety-1.jsonl': { inScope: 0.97, fallback: 0.9, top3: 0.97 },
  'safety-2.jsonl': { inScope: 0.95, fallback: 0.92, top3: 0.97 },
  'general-1.jsonl': { inScope: 0.92, fallback: 0.86, smalltalk: 0.9, top3: 0.97 },
  'general-2.jsonl': { inScope: 0.9, fallback: 0.92, smalltalk: 0.9, top3: 0.97 },
  'holdout-2.jsonl': { inScope: 0.94, fallback: 0.88, smalltalk: 0.9, top3: 0.97 },
  'holdout-3.jsonl': { inScope: 0.92, fallback: 0.88, smalltalk: 0.9, top3: 0.97 },
  'holdout-4.jsonl': { inScope: 0.95, fallback: 0.88, smalltalk: 0.9, top3: 0.97 },
};

describe.each(Object.entries(BARS))('%s', (file, bars) => {
  it('meets its bars, and every scam item gets the warning', async () => {
    const engine = await getEngine();
    const items = readEvalFile(path.join(__dirname, '..', 'fixtures', file));
    const report = evaluate(
      items,
      (text) => {
        const classification = engine.classify(text);
        return { label: classification.label, score: classification.score, likely: likelyLabels(classification) };
      },
      'q9',
    );
    const q9Misses = report.misses
      .filter((miss) => miss.item.accept.includes('q9'))
      .map((miss) => `${miss.item.id} got ${miss.predicted}: ${miss.item.text}`);
    expect(q9Misses).toEqual([]);
    expect(share(report.inScope)).toBeGreaterThanOrEqual(bars.inScope);
    expect(share(report.fallback)).toBeGreaterThanOrEqual(bars.fallback);
    if (bars.smalltalk !== undefined) expect(share(report.smalltalk)).toBeGreaterThanOrEqual(bars.smalltalk);
    expect(share(report.top3)).toBeGreaterThanOrEqual(bars.top3);
    // At most two false scam warnings on the dev set (the bar), 1% of items elsewhere.
    expect(report.falseQ9).toBeLessThanOrEqual(Math.max(2, Math.floor(items.length / 100)));
  });
});

it('every labelled set but the blind one has bars here, and the blind one is never trained on', () => {
  const files = labelledSetFiles().map((file) => path.basename(file));
  expect(files.sort()).toEqual(Object.keys(BARS).sort());
  expect(files.some((file) => file.startsWith('blind-'))).toBe(false);
});
