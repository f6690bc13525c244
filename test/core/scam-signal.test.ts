import type { ConceptTags } from '../../src/core/concepts';
import { readScamSituation } from '../../src/core/scam-signal';
import type { Condition, ScamSignalData } from '../../src/data/schemas';

// The scam signal's logic with hand-built concepts (no dictionary): who × (happened | wanted).
function tags(concepts: string[]): ConceptTags {
  return { hits: [], dismissed: [], kept: new Set(concepts), all: new Set(concepts) };
}
const when = (fields: Partial<Condition>): Condition => ({ scope: 'all', ...fields }) as Condition;

const signal: ScamSignalData = {
  who: [when({ any: [['association', 'staff']] }), when({ all: ['claim'], none: ['other_org'] })],
  happened: [when({ any: [['call_in', 'came_to_door']] })],
  wanted: [when({ any: [['ask_for_info', 'paid']] })],
  unnamed_unless: [when({ all: ['clinic'] })],
  routine: [when({ all: ['procedure'] })],
  also: [when({ all: ['scam'], none: ['other_org'] })],
  other_sender: [when({ all: ['other_org'], none: ['association'] })],
  never: [when({ all: ['harmful_request'] })],
};
const read = (...concepts: string[]) => readScamSituation(signal, tags(concepts));

describe('readScamSituation', () => {
  it.each([
    // who and what happened: 「協会けんぽの人が家に来た」
    [['association', 'came_to_door'], true],
    // who and what they wanted, the channel unsaid: 「協会けんぽを名乗る人に口座を教えた」
    [['claim', 'paid'], true],
    // a warning that needs no sender: 「還付金の電話が…」
    [['scam'], true],
    // who alone is no report: 「協会けんぽの対策は？」
    [['association'], false],
    // what happened alone, from nobody named: 「知らない番号から着信」
    [['call_in'], false],
    // ...but what happened and what was wanted, from nobody named: 「知らない番号から電話で口座を聞かれた」
    [['call_in', 'ask_for_info'], true],
    // ...unless it is a question about someone using the person's numbers at a clinic (q7)
    [['call_in', 'ask_for_info', 'clinic'], false],
    // a contact about routine business alone: 「協会けんぽから手続きの書類が届いた」
    [['association', 'came_to_door', 'procedure'], false],
    // ...but routine business does not excuse a demand
    [['association', 'came_to_door', 'procedure', 'ask_for_info'], true],
    // a request for a scam script is never a report
    [['claim', 'ask_for_info', 'harmful_request'], false],
  ])('%j → warn %s', (concepts, warn) => {
    expect(read(...(concepts as string[])).warn).toBe(warn);
  });

  it('gives another organisation’s scam the general route, not the warning', () => {
    const situation = read('claim', 'other_org', 'call_in', 'ask_for_info');
    expect(situation).toMatchObject({ warn: false, otherScam: true });
  });

  it('keeps the evidence of a warning slot by slot', () => {
    const situation = read('association', 'call_in', 'ask_for_info');
    expect(situation.evidence.map((fired) => fired.intentId)).toEqual(['scam.who', 'scam.wanted', 'scam.happened']);
    expect(read('association').evidence).toEqual([]);
  });
});
