import path from 'node:path';
import kuromoji from 'kuromoji';
import { CompactTokenizer } from './compact-tokenizer';
import { loadDictionary } from './prepared-dictionary';
import { TokenizerLoadError } from '../errors';
import type { KuromojiToken, Tokenizer } from './tokens';

export type { KuromojiToken, Tokenizer } from './tokens';

/**
 * kuromoji's default dicPath is relative to the working directory, so a CLI started from
 * another folder would not find it: resolve the dictionary from the installed package.
 */
export const STOCK_DICTIONARY_PATH = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');

let shared: Promise<Tokenizer> | undefined;

/**
 * The tokenizer, loaded once per process and shared by every caller: the compact tokenizer
 * over the prepared dictionary (same tokens as kuromoji, a fraction of the start-up time and
 * memory; see src/dictionary/).
 */
export function getTokenizer(): Promise<Tokenizer> {
  shared ??= loadCompactTokenizer(STOCK_DICTIONARY_PATH);
  return shared;
}

/**
 * The last few texts' tokens are kept: each message is tokenized twice in a turn (by the
 * personal-data masker and by the engine), usually as the same string. Tokens are read-only.
 */
const RECENT_TEXTS = 8;

export function rememberingRecent(tokenizer: Tokenizer, size = RECENT_TEXTS): Tokenizer {
  const recent = new Map<string, KuromojiToken[]>();
  return {
    tokenize(text) {
      const known = recent.get(text);
      if (known) return known;
      const tokens = tokenizer.tokenize(text);
      if (recent.size >= size) recent.delete(recent.keys().next().value!);
      recent.set(text, tokens);
      return tokens;
    },
  };
}

export async function loadCompactTokenizer(stockDictionaryPath: string, preparedFile?: string): Promise<Tokenizer> {
  try {
    return probed(rememberingRecent(new CompactTokenizer(loadDictionary(stockDictionaryPath, preparedFile))));
  } catch (error) {
    throw new TokenizerLoadError(preparedFile ?? stockDictionaryPath, error);
  }
}

/** A tokenizer that throws on first use is no tokenizer: try it before handing it out. */
function probed(tokenizer: Tokenizer): Tokenizer {
  const probe = tokenizer.tokenize('保険証');
  if (probe.length === 0 || probe[0]?.reading === undefined) throw new Error('the probe word has no reading');
  return tokenizer;
}

/** Stock kuromoji, as it loads itself: for the equivalence test and the benchmark. */
export function buildStockTokenizer(dictionaryPath: string): Promise<Tokenizer> {
  return new Promise<Tokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath }).build((error, tokenizer) => {
      if (error) {
        reject(new TokenizerLoadError(dictionaryPath, error));
        return;
      }
      // kuromoji hands back a tokenizer even when a dictionary file failed to load, and that
      // tokenizer throws on first use. Probe it now so a broken install fails at start-up.
      try {
        resolve(probed(tokenizer));
      } catch (probeError) {
        reject(new TokenizerLoadError(dictionaryPath, probeError));
      }
    });
  });
}
