import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCompactTokenizer, STOCK_DICTIONARY_PATH } from '../../src/dictionary/tokenizer';
import { prepareDictionary } from '../../src/dictionary/prepared-dictionary';
import { TokenizerLoadError } from '../../src/errors';

// The prepared dictionary file: made by the build, read at start-up; a broken one must stop
// start-up with a message that says what to do, never tokenize wrongly.
describe('the prepared dictionary file', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kdict-'));
  const good = path.join(folder, 'good.kdict');
  beforeAll(() => prepareDictionary(STOCK_DICTIONARY_PATH, good), 60_000);

  it('is much smaller than the padded stock buffers and tokenizes', async () => {
    expect(fs.statSync(good).size).toBeLessThan(70 * 1024 * 1024);
    const tokenizer = await loadCompactTokenizer(STOCK_DICTIONARY_PATH, good);
    expect(tokenizer.tokenize('被保険者証').map((token) => token.surface_form)).toEqual(['被', '保険', '者', '証']);
  });

  it('refuses a file cut short, saying to rebuild', async () => {
    const cut = path.join(folder, 'cut.kdict');
    fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, 1_000_000));
    await expect(loadCompactTokenizer(STOCK_DICTIONARY_PATH, cut)).rejects.toThrow(TokenizerLoadError);
    await expect(loadCompactTokenizer(STOCK_DICTIONARY_PATH, cut)).rejects.toThrow(/cut short.*npm run build/);
  });

  it('refuses a file that is not a dictionary cache', async () => {
    const garbage = path.join(folder, 'garbage.kdict');
    fs.writeFileSync(garbage, 'not a dictionary');
    await expect(loadCompactTokenizer(STOCK_DICTIONARY_PATH, garbage)).rejects.toThrow(/not a dictionary cache/);
  });

  it('falls back to kuromoji’s own files when there is no prepared file', async () => {
    const tokenizer = await loadCompactTokenizer(STOCK_DICTIONARY_PATH, path.join(folder, 'missing.kdict'));
    expect(tokenizer.tokenize('協会けんぽ').map((token) => token.reading)).toEqual(['キョウカイ', 'ケンポ']);
  });
});
