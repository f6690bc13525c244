import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder-core';
import { DialogContext, DialogTurnStatus } from 'botbuilder-dialogs';
import { Botkit, type BotkitMessage, type BotWorker } from 'botkit';
import type { Dialog, TurnInput, TurnResult } from '../conversation/dialog';
import { type ConversationState, NEW_CONVERSATION as NEW_CONVERSATION_STATE } from '../conversation/state';
import { createTurnRunner, type Responder, type TurnServices } from '../conversation/turn';
import { describe } from '../errors';
import { type ConversationHub, HubError } from './hub';
import { TransientStorage } from './transient-storage';
import { TurnCollectingAdapter } from './turn-collecting-adapter';

/**
 * The hub on botkit's controller: the turn (conversation/turn.ts) works its reply out through
 * botkit. Each turn becomes a Bot Framework activity carrying only the masked text; what the
 * dialog needs rides in the turn's own context (botkit's turnState, which botkit never logs);
 * one function matcher hears every message, runs the dialog, and sends the reply with
 * `bot.reply`, the structured reply in the activity's channelData, which is what the hub returns.
 * botkit facts that shape this (found on this machine, botkit 4.15):
 * - its own webserver is express 4 and corrupts UTF-8 split across chunks: disabled;
 * - its webhook route rethrows handler errors as unhandled rejections: we own the routing and
 *   catch around handleTurn;
 * - string patterns in `hears` are compiled as RegExp on every message (「C++」 throws): only a
 *   function matcher is used.
 */

/** The dialog's input for this turn, in the turn's own context. */
const DIALOG_INPUT = Symbol('dialog input');

interface DialogInput {
  readonly state: ConversationState;
  readonly input: TurnInput;
}

/**
 * What the sent activity carries besides its text: the structured reply, for the channel to
 * render, or the dialog's failure. (botkit runs a handler inside a promise callback of its own:
 * a handler that throws leaves botkit's turn pending for ever, so the handler never throws.)
 */
type ReplyChannelData = { readonly result: TurnResult } | { readonly failure: unknown };

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
  Object.assign(controller, { dialogSet: noDialogs });
}

export interface BotkitHubOptions extends Omit<TurnServices, 'respond'> {
  readonly dialog: Dialog;
}

/** The responder that works a turn's reply out through botkit's controller. */
export function botkitResponder(dialog: Dialog): Responder {
  const adapter = new TurnCollectingAdapter();
  const controller = new Botkit({ adapter, disable_webserver: true, disable_console: true, storage: new TransientStorage() });
  useNoDialogs(controller);

  controller.hears(
    async () => true,
    ['message'],
    async (bot: BotWorker, message: BotkitMessage) => {
      let channelData: ReplyChannelData;
      try {
        const given = message.context.turnState.get(DIALOG_INPUT) as DialogInput | undefined;
        if (!given) throw new HubError('botkit delivered a message the hub did not send');
        channelData = { result: dialog.respond(given.state, given.input) };
      } catch (failure) {
        channelData = { failure };
      }
      const text = 'result' in channelData ? channelData.result.reply.messages.map((part) => part.text).join('\n') : '';
      await bot.reply(message, { text, channelData });
    },
  );

  return async (state, input, turn, masked) => {
    const activity = {
      type: 'message',
      id: randomUUID(),
      timestamp: new Date(),
      channelId: turn.channel,
      serviceUrl: 'urn:kenpo-faq:in-process',
      conversation: { id: turn.session, isGroup: false, conversationType: 'personal', name: turn.channel },
      from: { id: turn.session, name: 'user' },
      recipient: { id: 'kenpo-faq-bot', name: 'bot' },
      // botkit keeps the activity in its own objects and may log it (DEBUG=botkit): it only sees masked text.
      text: masked.text,
    };
    let sent;
    try {
      ({ sent } = await adapter.runTurn(
        activity,
        (context) => controller.handleTurn(context),
        (context) => context.turnState.set(DIALOG_INPUT, { state, input } satisfies DialogInput),
      ));
    } catch (error) {
      throw new HubError(`the turn failed in the conversation hub: ${describe(error)}`, { cause: error });
    }
    const data = sent[0]?.channelData as ReplyChannelData | undefined;
    if (data && 'failure' in data)
      throw new HubError(`the turn failed in the conversation hub: ${describe(data.failure)}`, { cause: data.failure });
    if (!data) throw new HubError('the conversation hub produced no reply');
    return data.result;
  };
}

/** The conversation hub: every turn runs through the turn function, its reply worked out through botkit. */
export function createBotkitHub({ dialog, ...services }: BotkitHubOptions): ConversationHub {
  const runner = createTurnRunner({ ...services, respond: botkitResponder(dialog) });
  return {
    startSession: (id) => services.sessions.create(NEW_CONVERSATION_STATE, id),
    hasSession: async (session) => (await services.sessions.get(session)) !== undefined,
    handle: (turn) => runner.run(turn),
    forget: (session) => runner.forget(session),
  };
}
