import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder-core';
import { DialogContext, DialogTurnStatus } from 'botbuilder-dialogs';
import { Botkit, type BotkitMessage, type BotWorker } from 'botkit';
import type { Dialog } from '../conversation/dialog';
import type { SessionStore } from '../conversation/session-store';
import { type ConversationState, NEW_CONVERSATION } from '../conversation/state';
import { withoutControlCharacters } from '../core/normalize';
import { describe } from '../errors';
import type { PersonalDataKind } from '../data/schemas';
import type { Masker } from '../privacy/mask';
import { type ConversationHub, FORGET_CONVERSATION, HubError, type IncomingTurn, type TurnOutcome } from './hub';
import type { TurnObserver } from './turn-event';
import { TransientStorage } from './transient-storage';
import { TurnCollectingAdapter } from './turn-collecting-adapter';

/**
 * The hub on botkit's controller. Each turn becomes a Bot Framework activity that goes through
 * `controller.handleTurn`, where one function matcher hears every message and runs the dialog.
 * botkit facts that shape this (found on this machine, botkit 4.15):
 * - its own webserver is express 4 and corrupts UTF-8 split across chunks: disabled;
 * - its webhook route rethrows handler errors as unhandled rejections: we own the routing and
 *   catch around handleTurn;
 * - string patterns in `hears` are compiled as RegExp on every message (「C++」 throws): only a
 *   function matcher is used.
 */

const OUTCOME = Symbol('turn outcome');

/**
 * This bot keeps its conversation state (flows, follow-ups) in its own session store and
 * uses no botkit dialogs. botkit still builds a DialogContext, with a DialogStateManager and
 * its memory scopes, on every turn — a fifth of a turn's cost under load, for nothing. The
 * controller gets a dialog set whose context always reports that no dialog is active, which
 * is what the real one reports when none was begun.
 */
function useNoDialogs(controller: Botkit): void {
  const noDialogs = {
    async createContext(context: TurnContext): Promise<DialogContext> {
      return Object.assign(Object.create(DialogContext.prototype) as DialogContext, {
        context,
        continueDialog: async () => ({ status: DialogTurnStatus.empty }),
      });
    },
  };
  (controller as unknown as { dialogSet: typeof noDialogs }).dialogSet = noDialogs;
}

/** What the dialog needs of a turn, kept beside botkit (keyed by activity id), never inside it. */
interface TurnEnvelope {
  readonly turn: IncomingTurn;
  readonly personalData: readonly PersonalDataKind[];
  /** Set by the dialog step: the session no longer existed when the turn ran. */
  sessionEnded?: boolean;
}

export interface BotkitHubOptions {
  readonly dialog: Dialog;
  readonly sessions: SessionStore<ConversationState>;
  /** The personal-data masker: every text passes it before anything else sees it. */
  readonly masker: Masker;
  /** Told of every turn (masked), for the conversation log; its errors never fail a turn. */
  readonly onTurn?: TurnObserver;
  readonly onObserverError?: (error: unknown) => void;
  /**
   * Deletes what is kept of a conversation elsewhere (its log entries) and returns how many
   * entries; a failure fails the request, so the bot never claims a deletion that did not happen.
   */
  readonly onForget?: (session: string) => number;
  /**
   * Resolves once what a turn changed (its session, its log entry) is stored where every worker
   * reads it: the reply waits for it, so the person's next message, on whichever worker, finds
   * it. A failure is reported; the reply still goes.
   */
  readonly persisted?: () => Promise<void>;
}

export function createBotkitHub({ dialog, sessions, masker, onTurn, onObserverError, onForget, persisted }: BotkitHubOptions): ConversationHub {
  const adapter = new TurnCollectingAdapter();
  const controller = new Botkit({ adapter, disable_webserver: true, disable_console: true, storage: new TransientStorage() });
  useNoDialogs(controller);
  // Turns of one session run one at a time, so state is never read and written across each other.
  const queues = new Map<string, Promise<unknown>>();
  // The unmasked turn must not travel in the activity: botkit logs whole activities under
  // DEBUG=botkit. The dialog reads it from here by the activity's id.
  const envelopes = new Map<string, TurnEnvelope>();

  controller.hears(
    async () => true,
    ['message'],
    async (bot: BotWorker, message: BotkitMessage) => {
      const envelope = envelopes.get(message.incoming_message.id ?? '');
      if (!envelope) throw new HubError('botkit delivered a message the hub did not send');
      const { turn, personalData } = envelope;
      const state = sessions.get(turn.session);
      const result = dialog.respond(state ?? NEW_CONVERSATION, turn.payload !== undefined ? { payload: turn.payload } : { text: turn.text ?? '', personalData });
      // A session gone by now was deleted (or expired) while this turn waited its turn: it is
      // answered, but not brought back to life.
      envelope.sessionEnded = state === undefined;
      // A confirmed deletion leaves the state as it was until runTurn has deleted the log
      // entries: should that fail, the person can press 削除する again.
      if (!envelope.sessionEnded && result.reply.intentId !== FORGET_CONVERSATION) sessions.set(turn.session, result.state);
      const outcome: TurnOutcome = { reply: result.reply, route: result.route, classification: result.classification };
      // The outcome travels in the turn's state, not in the sent activity: botbuilder copies
      // activities, and the classification (tokens, scores) is large.
      message.context.turnState.set(OUTCOME, outcome);
      await bot.reply(message, { text: result.reply.messages.map((part) => part.text).join('\n') });
    },
  );

  /**
   * The log entries first, of every session given: if any cannot be deleted, the sessions
   * stay, so the person can try again (deleting what is already gone deletes nothing).
   */
  function deleteConversation(...sessionsOfPerson: readonly string[]): number {
    let deleted = 0;
    try {
      for (const session of sessionsOfPerson) deleted += onForget?.(session) ?? 0;
    } catch (error) {
      throw new HubError(`could not delete the conversation: ${describe(error)}`, { cause: error });
    }
    for (const session of sessionsOfPerson) sessions.delete(session);
    return deleted;
  }

  /** Runs work after the session's earlier turns, so state is never read and written across each other. */
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

  async function runTurn(incoming: IncomingTurn): Promise<TurnOutcome> {
    const started = process.hrtime.bigint();
    const turn = incoming.text !== undefined ? { ...incoming, text: withoutControlCharacters(incoming.text) } : incoming;
    const masked = turn.text !== undefined ? masker.mask(turn.text) : { text: turn.payload ?? '', found: [] };
    const activityId = randomUUID();
    const envelope: TurnEnvelope = { turn, personalData: masked.found };
    envelopes.set(activityId, envelope);
    const activity = {
      type: 'message',
      id: activityId,
      timestamp: new Date(),
      channelId: turn.channel,
      serviceUrl: 'urn:kenpo-faq:in-process',
      conversation: { id: turn.session, isGroup: false, conversationType: 'personal', name: turn.channel },
      from: { id: turn.session, name: 'user' },
      recipient: { id: 'kenpo-faq-bot', name: 'bot' },
      // botkit keeps the activity in its own objects and may log it: it only sees masked text.
      text: masked.text,
    };
    let outcome: TurnOutcome | undefined;
    try {
      const { sent, context } = await adapter.runTurn(activity, (turnContext) => controller.handleTurn(turnContext));
      outcome = sent.length > 0 ? (context.turnState.get(OUTCOME) as TurnOutcome | undefined) : undefined;
    } catch (error) {
      throw new HubError(`the turn failed in the conversation hub: ${describe(error)}`, { cause: error });
    } finally {
      envelopes.delete(activityId);
    }
    if (!outcome) throw new HubError('the conversation hub produced no reply');
    if (outcome.reply.intentId === FORGET_CONVERSATION) {
      // The request itself is not logged either: nothing of this conversation stays.
      deleteConversation(...(turn.earlierSessions ?? []), turn.session);
      return outcome;
    }
    if (onTurn && !envelope.sessionEnded) {
      try {
        onTurn({
          at: new Date(),
          channel: turn.channel,
          session: turn.session,
          maskedText: masked.text,
          personalData: masked.found,
          outcome,
          elapsedMs: Number(process.hrtime.bigint() - started) / 1e6,
        });
      } catch (error) {
        onObserverError?.(error);
      }
    }
    if (persisted) await persisted().catch((error: unknown) => onObserverError?.(error));
    return outcome;
  }

  return {
    startSession: (id) => sessions.create(NEW_CONVERSATION, id),
    hasSession: (session) => sessions.get(session) !== undefined,
    handle: (turn) => inSessionOrder(turn.session, () => runTurn(turn)),
    forget: (session) => inSessionOrder(session, () => deleteConversation(session)),
  };
}
