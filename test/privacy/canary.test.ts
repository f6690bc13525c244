import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/paths';
import { readConversationLog } from '../../src/state/conversation-log';
import { postJson } from '../helpers/server';

// The canary: messages carrying synthetic personal data of every kind go through the real
// server (a separate process, as in production); afterwards no raw value may appear in any
// file under the data directory (the SQLite database and its journal), nor in anything the
// server wrote to stdout or stderr. The report then runs on the log those turns filled.

const MAIN = path.join(PROJECT_ROOT, 'dist', 'server', 'main.js');
const CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');

const canaries = {
  name: '山田太郎',
  nameWithHonorific: '高橋',
  englishName: 'Maria Santos',
  insuranceSymbol: '12345678',
  insuranceNumberFullWidth: '８７６５４３２１',
  insuranceDashed: '24681357-9',
  mobile: '090-1234-5678',
  mobileFullWidth: '０８０－９８７６－５４３２',
  landline: '03-3456-7890',
  tollFree: '0120-456-789',
  myNumber: '123456789018',
  email: 'taro.yamada@example.com',
  postal: '〒150-0002',
  bankAccount: '7654321',
  birthEra: '昭和45年6月7日',
  birthWestern: '1975/4/2',
  nameAfterControls: '佐藤花子',
  // As people really type them (issue: personal data stored raw).
  phoneKanji: '〇九〇ー三四五六ー七八九〇',
  phoneSpaced: '0 8 0 4 3 2 1 8 7 6 5',
  phoneSpoken: 'ゼロキューゼロ、ニーサンヨンゴー、ロクナナハチキュー',
  insuranceKanji: '一二三四五六七八',
  address: '東京都杉並区阿佐谷南三丁目十二番五号 コーポ阿佐谷203',
  addressHyphens: '大阪市北区梅田3-12-5',
  katakanaName: 'ヤマダハナコ',
  spelledEmail: 'h a n a k o 0 1 @ e x a m p l e . j p',
  emailWithAt: 'hanako at example dot jp',
  eraAbbreviated: 'S45.6.7',
  cardNumber: '4111 1111 1111 1111',
  myNumberSplit: '2345\n6789\n0123',
};

const messages = [
  `${canaries.name}です。保険証の記号${canaries.insuranceSymbol}、番号15です。70.7万件の中に私のは入ってますか？`,
  `被保険者番号は${canaries.insuranceNumberFullWidth}です。資格は大丈夫ですか`,
  `My name is ${canaries.englishName} and my insurance card number is ${canaries.insuranceDashed}. Could someone make a fake card?`,
  `さっき協会けんぽの者ですと電話があり、〇〇銀行 普通 ${canaries.bankAccount} と生年月日 ${canaries.birthEra} を言ってしまいました`,
  `連絡先は${canaries.mobile}か${canaries.mobileFullWidth}、自宅は${canaries.landline}です`,
  `${canaries.tollFree} から電話がありました。協会けんぽですか？`,
  `マイナンバーは${canaries.myNumber}です。漏れていませんか`,
  `メールは ${canaries.email} 、住所は ${canaries.postal} です。情報は漏れたの？`,
  `${canaries.nameWithHonorific}さんから聞いたんですが、誕生日 ${canaries.birthWestern} の情報も入ってましたか`,
  // Control characters (NUL, a terminal escape) must neither shift where a name is found nor reach the disk.
  `\u0000\u0000\u0000\u0000\u001b[2J${canaries.nameAfterControls}です。情報は漏れたの？`,
  `電話は${canaries.phoneKanji}、携帯は ${canaries.phoneSpaced} です。折り返しは${canaries.phoneSpoken}に`,
  `保険証の記号${canaries.insuranceKanji}です。住所は${canaries.address}、会社は${canaries.addressHyphens}`,
  `${canaries.katakanaName}です。メアド ${canaries.spelledEmail} か ${canaries.emailWithAt} に`,
  `生年月日 ${canaries.eraAbbreviated}、カード ${canaries.cardNumber}、マイナンバー\n${canaries.myNumberSplit}`,
];

/** Every form a value may take on disk: as typed, digits only, and folded to ASCII. */
function forms(value: string): string[] {
  const ascii = value.replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/[－ー−]/g, '-');
  const digits = ascii.replace(/[^0-9]/g, '');
  return [...new Set([value, ascii, ...(digits.length >= 7 ? [digits] : [])])];
}

/** Runs of seven or more digits, however spaced: what no stored text may hold. */
const LONG_DIGIT_RUN = /[0-9０-９](?:[ \-ー−]?[0-9０-９]){6,}/u;

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the privacy canary', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canary-data-'));
  let server: ChildProcess;
  let output = '';
  let url = '';

  beforeAll(async () => {
    server = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\/\/\S+)/.test(output)) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    url = /listening on (http:\/\/\S+)/.exec(output)![1]!.replace('localhost', '127.0.0.1');
  });

  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  it('keeps no raw personal data in the data directory or the logs', async () => {
    let session: string | undefined;
    for (const text of messages) {
      const { status, body } = await postJson<{ session: string; messages: Array<{ notice?: string }> }>(`${url}/api/chat`, {
        text,
        ...(session ? { session } : {}),
      });
      expect(status).toBe(200);
      // The reply still answers, and says not to type personal data.
      expect(body.messages.map((message) => message.notice)).toContain('privacy');
      session = body.session;
    }
    await postJson(`${url}/api/chat`, { payload: 'feedback:no', session });

    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));

    const files = filesUnder(dataDir);
    expect(files.some((file) => file.endsWith('.sqlite'))).toBe(true);
    const stored = files.map((file) => fs.readFileSync(file).toString('utf8')).join('\n');
    const leaks: string[] = [];
    for (const [kind, value] of Object.entries(canaries)) {
      for (const form of forms(value)) {
        if (stored.includes(form)) leaks.push(`${kind} (${form}) in the data directory`);
        if (output.includes(form)) leaks.push(`${kind} (${form}) in the server's output`);
      }
    }
    expect(leaks).toEqual([]);
    // The masked text is there instead.
    expect(stored).toContain('[保険証の記号・番号]');
    expect(stored).toContain('[電話番号]');
    // Control characters are gone from what was stored (the database file itself is binary).
    const texts = readConversationLog(
      files.find((file) => file.endsWith('.sqlite'))!,
      0,
      Date.now() + 1,
    ).map((row) => row.text);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(texts.filter((text) => /[\u0000-\u0008\u001b]/.test(text))).toEqual([]);
    expect(texts.filter((text) => LONG_DIGIT_RUN.test(text))).toEqual([]);
  });

  it('reports on the log the canary filled: text, CSV and an HTML page', () => {
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'report', '--data-dir', dataDir, ...args], { encoding: 'utf8' });
    const text = run([]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Volume per label and channel:[\s\S]*web/);
    expect(text.stdout).toMatch(/Feedback per FAQ entry/);
    const csv = run(['--csv']);
    expect(csv.stdout.split('\n')[0]).toBe('section,label,channel_or_day,count,yes,no,confidence,text');
    expect(csv.stdout).toMatch(/^volume,q\d+,web,\d+/m);
    const html = path.join(dataDir, 'report.html');
    expect(run(['--html', html]).status).toBe(0);
    const page = fs.readFileSync(html, 'utf8');
    expect(page).toContain('<svg');
    expect(page).not.toContain('<script');
    for (const value of Object.values(canaries)) expect(page).not.toContain(value);
  });
});

describe('a conversation the person deleted', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canary-delete-'));
  const marker = '消える会話の目印KQ7Z';
  let server: ChildProcess;
  let output = '';
  let url = '';

  beforeAll(async () => {
    server = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\/\/\S+)/.test(output)) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    url = /listening on (http:\/\/\S+)/.exec(output)![1]!.replace('localhost', '127.0.0.1');
  });

  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
  });

  const filesHolding = (text: string) => filesUnder(dataDir).filter((file) => fs.readFileSync(file).includes(Buffer.from(text, 'utf8')));

  it('leaves none of its text in any file (database, -wal, -shm), while the server runs and after it stops', async () => {
    let session: string | undefined;
    for (let turn = 0; turn < 5; turn++) {
      const { body } = await postJson<{ session: string }>(`${url}/api/chat`, {
        text: `${marker} 情報は漏れたの？ ${turn}`,
        ...(session ? { session } : {}),
      });
      session = body.session;
    }
    const kept = await postJson<{ session: string }>(`${url}/api/chat`, { text: '残る会話です。対策は？' });
    expect(filesHolding(marker).length).toBeGreaterThan(0);

    const deleted = await postJson<{ deleted: number }>(`${url}/api/chat/session`, { session }, {}, 'DELETE');
    expect(deleted.body.deleted).toBeGreaterThan(0);
    expect(filesHolding(marker)).toEqual([]);

    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    expect(filesHolding(marker)).toEqual([]);
    // Only the deleted conversation went: the other one is still in the log.
    expect(kept.status).toBe(200);
    expect(filesHolding('残る会話です').length).toBeGreaterThan(0);
  });
});
