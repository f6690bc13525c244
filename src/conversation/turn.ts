import { withoutControlCharacters } from '../core/normalize';
import type { Classification } from '../core/engine';
import type { Reply } from '../core/reply';
import type { PersonalDataKind } from '../data/schemas';
import { describe } from '../errors';
import type { Masker } from '../privacy/mask';
import type { Dialog, TurnEffect, TurnInput, TurnResult, TurnRoute } from './dialog';
import type { SessionStore } from './session-store';
import { type ConversationState, NEW_CONVERSATION } from './state';

/**
 * One turn of a conversation, the only way a turn runs, on every channel and in the staff
 * tools: mask → session → respond → effects → store → log. Read from top to bottom in
 * `runTurn` below; what the turn causes besides its reply (a deletion, feedback) is a field of
 * its outcome, `effect`, not a special reply id.
 */

/** One turn as the conversation log stores it (state/conversation-log.ts). */
export interface LoggedTurn {
  readonly at: Date;
  readonly channel: string;
  /** The session id as the channel knows it; stored only as a hash. */
  readonly session: string;
  /** Already masked. */
  readonly maskedText: string;
  readonly label: string;
  readonly intent: string;
  readonly route: string;
  readonly score: number;
  readonly confidence: number;
  readonly personalData: readonly string[];
}

export type ChannelName = 'web' | 'line' | 'slack' | 'cli';

export interface IncomingTurn {
  readonly channel: ChannelName;
  /** The conversation's session id (random; never a platform's user id). */
  readonly session: string;
  readonly text?: string;
  /** A pressed quick reply (see core/payloads.ts). */
  readonly payload?: string;
  /**
   * The same person's earlier sessions on this channel (expired after a pause): when they
   * confirm deleting the conversation, these are deleted with it, all before the reply.
   */
  readonly earlierSessions?: readonly string[];
}

export interface TurnOutcome {
  readonly reply: Reply;
  readonly route: TurnRoute;
  readonly classification?: Classification;
  /** What the turn caused besides its reply; the conversation is already deleted when it says `forget`. */
  readonly effect?: TurnEffect;
}

/** Where turns are recorded (the conversation log); the staff tools keep none. */
export interface TurnLog {
  /** Queues the turn; never throws. */
  record(turn: LoggedTurn): void;
  recordFeedback(session: string, solved: boolean): Promise<boolean>;
  /** Deletes a session's entries; resolves to how many. Rejects when it cannot. */
  forgetSession(session: string): Promise<number>;
}

/** How the reply is worked out: the dialog directly, or through the hub's machinery (botkit). */
export type Responder = (state: ConversationState, input: TurnInput, turn: IncomingTurn, masked: MaskedText) => Promise<TurnResult>;

export interface MaskedText {
  /** The message with personal data masked; for a pressed button, its payload. */
  readonly text: string;
  readonly personalData: readonly PersonalDataKind[];
}

export interface TurnServices {
  readonly sessions: SessionStore<ConversationState>;
  /** Every text passes it before anything else sees it. */
  readonly masker: Masker;
  /** Works out the reply (see Responder); `respondWith(dialog)` for the dialog itself. */
  readonly respond: Responder;
  readonly log?: TurnLog;
  /** Told of each turn logged, for a log line; masked text only. Its errors never fail a turn. */
  readonly onLogged?: (turn: LoggedTurn, outcome: TurnOutcome, elapsedMs: number) => void;
  /** Told of a failure to record (the reply still goes). */
  readonly onRecordError?: (error: unknown) => void;
  /**
   * Resolves once what a turn changed (its session, its log entry) is stored where every worker
   * reads it: the reply waits for it, so the person's next message, on whichever worker, finds it.
   */
  readonly persisted?: () => Promise<void>;
}

export class TurnError extends Error {
  readonly code = 'TURN_FAILED';
}

/** The dialog as the responder. */
export function respondWith(dialog: Dialog): Responder {
  return async (state, input) => dialog.respond(state, input);
}

export interface TurnRunner {
  /** Runs a turn after the session's earlier turns, so its state is never read and written across them. */
  run(turn: IncomingTurn): Promise<TurnOutcome>;
  /**
   * Deletes the sessions and what was logged of them, once a turn still being answered has
   * finished (so it cannot log after the deletion); resolves to how many log entries went.
   */
  forget(...sessions: readonly string[]): Promise<number>;
}

export function createTurnRunner(services: TurnServices): TurnRunner {
  const { sessions, masker, respond, log, onLogged, onRecordError, persisted } = services;
  const queues = new Map<string, Promise<unknown>>();

  function inSessionOrder<T>(session: string, work: () => T | Promise<T>): Promise<T> {
    const previous = queues.get(session) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(session, next);
    void next
      .finally(() => {
        if (queues.get(session) === next) queues.delete(session);
      })
      .catch(() => undefined);
    return next;
  }

  /**
   * The log entries first, of every session given: if any cannot be deleted, the sessions stay,
   * so the person can try again (deleting what is already gone deletes nothing).
   */
  async function deleteConversation(ids: readonly string[]): Promise<number> {
    let deleted = 0;
    try {
      for (const id of ids) deleted += (await log?.forgetSession(id)) ?? 0;
    } catch (error) {
      throw new TurnError(`could not delete the conversation: ${describe(error)}`, { cause: error });
    }
    for (const id of ids) await sessions.delete(id);
    return deleted;
  }

  async function runTurn(turn: IncomingTurn): Promise<TurnOutcome> {
    const started = process.hrtime.bigint();
    // 1. Mask: nothing else sees the text as typed.
    const masked = maskInput(masker, turn);
    // 2. Session: a session gone by now was deleted (or expired) while this turn waited; it is
    //    answered, but not brought back to life.
    const state = await sessions.get(turn.session);
    // 3. Respond.
    const input: TurnInput =
      turn.payload !== undefined
        ? { payload: turn.payload }
        : { text: withoutControlCharacters(turn.text ?? ''), personalData: masked.personalData };
    const result = await respond(state ?? NEW_CONVERSATION, input, turn, masked);
    const outcome: TurnOutcome = {
      reply: result.reply,
      route: result.route,
      classification: result.classification,
      ...(result.effect ? { effect: result.effect } : {}),
    };
    // 4. Effects: a confirmed deletion deletes before the reply, and the request itself is not logged.
    if (result.effect?.kind === 'forget') {
      await deleteConversation([...(turn.earlierSessions ?? []), turn.session]);
      return outcome;
    }
    if (state === undefined) return outcome;
    // 5. Store.
    await sessions.set(turn.session, result.state);
    // 6. Log (failures are reported; the reply still goes), then wait until what changed is stored.
    await record(turn, masked, outcome, started);
    if (persisted) await persisted().catch((error: unknown) => onRecordError?.(error));
    return outcome;
  }

  async function record(turn: IncomingTurn, masked: MaskedText, outcome: TurnOutcome, started: bigint): Promise<void> {
    if (!log) return;
    try {
      if (outcome.effect?.kind === 'feedback') {
        await log.recordFeedback(turn.session, outcome.effect.solved);
        return;
      }
      const logged = loggedTurn(turn, masked, outcome);
      log.record(logged);
      onLogged?.(logged, outcome, Number(process.hrtime.bigint() - started) / 1e6);
    } catch (error) {
      onRecordError?.(error);
    }
  }

  return {
    run: (turn) => inSessionOrder(turn.session, () => runTurn(turn)),
    forget: (...ids) => inSessionOrder(ids[ids.length - 1] ?? '', () => deleteConversation(ids)),
  };
}

function maskInput(masker: Masker, turn: IncomingTurn): MaskedText {
  if (turn.text === undefined) return { text: turn.payload ?? '', personalData: [] };
  const masked = masker.mask(withoutControlCharacters(turn.text));
  return { text: masked.text, personalData: masked.found };
}

function loggedTurn(turn: IncomingTurn, masked: MaskedText, outcome: TurnOutcome): LoggedTurn {
  const { reply, route, classification } = outcome;
  return {
    at: new Date(),
    channel: turn.channel,
    session: turn.session,
    maskedText: masked.text,
    // A clarifying question answers nothing yet: logged as such, not as its best guess.
    label: route === 'clarify' ? 'clarify' : reply.label,
    intent: reply.intentId,
    route,
    score: classification?.score ?? 0,
    confidence: classification?.confidence ?? 0,
    personalData: masked.personalData,
  };
}
