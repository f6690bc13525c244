import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../src/core/engine';
import { createResponder } from '../../src/core/reply';
import { createDialog } from '../../src/conversation/dialog';
import { NEW_CONVERSATION } from '../../src/conversation/state';
import { loadBotData } from '../../src/data/load-bot-data';
import { parseOfficialFaq, withoutWhitespace } from '../../src/data/official-faq';
import { DICTIONARIES_DIR, INTENTS_DIR } from '../../src/paths';
import { getEngine } from '../helpers/engine';

// The association will publish more questions: a twelfth entry is a data change. A copy of the
// data with 問12 appended to the official FAQ, one intents/q12.yaml written like the others, and a
// concept for its words in a dictionary file of its own: it validates and answers, and nothing
// under src/ knows it.
const QUESTION = '問12 今回の事案の調査報告書は公表されますか。';
const ANSWER = '1 調査の結果は、協会のホームページでお知らせしています。';

function copyOfData(): { intents: string; dictionaries: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'twelfth-'));
  const intents = path.join(root, 'intents');
  const dictionaries = path.join(root, 'dictionaries');
  fs.cpSync(INTENTS_DIR, intents, { recursive: true });
  fs.cpSync(DICTIONARIES_DIR, dictionaries, { recursive: true });
  fs.appendFileSync(path.join(intents, 'official-faq.txt'), `\n\n${QUESTION}\n\n(答)\n\n${ANSWER}\n`);
  fs.writeFileSync(
    path.join(intents, 'q12.yaml'),
    `# 問12: whether the investigation's report will be published.
id: q12
question: 今回の事案の調査報告書は公表されますか。
label: 調査報告書は公表される？
label_en: Report published?
answer: |-
  ${ANSWER}
rules:
  - all: [investigation_report]
    score: 6
examples:
  - 調査報告書は出るの？
  - 報告書はいつ公表されますか
  - 調査の報告書を読みたい
related: [q2]
`,
  );
  fs.writeFileSync(path.join(dictionaries, 'synonyms', '08-report.yaml'), 'investigation_report:\n  description: the report of the investigation\n  terms: [報告書, 調査報告, ほうこくしょ]\n');
  return { intents, dictionaries };
}

describe('a twelfth FAQ entry, added by data alone', () => {
  it('validates, matches the official text, and answers its examples with it', async () => {
    const folders = copyOfData();
    const data = loadBotData(folders);
    expect(data.faq.map((intent) => intent.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9', 'q10', 'q11', 'q12']);
    const official = parseOfficialFaq(fs.readFileSync(path.join(folders.intents, 'official-faq.txt'), 'utf8')).find((entry) => entry.id === 'q12');
    expect(withoutWhitespace(data.faq.at(-1)!.answer)).toBe(withoutWhitespace(official!.answer));

    const shared = await getEngine();
    const engine = await createEngine({ data, config: shared.config, tokenizer: shared.tokenizer, secondOpinion: null });
    const dialog = createDialog(engine, createResponder(data, engine.config));
    for (const example of data.faq.at(-1)!.examples) {
      const { reply } = dialog.respond(NEW_CONVERSATION, { text: example });
      expect(reply.label).toBe('q12');
      expect(reply.messages[0]!.text).toBe(ANSWER);
    }
    // Its button works like the others'.
    expect(dialog.respond(NEW_CONVERSATION, { payload: 'intent:q12' }).reply.label).toBe('q12');
  });
});
