import fs from 'node:fs';
import path from 'node:path';
import { hashOf } from './validated-store';
import { DICTIONARIES_DIR, INTENTS_DIR, PROJECT_ROOT } from '../paths';
import type { Label } from './schemas';

/**
 * Where the second opinion's training phrasings come from, and where the trained model is kept.
 * `npm run build` trains it (src/evaluation/train-second-opinion.ts); start-up only reads it.
 */

/** The trained second opinion as the build writes it. */
export interface SecondOpinionModel {
  readonly version: 1;
  /** A hash of what it was trained on (the labelled sets and the dictionaries): a stale model is retrained. */
  readonly fingerprint: string;
  readonly features: readonly string[];
  /** natural's BayesClassifier, as it serialises itself. */
  readonly bayes: unknown;
  readonly examples: readonly { readonly text: string; readonly label: Label; readonly features: readonly number[] }[];
}

export const SECOND_OPINION_FILE = path.join(PROJECT_ROOT, 'dist', 'data', 'second-opinion.json');
export const LABELLED_SETS_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures');

/**
 * Sets kept blind are never trained on: their figures are the honest measure of phrasings
 * nobody tuned for (docs/accuracy.md).
 */
export const BLIND_SET = /^blind-/;

export function labelledSetFiles(directory = LABELLED_SETS_DIR): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl') && !BLIND_SET.test(name))
    .sort()
    .map((name) => path.join(directory, name));
}

function filesUnder(directory: string): string[] {
  if (!fs.existsSync(directory)) return [];
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(directory, entry.name)) : [path.join(directory, entry.name)]))
    .sort();
}

/**
 * What the model depends on: the labelled sets, and the dictionaries and intents that turn
 * phrasings into features. A model trained on anything else is stale.
 */
export function trainingFingerprint(files = labelledSetFiles()): string {
  const parts = [...files, ...filesUnder(DICTIONARIES_DIR), ...filesUnder(INTENTS_DIR)].map((file) => `${path.relative(PROJECT_ROOT, file)}\n${hashOf(fs.readFileSync(file))}`);
  return hashOf(parts.join('\n'));
}

/** The trained model, if one was built for exactly these inputs. */
export function readSecondOpinionModel(file = SECOND_OPINION_FILE): SecondOpinionModel | undefined {
  let model: SecondOpinionModel;
  try {
    model = JSON.parse(fs.readFileSync(file, 'utf8')) as SecondOpinionModel;
  } catch {
    return undefined;
  }
  return model.version === 1 && model.fingerprint === trainingFingerprint() ? model : undefined;
}

export function writeSecondOpinionModel(model: SecondOpinionModel, file = SECOND_OPINION_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(model));
}
