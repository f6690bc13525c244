import type { Logger } from 'pino';
import type { SessionStore } from '../conversation/session-store';
import type { ConversationState } from '../conversation/state';
import type { Engine } from '../core/engine';
import type { Responder } from '../core/reply';
import type { RubyReader } from '../core/ruby';
import type { Masker } from '../privacy/mask';
import type { ConversationLogStore } from '../state/conversation-log-store';
import type { LiveState } from '../state/live-state';
import type { ConversationHub } from './hub';

/*
 * What a server holds once the engine is loaded: the web chat route and the platform channels
 * are handed this (undefined while loading), the server builds it (src/server/start.ts).
 */

/** What the app serves once the engine is loaded; until then the API answers 503. */
export interface LoadedBot {
  /** ふりがな for the texts the web chat sends (core/ruby.ts). */
  readonly ruby: RubyReader;
  readonly hub: ConversationHub;
  readonly conversationLog: ConversationLogStore;
  readonly sessions: SessionStore<ConversationState>;
  /** The state all workers (and machines) share: sessions, LINE and Slack people, deliveries, rate windows. */
  readonly state: LiveState;
}

/** Everything a channel needs once the engine is loaded. */
export interface ReadyBot extends LoadedBot {
  readonly engine: Engine;
  readonly responder: Responder;
  readonly masker: Masker;
  readonly logger: Logger;
}
