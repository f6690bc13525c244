import type { AddressInfo } from 'node:net';
import http from 'node:http';
import { createEngine, type EngineOptions } from '../core/engine';
import { createResponder } from '../core/reply';
import { createDialog } from '../conversation/dialog';
import { MemorySessionStore } from '../conversation/session-store';
import type { ConversationState } from '../conversation/state';
import { createBotkitHub } from '../hub/botkit-hub';
import type { ConversationHub } from '../hub/hub';
import { createApp } from './app';

export interface ServerOptions extends EngineOptions {
  readonly port?: number;
  readonly host?: string;
  readonly logError?: (error: unknown) => void;
  /** Session lifetime since the last turn. */
  readonly sessionTtlMs?: number;
}

export interface RunningServer {
  readonly url: string;
  readonly server: http.Server;
  readonly hub: ConversationHub;
  close(): Promise<void>;
}

export const DEFAULT_SESSION_TTL_MS = 30 * 60 * 1000;

/** Loads the engine, builds the hub and the app, and listens. Port 0 picks a free port. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const engine = await createEngine(options);
  const responder = createResponder(engine.data, engine.config);
  const sessions = new MemorySessionStore<ConversationState>({ ttlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS, maxSessions: 100_000 });
  const hub = createBotkitHub({ dialog: createDialog(engine, responder), sessions });
  const logError = options.logError ?? ((error: unknown) => console.error('internal error:', error instanceof Error ? error.message : error));
  const app = createApp({ hub, logError });
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
