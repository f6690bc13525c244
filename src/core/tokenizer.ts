import path from 'node:path';
import kuromoji from 'kuromoji';
import { TokenizerLoadError } from '../errors';

/** kuromoji's token, with its own field names (表層形 surface_form, 基本形 basic_form, 読み reading). */
export type KuromojiToken = kuromoji.IpadicFeatures;

export interface Tokenizer {
  tokenize(text: string): KuromojiToken[];
}

/**
 * kuromoji's default dicPath is relative to the working directory, so a CLI started from
 * another folder would not find it: resolve the dictionary from the installed package.
 */
export const STOCK_DICTIONARY_PATH = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');

let shared: Promise<Tokenizer> | undefined;

/** The tokenizer, loaded once per process and shared by every caller. */
export function getTokenizer(): Promise<Tokenizer> {
  shared ??= buildTokenizer(STOCK_DICTIONARY_PATH);
  return shared;
}

export function buildTokenizer(dictionaryPath: string): Promise<Tokenizer> {
  return new Promise<Tokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath }).build((error, tokenizer) => {
      if (error) {
        reject(new TokenizerLoadError(dictionaryPath, error));
        return;
      }
      // kuromoji hands back a tokenizer even when a dictionary file failed to load, and that
      // tokenizer throws on first use. Probe it now so a broken install fails at start-up.
      try {
        const probe = tokenizer.tokenize('保険証');
        if (probe.length === 0 || probe[0]?.reading === undefined) throw new Error('the probe word has no reading');
      } catch (probeError) {
        reject(new TokenizerLoadError(dictionaryPath, probeError));
        return;
      }
      resolve(tokenizer);
    });
  });
}
