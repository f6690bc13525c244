import path from 'node:path';
import Database from 'better-sqlite3';
import { LOG_FILE_NAME, sessionKey } from '../../src/state/conversation-log';
import { storedKey } from '../../src/state/sqlite-session-store';
import { STATE_FILE_NAME } from '../../src/state/state-database';
import { postJson, startTestServer, type TestServer } from '../helpers/server';

/**
 * Two servers on one data directory, as two workers are: a reply leaves only once its turn is
 * stored where the other reads, so the person's next message or deletion, wherever it lands,
 * finds it.
 */
describe('two servers on one data directory (as two workers)', () => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    a = await startTestServer();
    b = await startTestServer({ dataDir: a.dataDir });
  });

  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  const stored = (session: string) => {
    const state = new Database(path.join(a.dataDir, STATE_FILE_NAME), { readonly: true });
    const log = new Database(path.join(a.dataDir, LOG_FILE_NAME), { readonly: true });
    try {
      return {
        session: state.prepare('SELECT count(*) AS n FROM sessions WHERE id = ?').get(storedKey(session)) as { n: number },
        logRows: log.prepare('SELECT count(*) AS n FROM turns WHERE session = ?').get(sessionKey(session)) as { n: number },
      };
    } finally {
      state.close();
      log.close();
    }
  };

  it('has the session and its log entry stored by the time the reply arrives', async () => {
    const first = await postJson<{ session: string }>(`${a.url}/api/chat`, { text: '情報は漏れたの？' });
    expect(stored(first.body.session)).toEqual({ session: { n: 1 }, logRows: { n: 1 } });
  });

  it('has them stored when the hub hands back the turn (before any reply is written)', async () => {
    const hub = a.bot()!.hub;
    const session = await hub.startSession();
    await hub.handle({ channel: 'web', session, text: '情報は漏れたの？' });
    expect(stored(session)).toEqual({ session: { n: 1 }, logRows: { n: 1 } });
  });

  it('goes on with the conversation on the other server, right after the reply', async () => {
    const first = await postJson<{ session: string; label: string }>(`${a.url}/api/chat`, { text: '情報は漏れたの？' });
    const next = await postJson<{ session: string; label: string; sessionRenewed?: boolean }>(`${b.url}/api/chat`, {
      text: 'それはなぜ？',
      session: first.body.session,
    });
    expect(next.body.sessionRenewed).toBeUndefined();
    expect(next.body.session).toBe(first.body.session);
    expect(next.body.label).toBe('q2');
  });

  it('deletes on the other server what was just said, and the conversation stays deleted', async () => {
    const first = await postJson<{ session: string }>(`${a.url}/api/chat`, { text: '保険証の番号は漏れましたか' });
    const deleted = await postJson<{ deleted: number }>(`${b.url}/api/chat/session`, { session: first.body.session }, {}, 'DELETE');
    expect(deleted.body.deleted).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored(first.body.session)).toEqual({ session: { n: 0 }, logRows: { n: 0 } });
    const again = await postJson<{ sessionRenewed?: boolean }>(`${a.url}/api/chat`, { text: 'それはなぜ？', session: first.body.session });
    expect(again.body.sessionRenewed).toBe(true);
  });
});
