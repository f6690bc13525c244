import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import { createEngine, type EngineOptions } from '../core/engine';
import { createResponder } from '../core/reply';
import { createDialog } from '../conversation/dialog';
import { MemorySessionStore } from '../conversation/session-store';
import type { ConversationState } from '../conversation/state';
import { createBotkitHub } from '../hub/botkit-hub';
import type { ConversationHub } from '../hub/hub';
import type { TurnEvent } from '../hub/turn-event';
import { ConversationLog, LOG_FILE_NAME, sessionKey } from '../privacy/conversation-log';
import { createMasker } from '../privacy/mask';
import { createApp } from './app';
import { createLogger } from './logger';

export interface ServerOptions extends EngineOptions {
  readonly port?: number;
  readonly host?: string;
  /** Where the conversation log lives (DATA_DIR; default ./data). */
  readonly dataDir?: string;
  /** Where the JSON log lines go (default stdout). */
  readonly logDestination?: DestinationStream;
  /** Session lifetime since the last turn. */
  readonly sessionTtlMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly server: http.Server;
  readonly hub: ConversationHub;
  readonly conversationLog: ConversationLog;
  readonly logger: Logger;
  close(): Promise<void>;
}

export const DEFAULT_SESSION_TTL_MS = 30 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** Loads the engine, opens the conversation log, builds the hub and the app, and listens. Port 0 picks a free port. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const engine = await createEngine(options);
  const masker = createMasker(engine.data.personalData, engine.tokenizer);
  const logger = createLogger(masker, options.logDestination);
  const dataDir = path.resolve(options.dataDir ?? process.env.DATA_DIR ?? 'data');
  const conversationLog = new ConversationLog(path.join(dataDir, LOG_FILE_NAME), engine.config.conversationLog.retentionDays, { purgeEveryMs: HOUR_MS });
  const responder = createResponder(engine.data, engine.config);
  const sessions = new MemorySessionStore<ConversationState>({ ttlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, maxSessions: 100_000 });

  function recordTurn(event: TurnEvent): void {
    const { outcome } = event;
    const { reply } = outcome;
    if (reply.intentId === 'feedback.yes' || reply.intentId === 'feedback.no') {
      conversationLog.recordFeedback(event.session, reply.intentId === 'feedback.yes');
    } else {
      conversationLog.record({
        at: event.at,
        channel: event.channel,
        session: event.session,
        maskedText: event.maskedText,
        label: reply.label,
        intent: reply.intentId,
        route: outcome.route,
        score: outcome.classification?.score ?? 0,
        confidence: outcome.classification?.confidence ?? 0,
        personalData: event.personalData,
      });
    }
    logger.info(
      { event: 'turn', channel: event.channel, session: sessionKey(event.session), label: reply.label, intent: reply.intentId, route: outcome.route, personalData: event.personalData, ms: Math.round(event.elapsedMs * 10) / 10 },
      'turn',
    );
  }

  const hub = createBotkitHub({
    dialog: createDialog(engine, responder),
    sessions,
    masker,
    onTurn: recordTurn,
    onObserverError: (error) => logger.error({ event: 'log_failed', err: error }, 'could not record a turn'),
  });
  const app = createApp({ hub, conversationLog, sessions, logError: (error) => logger.error({ event: 'internal_error', err: error }, 'internal error') });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    server,
    hub,
    conversationLog,
    logger,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          conversationLog.close();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
