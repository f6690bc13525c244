import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import type { DestinationStream, Logger } from 'pino';
import { createEngine, type Engine, type EngineOptions } from '../core/engine';
import { createResponder } from '../core/reply';
import { createRubyReader, rememberingRuby } from '../core/ruby';
import { createDialog } from '../conversation/dialog';
import type { TurnServices } from '../conversation/turn';
import { loadConfig } from '../data/load-config';
import type { BotConfig } from '../data/schemas';
import { createBotkitHub } from '../hub/botkit-hub';
import type { ConversationHub } from '../hub/hub';
import { sessionKey } from '../state/conversation-log-store';
import type { LiveState } from '../state/live-state';
import { openConversationLog, openLiveState, type StoreSettings } from '../state/open-stores';
import type { PlatformChannel } from '../channels/channel';
import { createMasker, type Masker } from '../privacy/mask';
import { SharedState } from '../state/shared-state';
import type { ReadyBot } from '../hub/loaded-bot';
import { createApp } from './app';
import { clusterExposition } from './cluster-metrics';
import { createLogger } from './logger';
import { createServerMetrics, localExposition, type ServerMetrics } from './metrics';
import { warmUpTexts, warmUpThrough, warmUpWanted, type WarmUpOptions } from './warm-up';

export interface ServerOptions extends EngineOptions {
  readonly port?: number;
  readonly host?: string;
  /** Where the conversation log lives (DATA_DIR; default ./data). */
  readonly dataDir?: string;
  /** Where the JSON log lines go (default stdout). */
  readonly logDestination?: DestinationStream;
  /** Session lifetime since the last turn. */
  readonly sessionTtlMs?: number;
  /** The key LINE and Slack people are hashed with; every worker of one server gets the same (with Redis, every machine). */
  readonly personKey?: Buffer;
  /** Redis for the live state, PostgreSQL for the conversation log (default: SQLite files in dataDir for both). */
  readonly stores?: StoreSettings;
  /** How the engine is loaded (default createEngine); tests delay it to watch the starting state. */
  readonly loadEngine?: (options: EngineOptions) => Promise<Engine>;
  /** How long the server warms up before it says ready (see warm-up.ts); `{ requests: 0 }` skips it. */
  readonly warmUp?: WarmUpOptions;
  /** The platform channels (LINE, Slack): their routes are mounted, their work drained at shutdown. */
  readonly channels?: (bot: () => ReadyBot | undefined, logger: Logger, shuttingDown: () => boolean) => PlatformChannel[];
  /** METRICS_TOKEN (metrics-token.ts): GET /metrics answers its bearer; without it /metrics is not served. */
  readonly metricsToken?: string;
  /** This server is a worker of several (cluster.ts): /metrics answers for all of them, through the primary. */
  readonly clusterMetrics?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly server: http.Server;
  readonly logger: Logger;
  /** Resolves once the engine is loaded and the API answers; rejects when loading fails. */
  readonly ready: Promise<ReadyBot>;
  /** The loaded bot (undefined until ready). */
  bot(): ReadyBot | undefined;
  /** Graceful: readiness turns 503, in-flight requests finish, connections close, the log closes. */
  close(): Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;
// Texts the masker found nothing personal in, remembered: the questions that recur in a spike.
const REMEMBERED_CLEAN_TEXTS = 2000;

interface BotParts {
  readonly dataDir: string;
  readonly stores: StoreSettings;
  readonly state: LiveState;
  readonly config: BotConfig;
  readonly logger: Logger;
  readonly masker: Masker;
  readonly engine: Engine;
  /** The server's own counters; the warm-up's and tests' apps on scratch stores count nothing. */
  readonly metrics?: ServerMetrics;
}

/** The parts that need the loaded engine: the conversation log, the responder and the hub. */
async function assembleBot({ dataDir, stores, state, config, logger, masker, engine, metrics }: BotParts): Promise<ReadyBot> {
  const conversationLog = await openConversationLog({
    settings: stores,
    dataDir,
    retentionDays: config.conversationLog.retentionDays,
    purgeEveryMs: HOUR_MS,
    onError: (error) => {
      metrics?.countStoreError('conversation_log');
      logger.error({ event: 'log_failed', err: error }, 'could not write to the conversation log; entries are kept in memory and retried');
    },
  });
  const responder = createResponder(engine.data, config);
  const hub: ConversationHub = createBotkitHub({
    dialog: createDialog(engine, responder),
    ...serverTurnServices({ state, conversationLog, masker, logger, metrics }),
  });
  const ruby = rememberingRuby(createRubyReader(engine.tokenizer, engine.data.readings));
  return { hub, conversationLog, sessions: state.sessions, state, engine, responder, masker, logger, ruby };
}

/**
 * What a turn on the server uses besides its responder: the shared session store, the masker,
 * the conversation log, a log line per turn (and its count in the metrics, when given), and the
 * wait until the turn's writes are stored. `npm run bench` builds its turns from the same.
 */
export function serverTurnServices({
  state,
  conversationLog,
  masker,
  logger,
  metrics,
}: Pick<ReadyBot, 'state' | 'conversationLog' | 'masker' | 'logger'> & {
  readonly metrics?: Pick<ServerMetrics, 'countTurn' | 'countStoreError'> | undefined;
}): Omit<TurnServices, 'respond'> {
  return {
    sessions: state.sessions,
    masker,
    log: {
      record: (turn) => conversationLog.record(turn),
      recordFeedback: (session, solved) => conversationLog.recordFeedback(session, solved),
      forgetSession: async (session) => {
        const deleted = await conversationLog.forgetSession(session);
        logger.info({ event: 'conversation_forgotten', entries: deleted }, 'a conversation was deleted at the person’s request');
        return deleted;
      },
    },
    onLogged: (turn, outcome, elapsedMs) => {
      metrics?.countTurn(turn.channel, outcome, elapsedMs);
      // The line's fields (a hash among them) are built only when it will be written.
      if (logger.isLevelEnabled('info')) {
        logger.info(
          {
            event: 'turn',
            channel: turn.channel,
            session: sessionKey(turn.session),
            label: outcome.reply.label,
            intent: outcome.reply.intentId,
            route: outcome.route,
            personalData: turn.personalData,
            ms: Math.round(elapsedMs * 10) / 10,
          },
          'turn',
        );
      }
    },
    onRecordError: (error) => {
      metrics?.countStoreError('conversation_log');
      logger.error({ event: 'log_failed', err: error }, 'could not record a turn');
    },
    // Each store reports its own failed writes as it retries them; a turn has nothing to add.
    persisted: () =>
      Promise.all([state.written(), conversationLog.written()]).then(
        () => undefined,
        () => undefined,
      ),
  };
}

export interface AppOnStores {
  readonly app: express.Express;
  readonly bot: ReadyBot;
  /** Closes the stores (the caller's folder stays). */
  close(): Promise<void>;
}

/**
 * The chat app over a bot of its own, on stores in `dataDir`, not listening: the same app the
 * server serves, for the warm-up and for tests that call it in-process.
 */
export async function appOnStores(
  parts: Omit<BotParts, 'state' | 'stores'> & { readonly rateLimit?: BotConfig['server']['rateLimit'] },
): Promise<AppOnStores> {
  const { config, dataDir } = parts;
  const state = new SharedState({
    dataDir,
    sessionTtlMs: config.server.sessionMinutes * 60_000,
    maxSessions: config.server.maxSessions,
    rateWindowMs: config.server.rateLimit.windowSeconds * 1000,
    retentionDays: config.conversationLog.retentionDays,
  });
  let bot: ReadyBot;
  try {
    bot = await assembleBot({ ...parts, stores: {}, state });
  } catch (error) {
    state.closeNow();
    throw error;
  }
  const app = createApp({
    lifecycle: { bot: () => bot, shuttingDown: () => false },
    server: { ...config.server, rateLimit: parts.rateLimit ?? config.server.rateLimit },
    logError: (error) => parts.logger.error({ event: 'internal_error', err: error }, 'internal error'),
    rateWindows: state.rateWindows,
  });
  return {
    app,
    bot,
    close: async () => {
      try {
        await bot.conversationLog.close();
      } finally {
        await state.close();
      }
    },
  };
}

/**
 * Warms the server's request path (see warm-up.ts) through an app of the same making on scratch
 * stores in a folder of its own, deleted afterwards; its turns log nothing below a warning.
 */
async function warmUp(parts: Omit<BotParts, 'dataDir' | 'state' | 'stores'>, options: WarmUpOptions | undefined): Promise<number> {
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-warm-up-'));
  const logger = parts.logger.child({ warmUp: true }, { level: 'warn' });
  // Every warm-up request comes from one address: no limit applies to them.
  const rateLimit = {
    ...parts.config.server.rateLimit,
    maxRequests: Number.MAX_SAFE_INTEGER,
    perSessionMaxRequests: Number.MAX_SAFE_INTEGER,
  };
  try {
    const scratch = await appOnStores({ ...parts, dataDir: scratchDir, logger, rateLimit });
    try {
      return await warmUpThrough(scratch.app, warmUpTexts(parts.engine.data), options);
    } finally {
      await scratch.close();
    }
  } finally {
    fs.rmSync(scratchDir, { recursive: true, force: true });
  }
}

/**
 * Listens at once (so /healthz answers and /readyz says "starting"), then loads the engine,
 * opens the conversation log and builds the hub. Port 0 picks a free port.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfig();
  let bot: ReadyBot | undefined;
  let shuttingDown = false;
  // The logger's masker comes from the data files the engine loads: until then, log lines
  // carry nothing a person typed, so a pass-through masker is safe for those.
  const engineLoading = (options.loadEngine ?? createEngine)({ ...options, config });
  const bootMasker: Masker = { mask: (text) => ({ text, found: [], spans: [] }) };
  let activeMasker: Masker = bootMasker;
  const logger = createLogger({ mask: (text) => activeMasker.mask(text) }, options.logDestination);

  const dataDir = path.resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data');
  const stores = options.stores ?? {};
  const metrics = createServerMetrics();
  // Redis down at start: one line naming it, and no server (the caller exits 1).
  const state = await openLiveState({
    settings: stores,
    dataDir,
    sessionTtlMs: options.sessionTtlMs ?? config.server.sessionMinutes * 60_000,
    maxSessions: config.server.maxSessions,
    rateWindowMs: config.server.rateLimit.windowSeconds * 1000,
    retentionDays: config.conversationLog.retentionDays,
    ...(options.personKey ? { personKey: options.personKey } : {}),
    onError: (error) => {
      metrics.countStoreError('shared_state');
      logger.error(
        { event: 'state_write_failed', store: stores.redisUrl ? 'redis' : 'sqlite', err: error },
        'could not write the live state; it is retried, and chats are refused while it fails',
      );
    },
  });
  const lifecycle = { bot: () => bot, shuttingDown: () => shuttingDown };
  const channels =
    options.channels?.(
      () => bot,
      logger,
      () => shuttingDown,
    ) ?? [];
  const app = createApp({
    lifecycle,
    server: config.server,
    logError: (error) => logger.error({ event: 'internal_error', err: error }, 'internal error'),
    rateWindows: state.rateWindows,
    routers: channels.flatMap((channel) => channel.routers),
    metrics: {
      counters: metrics,
      token: options.metricsToken,
      exposition: options.clusterMetrics ? clusterExposition(metrics.registry) : localExposition(metrics.registry),
      onUnavailable: (error) => logger.warn({ event: 'metrics_unavailable', err: error }, 'could not gather the workers’ metrics'),
    },
  });
  const server = http.createServer(
    {
      requestTimeout: config.server.requestTimeoutSeconds * 1000,
      headersTimeout: Math.min(5000, config.server.requestTimeoutSeconds * 1000),
      // Node checks the two timeouts above only this often (30 s by default): check every second,
      // so a client that sends a request slowly is cut off within a second of its limit.
      connectionsCheckingInterval: 1000,
    },
    app,
  );
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  }).catch(async (error: unknown) => {
    await state.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';

  const ready = engineLoading.then(async (engine) => {
    const masker = createMasker(engine.data.personalData, engine.tokenizer, { rememberClean: REMEMBERED_CLEAN_TEXTS });
    // Log lines carry no message text; their safety net needs the patterns, not name
    // detection, which would tokenize every short field of every line.
    activeMasker = createMasker(engine.data.personalData);
    const assembled = await assembleBot({ dataDir, stores, state, config, logger, masker, engine, metrics });
    // Until this resolves /readyz says "starting", so a load balancer sends no one here cold.
    if (warmUpWanted(options.warmUp)) {
      const warmStarted = Date.now();
      const answered = await warmUp({ config, logger, masker, engine }, options.warmUp);
      logger.info(
        { event: 'warmed_up', requests: answered, ms: Date.now() - warmStarted },
        'answered example phrasings before saying ready',
      );
    }
    bot = assembled;
    return bot;
  });
  // A failed load is the caller's to report (main exits with one line); never unhandled here.
  ready.catch(() => undefined);

  let closing: Promise<void> | undefined;
  async function close(): Promise<void> {
    closing ??= (async () => {
      shuttingDown = true;
      const graceMs = config.server.shutdownGraceSeconds * 1000;
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        // Idle keep-alive connections close now; busy ones after their response.
        server.closeIdleConnections();
      });
      // Replies LINE and Slack were promised before the doors closed; then the log they write to.
      await Promise.all(channels.map((channel) => channel.drain(graceMs)));
      try {
        await bot?.conversationLog.close();
      } finally {
        await state.close();
      }
    })();
    return closing;
  }

  return { url: `http://${host}:${port}`, server, logger, ready, bot: () => bot, close };
}
