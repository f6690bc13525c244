import fs from 'node:fs';
import path from 'node:path';
import { STOCK_DICTIONARY_PATH } from './tokenizer';
import { PREPARED_DICTIONARY_FILE, sourceOf } from './prepared-dictionary';

/**
 * The stored readings of the dictionary terms, written at build time beside the prepared
 * dictionary and only trusted when built from the same kuromoji dictionary.
 */
export const TERM_READINGS_FILE = path.join(path.dirname(PREPARED_DICTIONARY_FILE), 'term-readings.json');

interface TermReadingsFile {
  readonly source: unknown;
  readonly readings: Record<string, string | null>;
}

export function writeTermReadings(readings: ReadonlyMap<string, string | undefined>, file = TERM_READINGS_FILE): void {
  const contents: TermReadingsFile = {
    source: sourceOf(STOCK_DICTIONARY_PATH),
    readings: Object.fromEntries([...readings].map(([term, reading]) => [term, reading ?? null])),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(contents));
}

/** The stored readings, or an empty map when there are none or they were built from another dictionary. */
export function readTermReadings(file = TERM_READINGS_FILE): ReadonlyMap<string, string | null> {
  try {
    const contents = JSON.parse(fs.readFileSync(file, 'utf8')) as TermReadingsFile;
    if (JSON.stringify(contents.source) !== JSON.stringify(sourceOf(STOCK_DICTIONARY_PATH))) return new Map();
    return new Map(Object.entries(contents.readings));
  } catch {
    return new Map();
  }
}
