import { createMasker } from '../privacy/mask';
import { evaluateMasking, formatMaskingReport, readCanaryFile } from '../evaluation/masking';
import { loadEngine } from './load';

/** `masking FILE [--misses]`: how much of a canary corpus's personal data the masker masks. */
export async function runMasking(args: string[]): Promise<number> {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('masking needs a file, e.g.: npm run cli -- masking test/fixtures/personal-data.jsonl');
    return 1;
  }
  const items = readCanaryFile(file);
  const engine = await loadEngine();
  const report = evaluateMasking(items, createMasker(engine.data.personalData, engine.tokenizer));
  console.log(formatMaskingReport(report, { misses: args.includes('--misses') }));
  return 0;
}
