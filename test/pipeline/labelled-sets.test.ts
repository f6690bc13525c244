import path from 'node:path';
import { readEvalFile } from '../../src/evaluation/dataset';
import { evaluate, type Tally } from '../../src/evaluation/evaluate';
import { getEngine } from '../helpers/engine';

// Labelled phrasings as a regression test, with the bars of the answering-engine issue:
//   dev.jsonl        a copy of shared/eval/dev.jsonl
//   tune.jsonl       440 phrasings written for tuning the dictionaries
//   holdout-1.jsonl  331 phrasings written blind; first measured unseen (87%), then used for tuning
// These are floors, not targets: never lower them to get green; fix the dictionaries.
const share = (tally: Tally) => tally.correct / tally.total;

describe.each(['dev.jsonl', 'tune.jsonl', 'holdout-1.jsonl'])('%s', (file) => {
  it('meets the accuracy bars, and every scam item gets the warning', async () => {
    const engine = await getEngine();
    const items = readEvalFile(path.join(__dirname, '..', 'fixtures', file));
    const report = evaluate(items, (text) => engine.classify(text));
    const q9Misses = report.misses.filter((miss) => miss.item.accept.includes('q9')).map((miss) => `${miss.item.id} got ${miss.predicted}: ${miss.item.text}`);
    expect(q9Misses).toEqual([]);
    expect(share(report.inScope)).toBeGreaterThanOrEqual(0.95);
    expect(share(report.fallback)).toBeGreaterThanOrEqual(0.9);
    expect(share(report.smalltalk)).toBeGreaterThanOrEqual(0.9);
    // At most two false scam warnings on the dev set (the bar), 1% of items elsewhere.
    expect(report.falseQ9).toBeLessThanOrEqual(Math.max(2, Math.floor(items.length / 100)));
  });
});
