import path from 'node:path';
import { readEvalFile } from '../../src/evaluation/dataset';
import { askOnce, loadStaffBot, type StaffBot } from '../../src/cli/load';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

// Staff test what the public gets: the CLI's `ask` (and the REPL, which runs the same turn)
// answers every line of the development set with the same text as POST /api/chat in a fresh session.
describe('the staff tools and the web chat', () => {
  let server: TestServer;
  let bot: StaffBot;
  beforeAll(async () => {
    server = await startTestServer();
    bot = await loadStaffBot();
  });
  afterAll(() => server.close());

  it('give the same reply to every line of dev.jsonl', async () => {
    const items = readEvalFile(path.join(__dirname, '..', 'fixtures', 'dev.jsonl'));
    const differences: string[] = [];
    for (const item of items) {
      const web = await postJson<{ messages: Array<{ text: string }> }>(`${server.url}/api/chat`, { text: item.text });
      const staff = await askOnce(bot, item.text);
      const webText = web.body.messages.map((message) => message.text).join('\n');
      const staffText = staff.reply.messages.map((message) => message.text).join('\n');
      if (webText !== staffText) differences.push(`${item.id}: ${item.text}`);
    }
    expect(differences).toEqual([]);
  });
});
