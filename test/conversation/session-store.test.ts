import { MemorySessionStore, newSessionId, SESSION_ID_PATTERN } from '../../src/conversation/session-store';

describe('MemorySessionStore', () => {
  let now = 0;
  const store = () => new MemorySessionStore<{ turns: number }>({ ttlMs: 1000, maxSessions: 3, now: () => now });

  beforeEach(() => {
    now = 0;
  });

  it('creates unguessable ids of a fixed shape', async () => {
    const sessions = store();
    const ids = new Set(await Promise.all(Array.from({ length: 100 }, () => sessions.create({ turns: 0 }))));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(SESSION_ID_PATTERN);
  });

  it('begins ids with the time they were made, and keeps ids of the same moment apart', async () => {
    const timeOf = (id: string) => Buffer.from(id, 'base64url').readUIntBE(0, 6);
    const before = Date.now();
    const sameMoment = Array.from({ length: 50 }, () => newSessionId());
    expect(new Set(sameMoment).size).toBe(50);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const later = newSessionId();
    for (const id of sameMoment) {
      expect(timeOf(id)).toBeGreaterThanOrEqual(before);
      expect(timeOf(id)).toBeLessThan(timeOf(later));
    }
  });

  it('forgets a session after its time to live since the last turn', async () => {
    const sessions = store();
    const id = await sessions.create({ turns: 0 });
    now = 900;
    await sessions.set(id, { turns: 1 });
    now = 1800;
    expect(await sessions.get(id)).toEqual({ turns: 1 });
    now = 2000;
    expect(await sessions.get(id)).toBeUndefined();
  });

  it('drops the least recently used sessions beyond its cap', async () => {
    const sessions = store();
    const [a, b, c] = [await sessions.create({ turns: 0 }), await sessions.create({ turns: 0 }), await sessions.create({ turns: 0 })];
    await sessions.set(a, { turns: 1 }); // a is now the most recent
    const d = await sessions.create({ turns: 0 });
    expect(sessions.size).toBe(3);
    expect(await sessions.get(b)).toBeUndefined();
    expect(await sessions.get(a)).toBeDefined();
    expect(await sessions.get(c)).toBeDefined();
    expect(await sessions.get(d)).toBeDefined();
  });
});
