import type { PeopleStore } from './live-state';
import { personOf, personSessionId } from './person-keys';
import type Database from 'better-sqlite3';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The sessions of each LINE or Slack person, in the shared state database, so that any worker
 * finds a person's current conversation, and 「この会話を削除して」 deletes the earlier ones too.
 *
 * Nothing here can be tied to a person or used as a session without the server's key, which
 * is never written to disk: a person is stored as a keyed hash of (platform, scope, user id),
 * and their sessions only by number. A session's id is derived from the key, the person and
 * its number, so the file holds no session id either.
 */
export class PersonSessions implements PeopleStore {
  private readonly numbers: Database.Statement<[string], { n: number }>;
  private readonly add: Database.Statement<[{ person: string; now: number }], { n: number }>;
  private readonly trim: Database.Statement<[string, string, number]>;
  private readonly removePerson: Database.Statement<[string]>;
  private readonly purge: Database.Statement<[number]>;

  constructor(
    db: Database.Database,
    private readonly key: Buffer,
    /** Sessions older than this are forgotten (the conversation log deletes theirs by then too). */
    private readonly retentionDays: number,
    private readonly maxPerPerson = 200,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS person_sessions (
        person TEXT NOT NULL,
        n INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        PRIMARY KEY (person, n)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS person_sessions_start ON person_sessions (started_at);
    `);
    this.numbers = db.prepare('SELECT n FROM person_sessions WHERE person = ? ORDER BY n');
    // The next number is taken in the insert itself, so two workers cannot take the same one.
    this.add = db.prepare(
      'INSERT INTO person_sessions (person, n, started_at) SELECT @person, coalesce(max(n), 0) + 1, @now FROM person_sessions WHERE person = @person RETURNING n',
    );
    this.trim = db.prepare(
      'DELETE FROM person_sessions WHERE person = ? AND n NOT IN (SELECT n FROM person_sessions WHERE person = ? ORDER BY n DESC LIMIT ?)',
    );
    this.removePerson = db.prepare('DELETE FROM person_sessions WHERE person = ?');
    this.purge = db.prepare('DELETE FROM person_sessions WHERE started_at < ?');
  }

  personOf(platform: string, scope: string, userId: string): string {
    return personOf(this.key, platform, scope, userId);
  }

  /** The person's sessions, oldest first. */
  async sessionsOf(person: string): Promise<string[]> {
    return this.numbers.all(person).map(({ n }) => this.sessionId(person, n));
  }

  /** A new current session for the person; only the last ones are kept. Returns its id. */
  async startNext(person: string): Promise<string> {
    const { n } = this.add.get({ person, now: this.now() })!;
    this.trim.run(person, person, this.maxPerPerson);
    return this.sessionId(person, n);
  }

  async forget(person: string): Promise<void> {
    this.removePerson.run(person);
  }

  deleteExpired(): number {
    return this.purge.run(this.now() - this.retentionDays * DAY_MS).changes;
  }

  private sessionId(person: string, n: number): string {
    return personSessionId(this.key, person, n);
  }
}
