import { loadBotData } from '../../src/data/load-bot-data';
import { getEngine } from '../helpers/engine';

// Every intent carries its own example phrasings; each must come out as its own label
// through the real pipeline (normalizer, kuromoji, dictionaries, rules).
const data = loadBotData();
const cases: Array<[string, string, string]> = [
  ...data.faq.flatMap((intent) => intent.examples.map((text): [string, string, string] => [intent.id, intent.id, text])),
  ...Object.entries(data.smalltalk.kinds).flatMap(([kind, { examples }]) =>
    examples.map((text): [string, string, string] => [`smalltalk.${kind}`, 'smalltalk', text]),
  ),
  ...data.fallback.examples.map((text): [string, string, string] => ['fallback', 'fallback', text]),
];

describe('intent examples through the real pipeline', () => {
  it.each(cases)('%s (%s): %s', async (intentId, label, text) => {
    const engine = await getEngine();
    const classification = engine.classify(text);
    expect(classification.label).toBe(label);
    if (label === 'smalltalk') expect(classification.intentId).toBe(intentId);
  });
});
