import path from 'node:path';
import express from 'express';
import type { SessionStore } from '../conversation/session-store';
import type { ConversationState } from '../conversation/state';
import type { ConversationHub } from '../hub/hub';
import type { ConversationLog } from '../privacy/conversation-log';
import { PROJECT_ROOT } from '../paths';
import { chatRouter } from './chat-route';
import { errorHandler, notFound } from './http-errors';

export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');

export interface AppDependencies {
  readonly hub: ConversationHub;
  readonly conversationLog: ConversationLog;
  readonly sessions: SessionStore<ConversationState>;
  /** Where unexpected errors go (never to the client). */
  readonly logError: (error: unknown) => void;
}

/** The HTTP app: the chat API, the widget and the demo page. Transport only. */
export function createApp({ hub, conversationLog, sessions, logError }: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(chatRouter(hub, { forget: (session) => { sessions.delete(session); return conversationLog.forgetSession(session); } }));
  app.use(express.static(PUBLIC_DIR, { index: 'index.html', dotfiles: 'ignore', redirect: false }));
  app.use(notFound);
  app.use(errorHandler(logError));
  return app;
}
