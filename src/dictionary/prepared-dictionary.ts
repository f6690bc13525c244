import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths';
import { CacheFormatError, type FeatureSource, featuresInMemory, readCacheFile, writeCacheFile } from './cache-file';
import type { CacheHeader } from './cache-format';
import { readStockSections, type Sections, stockFileSizes } from './stock-sections';

/**
 * Where the prepared dictionary lives and how it is made. `npm run build` (and so `npm ci`,
 * through `prepare`) writes it; it is a build product, never committed.
 */
export const PREPARED_DICTIONARY_FILE = path.join(PROJECT_ROOT, 'dist', 'dictionary', 'ipadic.kdict');

export function kuromojiVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve('kuromoji/package.json'), 'utf8')) as { version: string }).version;
}

export function sourceOf(stockDictionaryPath: string): CacheHeader['source'] {
  return { kuromoji: kuromojiVersion(), files: stockFileSizes(stockDictionaryPath) };
}

export function prepareDictionary(stockDictionaryPath: string, file = PREPARED_DICTIONARY_FILE): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeCacheFile(file, readStockSections(stockDictionaryPath), sourceOf(stockDictionaryPath));
}

export interface DictionaryData {
  readonly sections: Omit<Sections, 'features'>;
  readonly features: FeatureSource;
  readonly from: 'prepared' | 'stock';
}

function fromStock(stockDictionaryPath: string): DictionaryData {
  const sections = readStockSections(stockDictionaryPath);
  return { sections, features: featuresInMemory(sections.features as Uint8Array), from: 'stock' };
}

/**
 * The dictionary's sections: from the prepared file when it exists and matches the installed
 * kuromoji, otherwise read (more slowly) from kuromoji's own files. A prepared file that is
 * there but unreadable is an error, not a silent fallback: it means a broken build.
 */
export function loadDictionary(stockDictionaryPath: string, file = PREPARED_DICTIONARY_FILE): DictionaryData {
  if (!fs.existsSync(file)) return fromStock(stockDictionaryPath);
  let contents;
  try {
    contents = readCacheFile(file);
  } catch (error) {
    if (error instanceof CacheFormatError) {
      throw new Error(`the prepared dictionary ${file} is unusable (${error.message}); rebuild it with \`npm run build\``);
    }
    throw error;
  }
  const expected = sourceOf(stockDictionaryPath);
  if (JSON.stringify(contents.header.source) !== JSON.stringify(expected)) {
    // Built for another kuromoji install: use the stock files rather than wrong data.
    return fromStock(stockDictionaryPath);
  }
  return { sections: contents.sections, features: contents.features, from: 'prepared' };
}
