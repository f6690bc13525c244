/**
 * `node dist/dictionary/prepare-main.js`, run by `npm run build`: writes the prepared
 * dictionary and the stored readings of the shipped dictionary terms.
 */
import { compileMatcher } from '../core/engine';
import { readTermWith } from '../core/term-readings';
import { loadCompactTokenizer, STOCK_DICTIONARY_PATH } from '../core/tokenizer';
import { loadBotData } from '../data/load-bot-data';
import { PREPARED_DICTIONARY_FILE, prepareDictionary } from './prepared-dictionary';
import { writeTermReadings } from './term-readings-file';

async function prepare(): Promise<void> {
  const started = Date.now();
  prepareDictionary(STOCK_DICTIONARY_PATH);
  const readTerm = readTermWith(await loadCompactTokenizer(STOCK_DICTIONARY_PATH));
  const readings = new Map<string, string | undefined>();
  compileMatcher(loadBotData(), (term) => {
    const reading = readTerm(term);
    readings.set(term, reading);
    return reading;
  });
  writeTermReadings(readings);
  console.log(`prepared ${PREPARED_DICTIONARY_FILE} and ${readings.size} term readings in ${Date.now() - started} ms`);
}

prepare().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
