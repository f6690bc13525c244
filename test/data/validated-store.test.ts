import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DataFolders, loadBotData } from '../../src/data/load-bot-data';
import { useValidatedStore, VALIDATED_STORE_FILE, writeValidatedStore } from '../../src/data/validated-store';
import { DICTIONARIES_DIR, INTENTS_DIR } from '../../src/paths';

// The store of data validated at build time may only save time: what loads through it must
// be what a full parse and validation gives, and a file edited since must be read afresh.

function copyOfData(): DataFolders {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'store-'));
  fs.cpSync(INTENTS_DIR, path.join(root, 'intents'), { recursive: true });
  fs.cpSync(DICTIONARIES_DIR, path.join(root, 'dictionaries'), { recursive: true });
  return { intents: path.join(root, 'intents'), dictionaries: path.join(root, 'dictionaries') };
}

describe('the validated data store', () => {
  const storeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'store-file-')), 'validated-data.json');
  afterAll(() => useValidatedStore(VALIDATED_STORE_FILE));

  it('gives exactly what a full parse and validation gives', () => {
    const folders = copyOfData();
    const validated = writeValidatedStore(() => loadBotData(folders), storeFile);
    useValidatedStore(storeFile);
    expect(loadBotData(folders)).toEqual(JSON.parse(JSON.stringify(validated)));
  });

  it('reads a file edited since the store was written afresh, and still refuses a broken one', () => {
    const folders = copyOfData();
    writeValidatedStore(() => loadBotData(folders), storeFile);
    useValidatedStore(storeFile);
    const q1 = path.join(folders.intents, 'q1.yaml');
    const source = fs.readFileSync(q1, 'utf8');
    fs.writeFileSync(q1, source.replace(/^label: .*$/m, 'label: 書き換えたラベル'));
    expect(loadBotData(folders).faq[0]!.label).toBe('書き換えたラベル');
    fs.writeFileSync(q1, source.replace(/^label: .*$/m, 'label: これは二十文字をはるかに超えるとても長いボタンのラベルです'));
    expect(() => loadBotData(folders)).toThrow(/q1\.yaml.*label/s);
  });

  it('is ignored when written by other schemas', () => {
    const folders = copyOfData();
    writeValidatedStore(() => loadBotData(folders), storeFile);
    const contents = JSON.parse(fs.readFileSync(storeFile, 'utf8')) as { schemas: string; files: Record<string, { data: { answer?: string } }> };
    const q1Key = Object.keys(contents.files).find((key) => key.endsWith('q1.yaml'))!;
    contents.files[q1Key]!.data.answer = 'tampered';
    fs.writeFileSync(storeFile, JSON.stringify({ ...contents, schemas: 'another build' }));
    useValidatedStore(storeFile);
    expect(loadBotData(folders).faq[0]!.answer).not.toBe('tampered');
    // …and used when written by these: proof that the store is what saved the validation.
    fs.writeFileSync(storeFile, JSON.stringify(contents));
    useValidatedStore(storeFile);
    expect(loadBotData(folders).faq[0]!.answer).toBe('tampered');
  });
});
