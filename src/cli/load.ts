import { createEngine, type Engine } from '../core/engine';
import { createResponder, type Responder } from '../core/reply';
import { createDialog } from '../conversation/dialog';
import { MemorySessionStore } from '../conversation/session-store';
import type { ConversationState } from '../conversation/state';
import type { ConversationHub, TurnOutcome } from '../hub/hub';
import { createBotkitHub } from '../hub/botkit-hub';
import { createMasker } from '../privacy/mask';

/**
 * The staff tools' bot: the same hub and turn as the server's channels (mask → session →
 * respond → effects → store), with conversations kept in memory and nothing logged, so what
 * staff see in the REPL is what a person on the website gets.
 */
export interface StaffBot {
  readonly engine: Engine;
  readonly responder: Responder;
  readonly hub: ConversationHub;
  readonly sessions: MemorySessionStore<ConversationState>;
}

const STAFF_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
const STAFF_SESSIONS = 10_000;

export async function loadStaffBot(): Promise<StaffBot> {
  const engine = await createEngine();
  const responder = createResponder(engine.data, engine.config);
  const sessions = new MemorySessionStore<ConversationState>({ ttlMs: STAFF_SESSION_TTL_MS, maxSessions: STAFF_SESSIONS });
  const hub = createBotkitHub({
    dialog: createDialog(engine, responder),
    sessions,
    masker: createMasker(engine.data.personalData, engine.tokenizer),
  });
  return { engine, responder, hub, sessions };
}

/** One message in a new conversation, as `POST /api/chat` without a session answers it. */
export async function askOnce(bot: StaffBot, text: string): Promise<TurnOutcome> {
  return bot.hub.handle({ channel: 'cli', session: await bot.hub.startSession(), text });
}

/** The engine alone, for the commands that classify and score (classify, eval, masking, crossvalidate). */
export async function loadEngine(): Promise<Engine> {
  return createEngine();
}
