import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_FOLDERS, loadBotData } from '../../src/data/load-bot-data';
import { loadConfig } from '../../src/data/load-config';
import { conceptsOf } from '../../src/data/schemas';
import { DataConsistencyError, DataFileError } from '../../src/errors';

/** A scratch copy of intents/ and dictionaries/ that a test may break. */
function scratchCopy(): { intents: string; dictionaries: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-data-'));
  const intents = path.join(root, 'intents');
  const dictionaries = path.join(root, 'dictionaries');
  fs.cpSync(DEFAULT_FOLDERS.intents, intents, { recursive: true });
  fs.cpSync(DEFAULT_FOLDERS.dictionaries, dictionaries, { recursive: true });
  return { intents, dictionaries };
}

function edit(file: string, change: (text: string) => string): void {
  fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
}

function loadError(folders: { intents: string; dictionaries: string }): Error {
  try {
    loadBotData(folders);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected loading to fail');
}

describe('the shipped data', () => {
  it('loads and validates', () => {
    const data = loadBotData();
    expect(data.faq).toHaveLength(11);
    expect(Object.keys(data.smalltalk.kinds)).toEqual(expect.arrayContaining(['greeting', 'thanks', 'goodbye', 'identity']));
    expect(data.concepts.length).toBeGreaterThan(30);
  });

  it('names every concept a rule uses, and every concept is used', () => {
    const data = loadBotData();
    const used = new Set(
      [
        ...data.faq.flatMap((intent) => [...intent.rules, ...Object.values(intent.scam_signal ?? {}).flat(), ...intent.followups.map((followup) => followup.when)]),
        ...data.fallback.rules,
        ...Object.values(data.smalltalk.kinds).flatMap((kind) => kind.rules),
        ...data.flows.flatMap((flow) => [...Object.values(flow.branches).flatMap((branch) => branch.rules), ...flow.stay_rules]),
      ].flatMap(conceptsOf),
    );
    const unused = data.concepts.map((definition) => definition.concept).filter((concept) => !used.has(concept));
    expect(unused).toEqual([]);
  });

  it('keeps quick-reply labels within LINE’s 20 characters and related entries distinct', () => {
    for (const intent of loadBotData().faq) {
      expect(intent.label.length).toBeLessThanOrEqual(20);
      expect(new Set(intent.related).size).toBe(intent.related.length);
    }
  });

  it('ships a call center number that is visibly a placeholder', () => {
    const config = loadConfig({});
    expect(config.callCenter.placeholder).toBe(true);
    expect(config.callCenter.phone).toMatch(/仮/);
  });
});

describe('a broken data file', () => {
  it('names the file, the field and what was expected', () => {
    const folders = scratchCopy();
    edit(path.join(folders.intents, 'q3.yaml'), (text) => text.replace(/^label: .*$/m, 'label: ""'));
    const error = loadError(folders);
    expect(error).toBeInstanceOf(DataFileError);
    expect(error.message).toContain('q3.yaml');
    expect(error.message).toContain('field "label"');
  });

  it('reports YAML syntax errors with the file and line', () => {
    const folders = scratchCopy();
    edit(path.join(folders.intents, 'q5.yaml'), (text) => text.replace('rules:', 'rules: [unclosed'));
    const error = loadError(folders);
    expect(error.message).toMatch(/q5\.yaml: YAML syntax: .*line \d+/);
  });

  it('reports a rule with a score of the wrong type', () => {
    const folders = scratchCopy();
    edit(path.join(folders.intents, 'q1.yaml'), (text) => text.replace('score: 4', 'score: high'));
    expect(loadError(folders).message).toMatch(/q1\.yaml: field "rules\.0\.score": .*number/i);
  });

  it('reports an intent file whose id does not match its name', () => {
    const folders = scratchCopy();
    edit(path.join(folders.intents, 'q2.yaml'), (text) => text.replace('id: q2', 'id: q4'));
    expect(loadError(folders).message).toContain('expected "q2"');
  });

  it('reports a rule that names a concept no dictionary defines', () => {
    const folders = scratchCopy();
    edit(path.join(folders.intents, 'q6.yaml'), (text) => text.replace('all: [forge]', 'all: [forgery_typo]'));
    const error = loadError(folders);
    expect(error).toBeInstanceOf(DataConsistencyError);
    expect(error.message).toContain('"forgery_typo"');
    expect(error.message).toContain('intents/q6.yaml rules[0]');
  });

  it('reports a term that YAML read as a number, saying to quote it', () => {
    const folders = scratchCopy();
    edit(path.join(folders.dictionaries, 'synonyms', '01-things.yaml'), (text) => text.replace('"707000"', '707000'));
    const error = loadError(folders);
    expect(error.message).toMatch(/01-things\.yaml: field "records_707k\.terms\.\d+": .*quote numbers/);
  });

  it('reports a concept defined in two files', () => {
    const folders = scratchCopy();
    fs.writeFileSync(path.join(folders.dictionaries, 'synonyms', '99-extra.yaml'), 'leak:\n  terms: [もれもれ]\n');
    expect(loadError(folders).message).toContain('concept "leak" is defined in both');
  });

  it('reports a missing file by name', () => {
    const folders = scratchCopy();
    fs.rmSync(path.join(folders.intents, 'q11.yaml'));
    expect(loadError(folders).message).toMatch(/official-faq\.txt has 問11, but there is no intents\/q11\.yaml/);
  });
});

describe('the config', () => {
  it('takes the call center number and hours from the environment', () => {
    const config = loadConfig({ CALL_CENTER_PHONE: '0570-123-456', CALL_CENTER_HOURS: '平日 8:30〜17:15' });
    expect(config.callCenter).toMatchObject({ phone: '0570-123-456', hours: '平日 8:30〜17:15', placeholder: false });
  });

  it('refuses an empty CALL_CENTER_PHONE', () => {
    expect(() => loadConfig({ CALL_CENTER_PHONE: ' ' })).toThrow(/CALL_CENTER_PHONE.*empty/);
  });

  it('names the config file and field when it is invalid', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-config-')), 'bad.yaml');
    fs.writeFileSync(file, 'officialFaq:\n  asOf: "2026-11-25"\ncallCenter:\n  name: x\n  phone: y\n  hours: z\nmatching:\n  threshold: -1\n  closeRatio: 0.8\n  contextThreshold: 2\nserver:\n  rateLimit: {maxRequests: 1, windowSeconds: 1}\n  requestTimeoutSeconds: 5\n  shutdownGraceSeconds: 1\nconversationLog:\n  retentionDays: 30\n');
    expect(() => loadConfig({ BOT_CONFIG: file })).toThrow(/bad\.yaml: field "matching\.threshold"/);
  });

  it('refuses an official FAQ date that is no date', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-config-')), 'bad-date.yaml');
    const good = fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'default.yaml'), 'utf8');
    fs.writeFileSync(file, good.replace(/asOf: "[^"]+"/, 'asOf: "2026-02-31x"'));
    expect(() => loadConfig({ BOT_CONFIG: file })).toThrow(/field "officialFaq\.asOf"/);
  });
});
