/**
 * `node dist/build/prepare.js`, run by `npm run build`: writes the chat widget's bundle
 * (public/widget.js), the prepared dictionary, the stored readings of the shipped dictionary
 * terms, the data files as validated, and the second opinion trained on the labelled phrasings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileMatcher, createEngine } from '../core/engine';
import { PROJECT_ROOT } from '../paths';
import { readTermWith } from '../core/term-readings';
import { loadCompactTokenizer, STOCK_DICTIONARY_PATH } from '../dictionary/tokenizer';
import { loadBotData } from '../data/load-bot-data';
import { loadConfig } from '../data/load-config';
import { VALIDATED_STORE_FILE, writeValidatedStore } from '../data/validated-store';
import { PREPARED_DICTIONARY_FILE, prepareDictionary } from '../dictionary/prepared-dictionary';
import { writeTermReadings } from '../dictionary/term-readings-file';
import { SECOND_OPINION_FILE, writeSecondOpinionModel } from '../data/second-opinion-file';
import { trainOnProjectPhrasings } from '../evaluation/train-second-opinion';
import { bundleWidget } from './widget-bundle';

async function prepare(): Promise<void> {
  const started = Date.now();
  const widget = await bundleWidget();
  prepareDictionary(STOCK_DICTIONARY_PATH);
  const readTerm = readTermWith(await loadCompactTokenizer(STOCK_DICTIONARY_PATH));
  const readings = new Map<string, string | undefined>();
  // The data files validated now are stored, so start-up can skip validating them again.
  const data = writeValidatedStore(() => {
    loadConfig({});
    return loadBotData();
  });
  compileMatcher(data, (term) => {
    const reading = readTerm(term);
    readings.set(term, reading);
    return reading;
  });
  writeTermReadings(readings);
  const model = trainOnProjectPhrasings(await createEngine({ data, secondOpinion: null, classificationCacheSize: 0 }));
  writeSecondOpinionModel(model);
  // On stderr: a command run after a build (npm run -s cli -- classify) keeps stdout for its output.
  console.error(
    `prepared ${path.relative(PROJECT_ROOT, widget)}, ${PREPARED_DICTIONARY_FILE}, ${readings.size} term readings, ${VALIDATED_STORE_FILE} and ${SECOND_OPINION_FILE} (${model.examples.length} phrasings) in ${Date.now() - started} ms`,
  );
  // What scripts/build-if-stale.mjs compares the sources with.
  fs.writeFileSync(path.join(PROJECT_ROOT, 'dist', '.built'), new Date().toISOString());
}

prepare().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
