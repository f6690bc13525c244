import type { Engine } from '../core/engine';
import { writtenIn } from '../core/language';
import { normalize } from '../core/normalize';
import type { Responder } from '../core/reply';
import { createDialogContext, type DialogContext } from './dialog-context';
import type { Dialog, DialogSettings, TurnInput, TurnResult } from './dialog-types';
import { respondToPayload } from './payload-step';
import type { ConversationState } from './state';
import { respondToText } from './text-steps';

export type { Dialog, DialogSettings, TurnEffect, TurnInput, TurnResult, TurnRoute } from './dialog-types';

/**
 * One turn of a conversation: the message (or a pressed quick reply) and the state so far in,
 * the reply and the new state out. Pure apart from the engine's classification; the same on
 * every channel. The steps, in the order they are tried (the first that answers, answers):
 *   1. a quick reply (or its label typed back) does what the button does (payload-step.ts);
 *   then, for a typed message (text-steps.ts):
 *   2. the scam-call signal: the warning first, then the flow (and any other question asked);
 *   3. within the scam-call flow, words that say what happened choose a branch, and words
 *      about the call itself keep the person in the flow;
 *   4. grounds asked for right after an answer (「なんでそう言えるの？」) are that answer's;
 *   5. a clear FAQ question (asking which one when two are equally likely);
 *   6. a question the FAQ does not cover → the call center (a scam by another organisation →
 *      where such scams go);
 *   7. a vague follow-up read in the light of the last answer (「それはなぜ？」 after 問1, or
 *      「名前も？」 right after the answer about the data);
 *   8. small talk;
 *   9. within a flow, anything else gets the general steps and the choices;
 *  10. a short message that names the last answer's own topic (「暗号化もするの？」 right after
 *      the answer about measures), or asks only 「具体的には？」「なんで？」, is about that answer;
 *  11. where the rules found nothing, the second opinion's clear vote;
 *  12. else a miss: first ask to rephrase, offering the questions it most likely meant, then
 *      route to the call center.
 * Whatever the step, a reply to a message with personal data in it carries the privacy notice.
 */
export function createDialog(engine: Engine, responder: Responder, settings: DialogSettings = engine.config.matching): Dialog {
  const context = createDialogContext(engine, responder, settings);
  return {
    respond(state, input) {
      // The bot's own words follow the language the person writes in (or chose with its button).
      const written = input.text !== undefined ? writtenIn(input.text) : undefined;
      const language = written === undefined ? state.language : written === 'en' ? 'en' : undefined;
      const inLanguage = { ...context, responder: context.responder.inLanguage(language ?? 'ja') };
      const result = respondToInput(inLanguage, { ...state, language }, input);
      const noticed = input.personalData && input.personalData.length > 0 ? withPrivacyNotice(inLanguage, result) : result;
      return noticed.state.language === 'en' ? { ...noticed, reply: { ...noticed.reply, language: 'en' } } : noticed;
    },
  };
}

function respondToInput(context: DialogContext, state: ConversationState, input: TurnInput): TurnResult {
  if (input.payload !== undefined) return respondToPayload(context, state, input.payload) ?? respondToTyped(context, state, input.payload);
  const text = input.text ?? '';
  // 1. A quick reply's label typed back does what the button does.
  const offered = state.offered.find((quick) => sameLabel(quick.label, text));
  if (offered) return respondToPayload(context, state, offered.payload) ?? respondToTyped(context, state, offered.payload);
  return respondToTyped(context, state, text, input.personalData);
}

function respondToTyped(context: DialogContext, state: ConversationState, text: string, personalData?: readonly string[]): TurnResult {
  // A text the masker found nothing personal in may be remembered with its classification.
  const classification = context.engine.classify(text, { remember: personalData !== undefined && personalData.length === 0 });
  const activeFlow = state.flow ? context.responder.findFlow(state.flow) : undefined;
  return respondToText(context, { state, classification, activeFlow });
}

function sameLabel(a: string, b: string): boolean {
  return normalize(a).text.replace(/\s/g, '') === normalize(b).text.replace(/\s/g, '');
}

/** The privacy notice goes first, or right after the scam warning (and its translation), which always leads. */
function withPrivacyNotice({ responder }: DialogContext, result: TurnResult): TurnResult {
  const messages = [...result.reply.messages];
  const warnings = messages.findIndex((message) => message.notice !== 'scam_warning');
  messages.splice(warnings < 0 ? messages.length : warnings, 0, responder.privacyNotice());
  return { ...result, reply: { ...result.reply, messages } };
}
