import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../data/load-config';
import { CommandError } from '../errors';
import { ConversationLog, LOG_FILE_NAME, readConversationLog } from '../state/conversation-log';
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
  const report = buildReport(readConversationLog(logFile(args), from.getTime(), to.getTime()), from, new Date(to.getTime() - DAY_MS));
  const html = option(args, '--html');
  if (html) {
    fs.writeFileSync(html, renderReportHtml(report));
    console.error(`wrote ${html}`);
  }
  if (args.includes('--csv')) process.stdout.write(renderReportCsv(report));
  else if (!html) console.log(renderReportText(report));
  return 0;
}

/** forget <session-id> [--data-dir DIR]: deletes a conversation's entries, on the person's request. */
export async function runForget(args: string[]): Promise<number> {
  const session = args.find((arg) => !arg.startsWith('--') && arg !== option(args, '--data-dir'));
  if (!session) {
    console.error('forget needs the session id of the conversation to delete');
    return 1;
  }
  const file = logFile(args);
  const log = new ConversationLog(file, loadConfig().conversationLog.retentionDays);
  try {
    console.log(`deleted ${log.forgetSession(session)} entries`);
  } finally {
    log.close();
  }
  // A conversation still going on ends too, so nothing more of it is logged.
  const dataDir = path.dirname(file);
  if (fs.existsSync(path.join(dataDir, STATE_FILE_NAME))) {
    const db = openStateDatabase(dataDir);
    try {
      const sessions = new SqliteSessionStore(db, { ttlMs: 0, maxSessions: 1 });
      const live = sessions.get(session) !== undefined;
      sessions.delete(session);
      if (live) console.log('the conversation was still going on: it is ended');
    } finally {
      db.close();
    }
  }
  return 0;
}
