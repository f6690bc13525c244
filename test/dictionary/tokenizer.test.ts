import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildStockTokenizer as buildTokenizer, getTokenizer, STOCK_DICTIONARY_PATH } from '../../src/dictionary/tokenizer';
import { TokenizerLoadError } from '../../src/errors';

describe('the tokenizer', () => {
  it('is loaded once and shared', async () => {
    const first = getTokenizer();
    expect(getTokenizer()).toBe(first);
    const tokens = (await first).tokenize('協会けんぽ');
    expect(tokens.map((token) => token.reading)).toEqual(['キョウカイ', 'ケンポ']);
  });

  it('fails with a clear error when the dictionary folder is missing', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-kuromoji-dict');
    await expect(buildTokenizer(missing)).rejects.toThrow(TokenizerLoadError);
    await expect(buildTokenizer(missing)).rejects.toThrow(/could not be loaded from .*no-such-kuromoji-dict.*npm ci/);
  });

  it('fails at load, not on first use, when a dictionary file is corrupt', async () => {
    // Every file corrupt, so kuromoji's parallel loads all fail at once and none is left running.
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'kuromoji-broken-'));
    for (const file of fs.readdirSync(STOCK_DICTIONARY_PATH)) fs.writeFileSync(path.join(broken, file), 'not a gzip file');
    await expect(buildTokenizer(broken)).rejects.toThrow(TokenizerLoadError);
  });
});
