import { parsePayload } from '../core/payloads';
import { FORGET_KIND } from '../core/reply';
import { answerFaq, type DialogContext, replied } from './dialog-context';
import type { TurnResult } from './dialog-types';
import { type ConversationState, NEW_CONVERSATION } from './state';

/**
 * Step 1 of the dialog: a pressed quick reply (or its label typed back) does what the button
 * does. Undefined when the payload is not one this bot sends: it is then read as typed text.
 */
export function respondToPayload(context: DialogContext, state: ConversationState, raw: string): TurnResult | undefined {
  const { responder } = context;
  const parsed = parsePayload(raw, context.faqIds);
  if (!parsed) return undefined;
  const offeredNow = state.offered.some((offer) => offer.payload === raw);
  switch (parsed.kind) {
    case 'start':
      return replied(state, responder.smalltalk('greeting'), 'payload', {});
    case 'menu':
      return replied(state, responder.menu(), 'payload', { flow: undefined });
    case 'language': {
      // The menu, in the words just chosen.
      const language = parsed.language === 'en' ? ('en' as const) : undefined;
      return replied({ ...state, language }, responder.inLanguage(parsed.language).menu(), 'payload', {});
    }
    case 'intent':
      return answerFaq(context, state, parsed.id, 'payload');
    case 'flow': {
      const flow = responder.findFlow(parsed.flow);
      if (!flow || (parsed.branch && !flow.branches[parsed.branch])) return undefined;
      const reply = parsed.branch
        ? responder.flowBranch(flow.id, parsed.branch, state.contact)
        : responder.flowPrompt(flow.id, state.contact);
      return replied(state, reply, 'payload', { flow: flow.id, lastIntent: flow.opens_with, misses: 0, flowBranch: parsed.branch });
    }
    case 'feedback':
      // Feedback counts only for the answer that asked for it: a button pressed again, or
      // kept from an older answer (Slack keeps them forever), gets the menu instead.
      if (!offeredNow) return replied(state, responder.menu(), 'payload', {});
      return {
        ...replied(state, responder.feedbackThanks(parsed.solved), 'payload', {}),
        effect: { kind: 'feedback', solved: parsed.solved },
      };
    case 'forget':
      if (!parsed.confirmed) return replied(state, responder.forgetCancelled(), 'payload', {});
      // Only right after the question: a 削除する button kept from long ago (Slack keeps
      // them) asks again rather than deleting whatever conversation is current now.
      if (!offeredNow) return replied(state, responder.smalltalk(FORGET_KIND), 'payload', {});
      // The conversation is gone: whatever runs this dialog carries on from a new one.
      return { reply: responder.conversationForgotten(), route: 'payload', state: NEW_CONVERSATION, effect: { kind: 'forget' } };
  }
}
