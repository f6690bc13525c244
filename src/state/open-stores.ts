import path from 'node:path';
import { DataFileError } from '../errors';
import { ConversationLog, LOG_FILE_NAME } from './conversation-log';
import type { ConversationLogStore } from './conversation-log-store';
import type { LiveState } from './live-state';
import { PostgresConversationLog } from './postgres/postgres-conversation-log';
import { RedisLiveState } from './redis/redis-live-state';
import { SharedState } from './shared-state';

/**
 * Where the server keeps what it shares, chosen by configuration as Rasa chooses its tracker
 * and lock stores: embedded SQLite files in DATA_DIR by default (one machine, any number of
 * workers); Redis for the live state with `REDIS_URL`, PostgreSQL for the conversation log with
 * `DATABASE_URL` (several machines behind a load balancer). Each can be set without the other.
 */
export interface StoreSettings {
  readonly redisUrl?: string;
  readonly databaseUrl?: string;
}

export function storeSettingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const setting = (name: string, schemes: readonly string[]): string | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    if (!schemes.some((scheme) => value.startsWith(`${scheme}://`)))
      throw new DataFileError(name, [`expected a URL starting with ${schemes.map((scheme) => `${scheme}://`).join(' or ')}`]);
    return value;
  };
  const redisUrl = setting('REDIS_URL', ['redis', 'rediss']);
  const databaseUrl = setting('DATABASE_URL', ['postgres', 'postgresql']);
  return { ...(redisUrl ? { redisUrl } : {}), ...(databaseUrl ? { databaseUrl } : {}) };
}

export interface LiveStateOptions {
  readonly settings: StoreSettings;
  readonly dataDir: string;
  readonly sessionTtlMs: number;
  readonly maxSessions: number;
  readonly rateWindowMs: number;
  readonly retentionDays: number;
  /** The key people, sessions and addresses are hashed with; with Redis, every machine's must be the same. */
  readonly personKey?: Buffer;
  readonly onError?: (error: unknown) => void;
}

export async function openLiveState(options: LiveStateOptions): Promise<LiveState> {
  const { settings, personKey } = options;
  if (!settings.redisUrl) return new SharedState(options);
  if (!personKey)
    throw new DataFileError('KENPO_FAQ_PERSON_KEY', [
      'REDIS_URL is set, so every server must hash sessions and people with the same key: set KENPO_FAQ_PERSON_KEY to the same random value on each (e.g. `openssl rand -base64 32`)',
    ]);
  return RedisLiveState.open({
    url: settings.redisUrl,
    key: personKey,
    sessionTtlMs: options.sessionTtlMs,
    rateWindowMs: options.rateWindowMs,
    retentionDays: options.retentionDays,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

export interface ConversationLogOpenOptions {
  readonly settings: StoreSettings;
  readonly dataDir: string;
  readonly retentionDays: number;
  readonly purgeEveryMs?: number;
  readonly onError?: (error: unknown) => void;
}

export async function openConversationLog(options: ConversationLogOpenOptions): Promise<ConversationLogStore> {
  const background = {
    ...(options.purgeEveryMs ? { purgeEveryMs: options.purgeEveryMs } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  };
  if (options.settings.databaseUrl)
    return PostgresConversationLog.open({
      url: options.settings.databaseUrl,
      retentionDays: options.retentionDays,
      migrate: true,
      ...background,
    });
  return new ConversationLog(path.join(options.dataDir, LOG_FILE_NAME), options.retentionDays, background);
}
