import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../data/load-config';
import { CommandError } from '../errors';
import { personKeyFromEnvironment } from '../server/cluster';
import { ConversationLog, LOG_FILE_NAME, readConversationLog, type StoredTurn } from '../state/conversation-log';
import type { ConversationLogStore } from '../state/conversation-log-store';
import { openLiveState, type StoreSettings, storeSettingsFromEnvironment } from '../state/open-stores';
import { PostgresConversationLog } from '../state/postgres/postgres-conversation-log';
import { SqliteSessionStore } from '../state/sqlite-session-store';
import { openStateDatabase, STATE_FILE_NAME } from '../state/state-database';
import { buildReport } from '../report/build-report';
import { renderReportHtml } from '../report/render-html';
import { renderReportCsv, renderReportText } from '../report/render-text';

const DAY_MS = 24 * 60 * 60 * 1000;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function parseDay(value: string, name: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new CommandError(`${name} must be a date like 2026-11-01, got "${value}"`);
  return new Date(`${value}T00:00:00Z`);
}

function logFile(args: string[]): string {
  const dataDir = path.resolve(option(args, '--data-dir') ?? process.env.DATA_DIR ?? 'data');
  const file = path.join(dataDir, LOG_FILE_NAME);
  if (!fs.existsSync(file)) throw new CommandError(`no conversation log at ${file} (set --data-dir or DATA_DIR)`);
  return file;
}

/** The entries of the period: from PostgreSQL with DATABASE_URL, else from the log file (read-only either way). */
async function readTurns(args: string[], from: number, to: number): Promise<StoredTurn[]> {
  const { databaseUrl } = storeSettingsFromEnvironment();
  if (!databaseUrl) return readConversationLog(logFile(args), from, to);
  const log = await PostgresConversationLog.open({ url: databaseUrl, retentionDays: loadConfig().conversationLog.retentionDays });
  try {
    return await log.between(from, to);
  } finally {
    await log.close();
  }
}

/**
 * report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--days N] [--csv] [--html FILE] [--data-dir DIR]
 * The period is [from, to], in UTC days; by default the last 30 days.
 */
export async function runReport(args: string[]): Promise<number> {
  const to = option(args, '--to')
    ? new Date(parseDay(option(args, '--to')!, '--to').getTime() + DAY_MS)
    : new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS);
  const days = Number(option(args, '--days') ?? 30);
  const from = option(args, '--from') ? parseDay(option(args, '--from')!, '--from') : new Date(to.getTime() - days * DAY_MS);
  const report = buildReport(await readTurns(args, from.getTime(), to.getTime()), from, new Date(to.getTime() - DAY_MS));
  const html = option(args, '--html');
  if (html) {
    fs.writeFileSync(html, renderReportHtml(report));
    console.error(`wrote ${html}`);
  }
  if (args.includes('--csv')) process.stdout.write(renderReportCsv(report));
  else if (!html) console.log(renderReportText(report));
  return 0;
}

/**
 * forget <session-id> [--data-dir DIR]: deletes a conversation's entries, on the person's
 * request, from the log the server writes (PostgreSQL with DATABASE_URL, else the file), and
 * ends the conversation if it is still going on (in Redis with REDIS_URL, else the state file).
 */
export async function runForget(args: string[]): Promise<number> {
  const session = args.find((arg) => !arg.startsWith('--') && arg !== option(args, '--data-dir'));
  if (!session) {
    console.error('forget needs the session id of the conversation to delete');
    return 1;
  }
  const settings = storeSettingsFromEnvironment();
  const retentionDays = loadConfig().conversationLog.retentionDays;
  // A conversation still going on ends first, so no turn of it is logged after its entries go.
  const wasLive = await endLiveSession(session, settings, args);
  const log: ConversationLogStore = settings.databaseUrl
    ? await PostgresConversationLog.open({ url: settings.databaseUrl, retentionDays })
    : new ConversationLog(logFile(args), retentionDays);
  try {
    console.log(`deleted ${await log.forgetSession(session)} entries`);
  } finally {
    await log.close();
  }
  if (wasLive) console.log('the conversation was still going on: it is ended');
  return 0;
}

async function endLiveSession(session: string, settings: StoreSettings, args: string[]): Promise<boolean> {
  if (settings.redisUrl) {
    const key = personKeyFromEnvironment();
    if (!key) throw new CommandError("REDIS_URL is set: set KENPO_FAQ_PERSON_KEY to the servers' key to end a live conversation");
    const state = await openLiveState({
      settings,
      dataDir: '',
      sessionTtlMs: 0,
      maxSessions: 1,
      rateWindowMs: 1,
      retentionDays: 1,
      personKey: key,
    });
    try {
      const live = (await state.sessions.get(session)) !== undefined;
      await state.sessions.delete(session);
      return live;
    } finally {
      await state.close();
    }
  }
  const dataDir = path.resolve(option(args, '--data-dir') ?? process.env.DATA_DIR ?? 'data');
  if (!fs.existsSync(path.join(dataDir, STATE_FILE_NAME))) return false;
  const db = openStateDatabase(dataDir);
  try {
    const sessions = new SqliteSessionStore(db, { ttlMs: 0, maxSessions: 1 });
    const live = (await sessions.get(session)) !== undefined;
    await sessions.delete(session);
    return live;
  } finally {
    db.close();
  }
}
