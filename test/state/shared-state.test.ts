import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { MemorySessionStore, newSessionId, SESSION_ID_PATTERN, type SessionStore } from '../../src/conversation/session-store';
import { NEW_CONVERSATION } from '../../src/conversation/state';
import { DeliveryLedger } from '../../src/state/delivery-ledger';
import { PersonSessions } from '../../src/state/person-sessions';
import { RateWindows } from '../../src/state/rate-windows';
import { SharedState } from '../../src/state/shared-state';
import { SqliteSessionStore, storedKey } from '../../src/state/sqlite-session-store';
import { openStateDatabase, STATE_FILE_NAME, StateDatabaseError } from '../../src/state/state-database';
import { WriteBehind } from '../../src/state/write-behind';

const DAY_MS = 24 * 60 * 60 * 1000;

interface Turns {
  turns: number;
}

// Every database opened by a test is closed after it, and every data dir removed.
const openDatabases: Database.Database[] = [];
const dataDirs: string[] = [];

function newDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-state-'));
  dataDirs.push(dir);
  return dir;
}

function open(dataDir: string): Database.Database {
  const db = openStateDatabase(dataDir);
  openDatabases.push(db);
  return db;
}

function close(db: Database.Database): void {
  if (db.open) db.close();
}

afterEach(() => {
  for (const db of openDatabases.splice(0)) close(db);
  for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

let now = 0;
const clock = () => now;

beforeEach(() => {
  now = 0;
});

type StoreFactory = (options: { ttlMs: number; maxSessions: number }) => SessionStore<Turns> & { readonly size: number };

const stores: [string, StoreFactory][] = [
  ['MemorySessionStore', (options) => new MemorySessionStore<Turns>({ ...options, now: clock })],
  ['SqliteSessionStore', (options) => new SqliteSessionStore<Turns>(open(newDataDir()), { ...options, now: clock })],
];

describe.each(stores)('%s (session store contract)', (_name, makeStore) => {
  const store = () => makeStore({ ttlMs: 1000, maxSessions: 1000 });

  it('creates unique ids of the session id shape', async () => {
    const sessions = store();
    const ids = new Set(await Promise.all(Array.from({ length: 200 }, () => sessions.create({ turns: 0 }))));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(SESSION_ID_PATTERN);
    expect(sessions.size).toBe(200);
  });

  it('returns the state created, then the state last set', async () => {
    const sessions = store();
    const id = await sessions.create({ turns: 0 });
    expect(await sessions.get(id)).toEqual({ turns: 0 });
    sessions.set(id, { turns: 1 });
    expect(await sessions.get(id)).toEqual({ turns: 1 });
    sessions.set(id, { turns: 2 });
    expect(await sessions.get(id)).toEqual({ turns: 2 });
  });

  it('keeps sessions apart', async () => {
    const sessions = store();
    const a = await sessions.create({ turns: 0 });
    const b = await sessions.create({ turns: 10 });
    sessions.set(a, { turns: 1 });
    expect(await sessions.get(a)).toEqual({ turns: 1 });
    expect(await sessions.get(b)).toEqual({ turns: 10 });
  });

  it('expires a session its time to live after the last set', async () => {
    const sessions = store();
    const id = await sessions.create({ turns: 0 });
    now = 900;
    sessions.set(id, { turns: 1 });
    now = 1800; // past the creation's ttl, within the last set's
    expect(await sessions.get(id)).toEqual({ turns: 1 });
    now = 1899;
    expect(await sessions.get(id)).toEqual({ turns: 1 });
    now = 1900;
    expect(await sessions.get(id)).toBeUndefined();
  });

  it('expires a session never set its time to live after creation', async () => {
    const sessions = store();
    const id = await sessions.create({ turns: 0 });
    now = 999;
    expect(await sessions.get(id)).toEqual({ turns: 0 });
    now = 1000;
    expect(await sessions.get(id)).toBeUndefined();
  });

  it('does not revive a deleted session on set', async () => {
    const sessions = store();
    const id = await sessions.create({ turns: 0 });
    sessions.delete(id);
    sessions.set(id, { turns: 1 });
    expect(await sessions.get(id)).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('does not revive an expired session on set', async () => {
    const sessions = store();
    const id = await sessions.create({ turns: 0 });
    now = 1000;
    sessions.set(id, { turns: 1 });
    expect(await sessions.get(id)).toBeUndefined();
    now = 1500;
    expect(await sessions.get(id)).toBeUndefined();
  });

  it('does not adopt an id it never created on set', async () => {
    const sessions = store();
    const made = newSessionId();
    sessions.set(made, { turns: 1 });
    sessions.set('client-made-up-id', { turns: 1 });
    expect(await sessions.get(made)).toBeUndefined();
    expect(await sessions.get('client-made-up-id')).toBeUndefined();
    expect(sessions.size).toBe(0);
  });

  it('deletes a session and only that one', async () => {
    const sessions = store();
    const a = await sessions.create({ turns: 0 });
    const b = await sessions.create({ turns: 0 });
    sessions.delete(a);
    expect(await sessions.get(a)).toBeUndefined();
    expect(await sessions.get(b)).toEqual({ turns: 0 });
    expect(sessions.size).toBe(1);
    sessions.delete(a); // deleting again is harmless
    sessions.delete(newSessionId());
    expect(sessions.size).toBe(1);
  });
});

describe('SqliteSessionStore', () => {
  // Rows are keyed by storedKey(id): the file never holds a session id.
  const rowIds = (db: Database.Database) => {
    const stored = new Set((db.prepare('SELECT id FROM sessions').all() as { id: string }[]).map((row) => row.id));
    return [...created].filter((id) => stored.has(storedKey(id))).sort();
  };
  const created = new Set<string>();
  const track = (id: string) => {
    created.add(id);
    return id;
  };

  it('stores a hash of the session id, never the id', async () => {
    const db = open(newDataDir());
    const sessions = new SqliteSessionStore<Turns>(db, { ttlMs: 1000, maxSessions: 10, now: clock });
    const id = await sessions.create({ turns: 0 });
    sessions.flush();
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(id);
    expect(await sessions.get(id)).toEqual({ turns: 0 });
  });

  it('deleteExpired removes expired rows and, beyond the cap, the least recently active', async () => {
    const db = open(newDataDir());
    const sessions = new SqliteSessionStore<Turns>(db, { ttlMs: 1000, maxSessions: 2, now: clock });
    const ids: string[] = [];
    for (const time of [0, 100, 200, 300, 400]) {
      now = time;
      ids.push(track(await sessions.create({ turns: 0 })));
    }
    const [a, b, c, d, e] = ids as [string, string, string, string, string];
    now = 1150; // a (expires 1000) and b (1100) have expired
    sessions.set(c, { turns: 1 }); // c is now the most recently active
    sessions.flush();
    expect(rowIds(db)).toEqual([a, b, c, d, e].sort()); // expired rows stay until the purge

    expect(sessions.deleteExpired()).toBe(3);
    expect(rowIds(db)).toEqual([c, e].sort()); // d, the least recently active live one, went
    expect(await sessions.get(c)).toEqual({ turns: 1 });
    expect(await sessions.get(e)).toEqual({ turns: 0 });
    expect(sessions.size).toBe(2);

    expect(sessions.deleteExpired()).toBe(0);
    expect(rowIds(db)).toEqual([c, e].sort());
  });

  it('deleteExpired keeps everything live within the cap', async () => {
    const db = open(newDataDir());
    const sessions = new SqliteSessionStore<Turns>(db, { ttlMs: 1000, maxSessions: 3, now: clock });
    const ids = [
      track(await sessions.create({ turns: 0 })),
      track(await sessions.create({ turns: 0 })),
      track(await sessions.create({ turns: 0 })),
    ];
    expect(sessions.deleteExpired()).toBe(0);
    expect(rowIds(db)).toEqual([...ids].sort());
  });

  describe('two workers (two handles on one file)', () => {
    const twoStores = () => {
      const dir = newDataDir();
      const db1 = open(dir);
      const db2 = open(dir);
      return {
        one: new SqliteSessionStore<Turns>(db1, { ttlMs: 1000, maxSessions: 100, now: clock }),
        two: new SqliteSessionStore<Turns>(db2, { ttlMs: 1000, maxSessions: 100, now: clock }),
      };
    };

    // Each worker writes its sessions at the end of its event-loop turn (flush), before the
    // reply reaches the person and so before their next message can reach the other worker.
    it('reads, updates and deletes through one what the other created', async () => {
      const { one, two } = twoStores();
      const id = await one.create({ turns: 0 });
      one.flush();
      expect(await two.get(id)).toEqual({ turns: 0 });
      two.set(id, { turns: 1 });
      two.flush();
      expect(await one.get(id)).toEqual({ turns: 1 });
      one.set(id, { turns: 2 });
      one.flush();
      expect(await two.get(id)).toEqual({ turns: 2 });
      expect(two.size).toBe(1);
      two.delete(id);
      expect(await one.get(id)).toBeUndefined();
      expect(one.size).toBe(0);
    });

    it('writes at the end of the event-loop turn by itself', async () => {
      const { one, two } = twoStores();
      const id = await one.create({ turns: 0 });
      expect(await one.get(id)).toEqual({ turns: 0 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(await two.get(id)).toEqual({ turns: 0 });
    });

    it('extends the session for both when either sets it', async () => {
      const { one, two } = twoStores();
      const id = await one.create({ turns: 0 });
      one.flush();
      now = 900;
      two.set(id, { turns: 1 });
      two.flush();
      now = 1500;
      expect(await one.get(id)).toEqual({ turns: 1 });
    });

    it('does not revive through one a session deleted through the other', async () => {
      const { one, two } = twoStores();
      const id = await one.create({ turns: 0 });
      one.flush();
      expect(await two.get(id)).toEqual({ turns: 0 }); // the other worker is mid-turn
      one.delete(id); // the person asked to delete the conversation
      two.set(id, { turns: 1 }); // the turn ends
      expect(await two.get(id)).toBeUndefined();
      expect(await one.get(id)).toBeUndefined();
      expect(one.size).toBe(0);
    });

    it('does not revive a deleted session when a write of the other was already pending', async () => {
      const { one, two } = twoStores();
      const id = await one.create({ turns: 0 });
      one.flush();
      two.set(id, { turns: 1 }); // pending until the end of the other worker's loop turn
      one.delete(id);
      two.flush();
      expect(await one.get(id)).toBeUndefined();
      expect(one.size).toBe(0);
    });
  });

  it('keeps sessions across a restart', async () => {
    const dir = newDataDir();
    const before = open(dir);
    expect(before.pragma('journal_mode', { simple: true })).toBe('wal');
    const store = new SqliteSessionStore<Turns>(before, { ttlMs: 1000, maxSessions: 100, now: clock });
    const id = await store.create({ turns: 3 });
    store.flush();
    before.close();

    const after = open(dir);
    const sessions = new SqliteSessionStore<Turns>(after, { ttlMs: 1000, maxSessions: 100, now: clock });
    expect(await sessions.get(id)).toEqual({ turns: 3 });
    sessions.set(id, { turns: 4 });
    expect(await sessions.get(id)).toEqual({ turns: 4 });
  });
});

describe('PersonSessions', () => {
  const key = Buffer.alloc(32, 7);
  const people = (db: Database.Database, options: { key?: Buffer; retentionDays?: number; maxPerPerson?: number } = {}) =>
    new PersonSessions(db, options.key ?? key, options.retentionDays ?? 30, options.maxPerPerson ?? 200, clock);

  it('hashes the same person to the same id, and anyone else to another', async () => {
    const db = open(newDataDir());
    const persons = people(db);
    const person = persons.personOf('line', 'channel-1', 'U0001');
    expect(person).toBe(persons.personOf('line', 'channel-1', 'U0001'));
    expect(person).toBe(people(db).personOf('line', 'channel-1', 'U0001')); // another instance, same key

    const others = [
      people(db, { key: Buffer.alloc(32, 8) }).personOf('line', 'channel-1', 'U0001'),
      persons.personOf('line', 'channel-1', 'U0002'),
      persons.personOf('slack', 'channel-1', 'U0001'),
      persons.personOf('line', 'channel-2', 'U0001'),
    ];
    for (const other of others) expect(other).not.toBe(person);
    expect(new Set(others).size).toBe(others.length);
  });

  it('does not confuse a scope and user id that join to the same string', async () => {
    const persons = people(open(newDataDir()));
    expect(persons.personOf('slack', 'a', 'b:c')).not.toBe(persons.personOf('slack', 'a:b', 'c'));
    expect(persons.personOf('slack', 'a', 'bc')).not.toBe(persons.personOf('slack', 'ab', 'c'));
    expect(persons.personOf('a', 'b', 'c')).not.toBe(persons.personOf('a:b', '', 'c'));
    expect(persons.personOf('slack', 'a","b', 'c')).not.toBe(persons.personOf('slack', 'a', 'b","c'));
  });

  it('lists a person’s sessions oldest first, apart from other people’s, by ids derived from the key', async () => {
    const persons = people(open(newDataDir()));
    const alice = persons.personOf('line', 'ch', 'alice');
    const bob = persons.personOf('line', 'ch', 'bob');
    expect(await persons.sessionsOf(alice)).toEqual([]);
    const a1 = await persons.startNext(alice);
    const b1 = await persons.startNext(bob);
    const a2 = await persons.startNext(alice);
    const a3 = await persons.startNext(alice);
    expect(await persons.sessionsOf(alice)).toEqual([a1, a2, a3]);
    expect(await persons.sessionsOf(bob)).toEqual([b1]);
    for (const id of [a1, a2, a3, b1]) expect(id).toMatch(SESSION_ID_PATTERN);
    expect(new Set([a1, a2, a3, b1]).size).toBe(4);
    // Another key derives other ids: without the key the file yields no session id.
    expect(people(open(newDataDir()), { key: Buffer.alloc(32, 9) }).startNext(alice)).not.toBe(a1);
  });

  it('keeps only the last sessions of each person beyond its cap', async () => {
    const persons = people(open(newDataDir()), { maxPerPerson: 3 });
    const alice = persons.personOf('line', 'ch', 'alice');
    const bob = persons.personOf('line', 'ch', 'bob');
    const b1 = await persons.startNext(bob);
    const started: string[] = [];
    for (let n = 0; n < 5; n++) started.push(await persons.startNext(alice));
    expect(await persons.sessionsOf(alice)).toEqual(started.slice(2));
    expect(await persons.sessionsOf(bob)).toEqual([b1]);
  });

  it('forgets a person and only that person', async () => {
    const persons = people(open(newDataDir()));
    const alice = persons.personOf('line', 'ch', 'alice');
    const bob = persons.personOf('line', 'ch', 'bob');
    persons.startNext(alice);
    persons.startNext(alice);
    const b1 = await persons.startNext(bob);
    persons.forget(alice);
    expect(await persons.sessionsOf(alice)).toEqual([]);
    expect(await persons.sessionsOf(bob)).toEqual([b1]);
    const again = await persons.startNext(alice);
    expect(await persons.sessionsOf(alice)).toEqual([again]);
  });

  it('deleteExpired removes the sessions started more than the retention ago', async () => {
    const persons = people(open(newDataDir()), { retentionDays: 30 });
    const alice = persons.personOf('line', 'ch', 'alice');
    now = 0;
    const old = await persons.startNext(alice);
    now = 10 * DAY_MS;
    const newer = await persons.startNext(alice);
    now = 30 * DAY_MS;
    expect(persons.deleteExpired()).toBe(0);
    expect(await persons.sessionsOf(alice)).toEqual([old, newer]);
    now = 30 * DAY_MS + 1;
    expect(persons.deleteExpired()).toBe(1);
    expect(await persons.sessionsOf(alice)).toEqual([newer]);
    now = 41 * DAY_MS;
    expect(persons.deleteExpired()).toBe(1);
    expect(await persons.sessionsOf(alice)).toEqual([]);
  });

  it('is shared by two handles on one file, and two workers never take the same number', async () => {
    const dir = newDataDir();
    const one = people(open(dir));
    const two = people(open(dir));
    const alice = one.personOf('slack', 'T1', 'U1');
    const first = await one.startNext(alice);
    const second = await two.startNext(alice);
    expect(second).not.toBe(first);
    expect(await two.sessionsOf(two.personOf('slack', 'T1', 'U1'))).toEqual([first, second]);
    two.forget(alice);
    expect(await one.sessionsOf(alice)).toEqual([]);
  });

  it('never stores the raw user id, the scope, a session id or the key', async () => {
    const dir = newDataDir();
    const db = open(dir);
    const secret = randomBytes(32);
    const persons = people(db, { key: secret });
    const userId = 'U4f2c9e8a7b6d5c4e3f2a1b0c9d8e7f6a';
    const scope = 'T0SCOPEWORKSPACE';
    const person = persons.personOf('slack', scope, userId);
    const sessions = [await persons.startNext(person), await persons.startNext(person)];

    const rows = db.prepare('SELECT * FROM person_sessions').all();
    expect(rows).toHaveLength(2);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(userId);
    expect(stored).not.toContain(scope);
    for (const session of sessions) expect(stored).not.toContain(session);
    expect(stored).toContain(person);

    db.close(); // checkpoints the WAL into the file
    const bytes = fs.readFileSync(path.join(dir, STATE_FILE_NAME));
    expect(bytes.includes(userId)).toBe(false);
    expect(bytes.includes(scope)).toBe(false);
    for (const session of sessions) expect(bytes.includes(session)).toBe(false);
    expect(bytes.includes(secret)).toBe(false);
    expect(bytes.includes(secret.toString('base64url'))).toBe(false);
  });
});

describe('DeliveryLedger', () => {
  it('treats a released delivery as new (its handling failed; the platform retries)', async () => {
    const ledger = new DeliveryLedger(open(newDataDir()), 1000, clock);
    expect(await ledger.firstTime('event-1')).toBe(true);
    ledger.release('event-1');
    expect(await ledger.firstTime('event-1')).toBe(true);
    expect(await ledger.firstTime('event-1')).toBe(false);
  });

  it('says true the first time an id is seen, then false', async () => {
    const ledger = new DeliveryLedger(open(newDataDir()), 1000, clock);
    expect(await ledger.firstTime('event-1')).toBe(true);
    expect(await ledger.firstTime('event-1')).toBe(false);
    expect(await ledger.firstTime('event-1')).toBe(false);
    expect(await ledger.firstTime('event-2')).toBe(true);
    expect(await ledger.firstTime('event-2')).toBe(false);
  });

  it('says true again once the time to live has passed since it was first seen', async () => {
    const ledger = new DeliveryLedger(open(newDataDir()), 1000, clock);
    expect(await ledger.firstTime('event-1')).toBe(true);
    now = 500;
    expect(await ledger.firstTime('event-1')).toBe(false); // a redelivery does not extend the first sighting
    now = 999;
    expect(await ledger.firstTime('event-1')).toBe(false);
    now = 1001;
    expect(await ledger.firstTime('event-1')).toBe(true);
    expect(await ledger.firstTime('event-1')).toBe(false);
    now = 2000;
    expect(await ledger.firstTime('event-1')).toBe(false);
    now = 2002;
    expect(await ledger.firstTime('event-1')).toBe(true);
  });

  it('claims an id once across two handles on one file', async () => {
    const dir = newDataDir();
    const one = new DeliveryLedger(open(dir), 1000, clock);
    const two = new DeliveryLedger(open(dir), 1000, clock);
    expect(await one.firstTime('event-1')).toBe(true);
    expect(await two.firstTime('event-1')).toBe(false);
    expect(await two.firstTime('event-2')).toBe(true);
    expect(await one.firstTime('event-2')).toBe(false);
  });

  it('deleteExpired removes only the ids older than the time to live', async () => {
    const db = open(newDataDir());
    const ledger = new DeliveryLedger(db, 1000, clock);
    ledger.firstTime('old');
    now = 600;
    ledger.firstTime('new');
    now = 1200;
    expect(ledger.deleteExpired()).toBe(1);
    expect(db.prepare('SELECT id FROM deliveries').all()).toEqual([{ id: 'new' }]);
    expect(await ledger.firstTime('new')).toBe(false);
  });
});

describe('RateWindows', () => {
  // Every worker hashes addresses with the server's one key.
  const key = Buffer.alloc(32, 3);

  it('counts a client’s requests within a window and restarts after it', async () => {
    const windows = new RateWindows(open(newDataDir()), 1000);
    expect(await windows.count('10.0.0.1', 0)).toEqual({ start: 0, count: 1 });
    expect(await windows.count('10.0.0.1', 100)).toEqual({ start: 0, count: 2 });
    expect(await windows.count('10.0.0.1', 999)).toEqual({ start: 0, count: 3 });
    expect(await windows.count('10.0.0.1', 1000)).toEqual({ start: 1000, count: 1 });
    expect(await windows.count('10.0.0.1', 1500)).toEqual({ start: 1000, count: 2 });
    expect(await windows.count('10.0.0.1', 5000)).toEqual({ start: 5000, count: 1 });
  });

  it('counts each client separately', async () => {
    const windows = new RateWindows(open(newDataDir()), 1000);
    expect((await windows.count('10.0.0.1', 0)).count).toBe(1);
    expect((await windows.count('10.0.0.1', 1)).count).toBe(2);
    expect(await windows.count('10.0.0.2', 2)).toEqual({ start: 2, count: 1 });
    expect((await windows.count('10.0.0.1', 3)).count).toBe(3);
    expect((await windows.count('10.0.0.2', 4)).count).toBe(2);
  });

  // Each worker adds its count to the database's at the end of its event-loop turn (flush),
  // and reads the total of all workers at every request.
  it('shares the count between two handles on one file', async () => {
    const dir = newDataDir();
    const one = new RateWindows(open(dir), 1000, undefined, key);
    const two = new RateWindows(open(dir), 1000, undefined, key);
    expect((await one.count('10.0.0.1', 0)).count).toBe(1);
    one.flush();
    expect(await two.count('10.0.0.1', 10)).toEqual({ start: 0, count: 2 });
    expect(await two.count('10.0.0.1', 15)).toEqual({ start: 0, count: 3 });
    expect((await one.count('10.0.0.1', 16)).count).toBe(2); // two's requests of this same moment are not written yet
    two.flush();
    one.flush();
    expect(await one.count('10.0.0.1', 20)).toEqual({ start: 0, count: 5 });
    one.flush();
    expect(await two.count('10.0.0.1', 1000)).toEqual({ start: 1000, count: 1 });
    two.flush();
    expect(await one.count('10.0.0.1', 1001)).toEqual({ start: 1000, count: 2 });
  });

  it('writes the count at the end of the event-loop turn by itself', async () => {
    const dir = newDataDir();
    const one = new RateWindows(open(dir), 1000, undefined, key);
    const two = new RateWindows(open(dir), 1000, undefined, key);
    for (let time = 0; time < 5; time++) one.count('10.0.0.1', time);
    await new Promise((resolve) => setImmediate(resolve));
    two.count('10.0.0.1', 10);
    two.flush();
    expect((await two.count('10.0.0.1', 11)).count).toBe(7);
  });

  it('stores a keyed hash of the address, never the address', async () => {
    const db = open(newDataDir());
    const windows = new RateWindows(db, 1000, undefined, key);
    windows.count('203.0.113.9', 0);
    windows.flush();
    const rows = JSON.stringify(db.prepare('SELECT * FROM rate_windows').all());
    expect(rows).not.toContain('203.0.113.9');
    expect(rows).toMatch(/"client":"[A-Za-z0-9_-]{22}"/);
  });

  it('deleteExpired removes the windows that have ended', async () => {
    const db = open(newDataDir());
    const windows = new RateWindows(db, 1000);
    windows.count('old', 0);
    windows.count('old', 100);
    windows.count('new', 600);
    expect(windows.deleteExpired(999)).toBe(0);
    expect(windows.deleteExpired(1200)).toBe(1);
    expect(db.prepare('SELECT client FROM rate_windows').all()).toHaveLength(1);
    expect(await windows.count('new', 1300)).toEqual({ start: 600, count: 2 });
    expect(await windows.count('old', 1300)).toEqual({ start: 1300, count: 1 });
  });
});

describe('openStateDatabase', () => {
  it('creates the data dir and the file', async () => {
    const dir = path.join(newDataDir(), 'nested', 'data');
    open(dir);
    expect(fs.existsSync(path.join(dir, STATE_FILE_NAME))).toBe(true);
  });

  it('refuses a file that is not a database, naming it and saying what to do', async () => {
    const dir = newDataDir();
    const file = path.join(dir, STATE_FILE_NAME);
    fs.writeFileSync(file, Buffer.concat([Buffer.from('this is not a database\n'), randomBytes(8192)]));
    let thrown: unknown;
    try {
      open(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StateDatabaseError);
    const error = thrown as StateDatabaseError;
    expect(error.code).toBe('STATE_DATABASE_UNAVAILABLE');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/DATA_DIR/);
    expect(error.message).toMatch(/delete the file/);
    expect(error.cause).toBeDefined();
  });
});

describe('SharedState', () => {
  it('opens the stores together and keeps sessions and people across a restart', async () => {
    const dataDir = newDataDir();
    const personKey = randomBytes(32);
    const options = { dataDir, sessionTtlMs: 60_000, maxSessions: 100, rateWindowMs: 60_000, retentionDays: 30, personKey };
    const first = new SharedState(options);
    let id: string;
    let person: string;
    let platformSession: string;
    try {
      id = await first.sessions.create({ ...NEW_CONVERSATION, turns: 2 });
      person = first.people.personOf('line', 'ch', 'U1');
      platformSession = await first.people.startNext(person);
      expect(await first.deliveries.firstTime('event-1')).toBe(true);
      expect((await first.rateWindows.count('10.0.0.1', Date.now())).count).toBe(1);
    } finally {
      first.close();
    }

    const second = new SharedState(options);
    try {
      expect(await second.sessions.get(id)).toEqual({ ...NEW_CONVERSATION, turns: 2 });
      expect(second.people.personOf('line', 'ch', 'U1')).toBe(person);
      expect(await second.people.sessionsOf(person)).toEqual([platformSession]);
      expect(await second.deliveries.firstTime('event-1')).toBe(false);
    } finally {
      second.close();
    }
  });
});

describe('WriteBehind', () => {
  it('writes once per event-loop turn, and written() resolves after the commit', async () => {
    const db = open(newDataDir());
    const writes = new WriteBehind(db);
    let calls = 0;
    writes.register({ writePending: () => (calls++, undefined) });
    const done = Promise.all([writes.written(), writes.written(), writes.written()]);
    writes.schedule();
    await done;
    expect(calls).toBe(1);
    expect(writes.failingSince).toBeUndefined();
  });

  it('when writing fails: rejects the waiters, keeps one retry chain however often it is asked, and recovers', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const db = open(newDataDir());
      const errors: unknown[] = [];
      const writes = new WriteBehind(db, (error) => errors.push(error));
      let failing = true;
      let attempts = 0;
      writes.register({
        writePending: () => {
          attempts++;
          if (failing) throw new Error('SQLITE_FULL');
          return undefined;
        },
      });
      await expect(writes.written()).rejects.toThrow('SQLITE_FULL');
      expect(writes.failingSince).toBeDefined();
      // A reply does not wait out the backoff: while failing, written() answers at once.
      const attemptsSoFar = attempts;
      await expect(writes.written()).rejects.toThrow('SQLITE_FULL');
      expect(attempts).toBe(attemptsSoFar);
      // Many requests and direct flushes meanwhile start no second chain.
      for (let i = 0; i < 10; i++) {
        writes.schedule();
        expect(() => writes.flush()).toThrow('SQLITE_FULL');
      }
      const before = attempts;
      await jest.advanceTimersByTimeAsync(100 + 200 + 400 + 800); // four backed-off retries
      expect(attempts - before).toBe(4);
      failing = false;
      await jest.advanceTimersByTimeAsync(1600);
      expect(writes.failingSince).toBeUndefined();
      await expect(writes.written()).resolves.toBeUndefined();
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
