import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { postJson, startTestServer } from '../helpers/server';

// The built CLI, run as a user runs it (`npm test` builds first).
const CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', cwd: '/', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CLI', () => {
  it('answers one message with the official text (from any working directory)', () => {
    const { code, stdout } = cli(['ask', '情報は漏れたんですか']);
    expect(code).toBe(0);
    expect(stdout).toContain('協会加入者の個人情報の漏えいは確認されていません');
  });

  it('puts the scam warning first for a scam call', () => {
    const { stdout } = cli(['ask', '協会けんぽを名乗る電話がありました']);
    expect(stdout.split('\n')[0]).toBe('【ご注意ください】');
  });

  it('classifies one line at a time, in order, as JSON', () => {
    const lines = ['情報は漏れたの？', 'こんにちは', 'おすすめのラーメン屋は？', '', '協会けんぽから電話が来た'];
    const { code, stdout } = cli(['classify'], lines.join('\n'));
    expect(code).toBe(0);
    const out = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { intent: string; score: number });
    expect(out.map((row) => row.intent)).toEqual(['q1', 'smalltalk', 'fallback', 'fallback', 'q9']);
    for (const row of out) expect(typeof row.score).toBe('number');
  });

  it('keeps up with a thousand lines', () => {
    const lines = Array.from({ length: 1000 }, (_, index) => (index % 2 === 0 ? `保険証の偽造は大丈夫？${index}` : 'hello'));
    const { code, stdout } = cli(['classify'], lines.join('\n'));
    expect(code).toBe(0);
    const intents = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { intent: string }).intent);
    expect(intents).toHaveLength(1000);
    expect(intents[0]).toBe('q6');
    expect(intents[1]).toBe('smalltalk');
  });

  it('evaluates a labelled file and prints the summary figures', () => {
    const { code, stdout } = cli(['eval', path.join(PROJECT_ROOT, 'test', 'fixtures', 'dev.jsonl')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/in-scope\s+\d+\.\d%/);
    expect(stdout).toMatch(/q9 recall/);
    expect(stdout).toMatch(/false q9\s+\d+/);
    expect(stdout).toMatch(/top-3\s+\d+\.\d%/);
  });

  it('says what is wrong with a bad eval file, without a stack trace', () => {
    const { code, stderr } = cli(['eval', '/no/such/file.jsonl']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: \/no\/such\/file\.jsonl: cannot be read/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('explains its choice in the REPL and shows the full trace on request', () => {
    const { code, stdout } = cli(['repl'], '保険証が偽造されないか心配\n:trace\n:quit\n');
    expect(code).toBe(0);
    expect(stdout).toMatch(/↳ faq → q6 \| q6 score \d+ .*\| runner-up .*\| words .*forge「偽造」/);
    expect(stdout).toContain('reading key:');
    expect(stdout).toMatch(/tokens: 保険証\/ホケンショウ/);
  });

  it('lists the words no concept knows in the trace, without stop words', () => {
    const { stdout } = cli(['repl'], ':trace 保険証のフリガナが心配です\n:quit\n');
    const line = stdout.split('\n').find((text) => text.startsWith('words no concept knows:'))!;
    expect(line).toContain('フリガナ');
    expect(line).not.toMatch(/ です| の /);
  });

  it('prints usage for an unknown command', () => {
    const { code, stderr } = cli(['frobnicate']);
    expect(code).toBe(1);
    expect(stderr).toContain('Unknown command "frobnicate"');
  });
});

describe('forget, for a web session id a person gives staff', () => {
  it('deletes the log entries and ends the conversation if it is still going on', async () => {
    const server = await startTestServer();
    const first = await postJson<{ session: string }>(`${server.url}/api/chat`, { text: '情報は漏れたの？' });
    await server.close();

    const { code, stdout } = cli(['forget', first.body.session, '--data-dir', server.dataDir]);
    expect(code).toBe(0);
    expect(stdout).toContain('deleted 1 entries');
    expect(stdout).toContain('it is ended');

    const again = await startTestServer({ dataDir: server.dataDir });
    try {
      const next = await postJson<{ session: string; sessionRenewed?: boolean }>(`${again.url}/api/chat`, {
        text: 'それはなぜ？',
        session: first.body.session,
      });
      expect(next.body.sessionRenewed).toBe(true);
      expect(next.body.session).not.toBe(first.body.session);
    } finally {
      await again.close();
    }
  });
});
