import { byFaqOrder, type Label } from '../data/schemas';
import type { EvalItem } from './dataset';

/**
 * Scores a labelled set the way shared/eval/README.md describes: accuracy per label (grouped
 * by the first accepted label), in-scope (q1..q11), fallback, smalltalk, per style, q9 recall,
 * and false q9s (the scam warning shown where it was not the answer).
 */

export interface Prediction {
  readonly label: Label;
  readonly score: number;
  /** The labels it most likely means, best first (for top-3); absent: the label alone. */
  readonly likely?: readonly Label[];
}

export interface Miss {
  readonly item: EvalItem;
  readonly predicted: Label;
  readonly score: number;
}

export interface Tally {
  correct: number;
  total: number;
}

export interface EvaluationReport {
  readonly total: Tally;
  readonly byLabel: ReadonlyMap<string, Tally>;
  readonly byStyle: ReadonlyMap<string, Tally>;
  readonly inScope: Tally;
  readonly fallback: Tally;
  readonly smalltalk: Tally;
  readonly q9Recall: Tally;
  readonly falseQ9: number;
  /** Items whose label is among the three most likely. */
  readonly top3: Tally;
  readonly misses: readonly Miss[];
}

function count(map: Map<string, Tally>, key: string, correct: boolean): void {
  const tally = map.get(key) ?? { correct: 0, total: 0 };
  tally.total += 1;
  if (correct) tally.correct += 1;
  map.set(key, tally);
}

/** `safetyLabel`: the entry whose answer is the scam warning (the one with a scam_signal in intents/), for its recall and false warnings. */
export function evaluate(
  items: readonly EvalItem[],
  predict: (text: string) => Prediction,
  safetyLabel: Label | undefined,
): EvaluationReport {
  const byLabel = new Map<string, Tally>();
  const byStyle = new Map<string, Tally>();
  const groups = new Map<string, Tally>();
  const misses: Miss[] = [];
  let falseQ9 = 0;
  const top3: Tally = { correct: 0, total: 0 };
  for (const item of items) {
    const prediction = predict(item.text);
    const correct = item.accept.includes(prediction.label);
    top3.total += 1;
    if ((prediction.likely ?? [prediction.label]).slice(0, 3).some((label) => item.accept.includes(label))) top3.correct += 1;
    const first = item.accept[0]!;
    count(byLabel, first, correct);
    count(byStyle, item.style, correct);
    count(groups, first === 'fallback' || first === 'smalltalk' ? first : 'in_scope', correct);
    count(groups, 'total', correct);
    if (!correct) misses.push({ item, predicted: prediction.label, score: prediction.score });
    if (safetyLabel !== undefined && prediction.label === safetyLabel && !item.accept.includes(safetyLabel)) falseQ9 += 1;
  }
  const tally = (key: string): Tally => groups.get(key) ?? { correct: 0, total: 0 };
  return {
    total: tally('total'),
    byLabel,
    byStyle,
    inScope: tally('in_scope'),
    fallback: tally('fallback'),
    smalltalk: tally('smalltalk'),
    q9Recall: (safetyLabel !== undefined ? byLabel.get(safetyLabel) : undefined) ?? { correct: 0, total: 0 },
    falseQ9,
    top3,
    misses,
  };
}

export function percent(tally: Tally): string {
  if (tally.total === 0) return '   n/a';
  return `${((100 * tally.correct) / tally.total).toFixed(1).padStart(5)}%`;
}

export function formatReport(report: EvaluationReport): string {
  const line = (name: string, tally: Tally) => `  ${name.padEnd(12)} ${percent(tally)}  (${tally.correct}/${tally.total})`;
  const out: string[] = [];
  out.push('Accuracy per label:');
  for (const label of [...report.byLabel.keys()].sort(byFaqOrder)) {
    const tally = report.byLabel.get(label);
    if (tally) out.push(line(label, tally));
  }
  out.push('Accuracy per style:');
  for (const [style, tally] of [...report.byStyle].sort(([a], [b]) => a.localeCompare(b))) out.push(line(style, tally));
  if (report.misses.length > 0) {
    out.push(`Misses (${report.misses.length}):`);
    for (const miss of report.misses) {
      out.push(
        `  ${miss.item.id} [${miss.item.style}] want ${miss.item.accept.join('|')} got ${miss.predicted} (${miss.score}): ${miss.item.text}`,
      );
    }
  }
  out.push('Summary:');
  out.push(line('all', report.total));
  out.push(line('top-3', report.top3));
  out.push(line('in-scope', report.inScope));
  out.push(line('fallback', report.fallback));
  out.push(line('smalltalk', report.smalltalk));
  out.push(line('q9 recall', report.q9Recall));
  out.push(`  false q9     ${report.falseQ9}`);
  return out.join('\n');
}
