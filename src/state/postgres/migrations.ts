import type { ClientBase } from 'pg';

/**
 * The conversation log's schema in PostgreSQL, as numbered migrations. Each runs once, in its
 * own transaction, recorded in kenpo_faq_migrations; servers starting at the same moment take
 * turns on an advisory lock, so none runs a migration another has just run. A migration, once
 * released, is never edited: a change is a new one at the end.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE turns (
     id bigserial PRIMARY KEY,
     at bigint NOT NULL,
     day text NOT NULL,
     channel text NOT NULL,
     session text NOT NULL,
     text text NOT NULL,
     label text NOT NULL,
     intent text NOT NULL,
     route text NOT NULL,
     score double precision NOT NULL,
     confidence double precision NOT NULL,
     personal_data text NOT NULL DEFAULT '',
     feedback text CHECK (feedback IN ('yes', 'no'))
   );
   CREATE INDEX turns_at ON turns (at);
   CREATE INDEX turns_session ON turns (session);`,
  // Each row carries the id it was recorded with: a batch retried after a lost reply is stored
  // once. A forgotten session is remembered (as its hash) for the retention period, so a row of
  // it still waiting on another machine is never written after the deletion.
  `ALTER TABLE turns ADD COLUMN uid uuid;
   CREATE UNIQUE INDEX turns_uid ON turns (uid);
   CREATE TABLE forgotten_sessions (session text PRIMARY KEY, at bigint NOT NULL);
   CREATE INDEX forgotten_sessions_at ON forgotten_sessions (at);`,
];

// Any fixed number: the lock is held only while migrating.
const MIGRATION_LOCK = 72_914_003;

/** Brings the schema up to date; resolves to how many migrations this call applied. */
export async function migrate(client: ClientBase): Promise<number> {
  // Waiting for another server's migration, or running a long one, is not a stuck statement.
  await client.query('SET statement_timeout = 0');
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS kenpo_faq_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM kenpo_faq_migrations');
    const current = rows[0]?.version ?? 0;
    let applied = 0;
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[version - 1]!);
        await client.query('INSERT INTO kenpo_faq_migrations (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied++;
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
