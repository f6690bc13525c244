import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The sessions of each LINE or Slack person, oldest first, in the shared state database, so
 * that any worker finds a person's current conversation, and 「この会話を削除して」 deletes the
 * earlier ones too. A person is held only as a keyed hash of (platform, scope, user id); the
 * key is the server's (see personKeyFor), never stored beside the hashes.
 */
export class PersonSessions {
  private readonly list: Database.Statement<[string], { session: string }>;
  private readonly add: Database.Statement<[string, string, number]>;
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
        id INTEGER PRIMARY KEY,
        person TEXT NOT NULL,
        session TEXT NOT NULL,
        started_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS person_sessions_person ON person_sessions (person, id);
      CREATE INDEX IF NOT EXISTS person_sessions_start ON person_sessions (started_at);
    `);
    this.list = db.prepare('SELECT session FROM person_sessions WHERE person = ? ORDER BY id');
    this.add = db.prepare('INSERT INTO person_sessions (person, session, started_at) VALUES (?, ?, ?)');
    this.trim = db.prepare('DELETE FROM person_sessions WHERE person = ? AND id NOT IN (SELECT id FROM person_sessions WHERE person = ? ORDER BY id DESC LIMIT ?)');
    this.removePerson = db.prepare('DELETE FROM person_sessions WHERE person = ?');
    this.purge = db.prepare('DELETE FROM person_sessions WHERE started_at < ?');
  }

  /** The person's key: JSON, not a joined string, so no user id or scope can pass for another pair. */
  personOf(platform: string, scope: string, userId: string): string {
    return createHmac('sha256', this.key).update(JSON.stringify([platform, scope, userId])).digest('base64url');
  }

  sessionsOf(person: string): string[] {
    return this.list.all(person).map((row) => row.session);
  }

  /** A new current session for the person; only the last ones are kept. */
  started(person: string, session: string): void {
    this.add.run(person, session, this.now());
    this.trim.run(person, person, this.maxPerPerson);
  }

  forget(person: string): void {
    this.removePerson.run(person);
  }

  deleteExpired(): number {
    return this.purge.run(this.now() - this.retentionDays * DAY_MS).changes;
  }
}
