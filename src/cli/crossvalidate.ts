import path from 'node:path';
import { createEngine } from '../core/engine';
import { createSecondOpinion } from '../core/second-opinion';
import { labelledSetFiles } from '../data/second-opinion-file';
import { readEvalFile } from '../evaluation/dataset';
import { trainOnProjectPhrasings } from '../evaluation/train-second-opinion';

/**
 * `crossvalidate [--share 0.8]`: what the second opinion adds on phrasings it was not trained on.
 * Each labelled set in turn is left out of training and answered with the model trained on the
 * others; the figures compare it with the rules alone. (The built model is trained on every set,
 * so `eval` on a tuned set flatters it.)
 */
export async function runCrossValidate(args: string[]): Promise<number> {
  const shareAt = args.indexOf('--share');
  const base = await createEngine({ secondOpinion: null, classificationCacheSize: 0 });
  const share = shareAt >= 0 ? Number(args[shareAt + 1]) : base.config.matching.secondOpinionShare;
  if (!(share >= 0 && share <= 1)) {
    console.error('--share needs a number from 0 to 1, e.g.: npm run cli -- crossvalidate --share 0.8');
    return 1;
  }
  const files = labelledSetFiles();
  let total = 0;
  let rulesRight = 0;
  let withModelRight = 0;
  let fixed = 0;
  let broke = 0;
  for (const file of files) {
    const model = trainOnProjectPhrasings(
      base,
      files.filter((other) => other !== file),
    );
    const engine = await createEngine({
      secondOpinion: createSecondOpinion(model),
      classificationCacheSize: 0,
      config: { ...base.config, matching: { ...base.config.matching, secondOpinionShare: share } },
    });
    const items = readEvalFile(file);
    let right = 0;
    let rightWithModel = 0;
    let fixedHere = 0;
    let brokeHere = 0;
    for (const item of items) {
      const byRules = item.accept.includes(base.classify(item.text).label);
      const byBoth = item.accept.includes(engine.classify(item.text).label);
      if (byRules) right += 1;
      if (byBoth) rightWithModel += 1;
      if (!byRules && byBoth) fixedHere += 1;
      if (byRules && !byBoth) brokeHere += 1;
    }
    console.log(
      `${path.basename(file).padEnd(18)} rules ${((100 * right) / items.length).toFixed(1)}%  with the second opinion ${((100 * rightWithModel) / items.length).toFixed(1)}%  fixed ${fixedHere}, broke ${brokeHere}`,
    );
    total += items.length;
    rulesRight += right;
    withModelRight += rightWithModel;
    fixed += fixedHere;
    broke += brokeHere;
  }
  console.log(
    `all ${total} phrasings, share ${share}: rules ${((100 * rulesRight) / total).toFixed(2)}%, with the second opinion ${((100 * withModelRight) / total).toFixed(2)}% (fixed ${fixed}, broke ${broke})`,
  );
  return 0;
}
