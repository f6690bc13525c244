import { readEvalFile } from '../evaluation/dataset';
import { evaluate, formatReport } from '../evaluation/evaluate';
import { likelyLabels } from '../core/likely-labels';
import { loadEngine } from './load';

export async function runEval(args: string[]): Promise<number> {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('eval needs a file, e.g.: npm run cli -- eval ../shared/eval/dev.jsonl');
    return 1;
  }
  const items = readEvalFile(file);
  const engine = await loadEngine();
  const report = evaluate(
    items,
    (text) => {
      const classification = engine.classify(text);
      return { label: classification.label, score: classification.score, likely: likelyLabels(classification) };
    },
    engine.data.faq.find((intent) => intent.scam_signal)?.id,
  );
  console.log(formatReport(report));
  return 0;
}
