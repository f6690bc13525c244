import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BotError, describe } from '../errors';

/**
 * The state the server's processes share, in one embedded SQLite file under the data
 * directory: live conversations, LINE and Slack people's sessions, the deliveries already
 * answered, and the rate-limit windows. With several workers (WORKERS=2), each worker opens the
 * same file, so a conversation goes on whichever worker gets the next request, and a restart
 * drops no one. Nothing in it is personal: no message text, sessions by random id, people by a
 * keyed hash. It is kept apart from the conversation log, whose retention and deletion rules
 * are its own.
 */
export const STATE_FILE_NAME = 'state.sqlite';

// How long a write waits for another worker's write lock, with this worker's event loop stopped
// meanwhile. Writes here take microseconds and purges go in small batches; longer than this
// means something else holds the file, and the write is retried later instead.
const BUSY_TIMEOUT_MS = 100;
// At start-up the workers open the file and create its tables all at once, and no one is
// waiting for an answer yet.
const STARTUP_BUSY_TIMEOUT_MS = 10_000;

/** Once the stores have created their tables: writes wait for a lock no longer than a turn can. */
export function useRunningBusyTimeout(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

export class StateDatabaseError extends BotError {
  readonly code = 'STATE_DATABASE_UNAVAILABLE';
  constructor(file: string, cause: unknown) {
    super(
      `the shared state database ${file} cannot be opened: ${describe(cause)}. Check that DATA_DIR is writable, or delete the file (it holds only live conversations) and start again.`,
      { cause },
    );
    this.name = 'StateDatabaseError';
  }
}

export function openStateDatabase(dataDir: string): Database.Database {
  const file = path.join(dataDir, STATE_FILE_NAME);
  let db: Database.Database | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    db = new Database(file, { timeout: STARTUP_BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    // Live state, not a record, and rewritten every moment under load: it is never synced to
    // disk (an fsync at every checkpoint tripled what a turn costs). A crashed process loses
    // nothing; only a power cut or an OS crash can damage the file, which the check below then
    // reports at start-up, and deleting it loses no more than the conversations in progress.
    db.pragma('synchronous = OFF');
    // The pages of the live sessions stay in memory (SQLite's default is 2 MB).
    db.pragma('cache_size = -16384');
    // Deleted rows are overwritten where that costs no extra write (FAST): nothing here is text,
    // but an ended conversation should leave as little as it can.
    db.pragma('secure_delete = FAST');
    // Reading it back proves the file is a database (a corrupt one fails here, not mid-chat);
    // some damage is reported as rows rather than thrown.
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`its integrity check says: ${String(check)}`);
    return db;
  } catch (error) {
    db?.close();
    throw new StateDatabaseError(file, error);
  }
}
