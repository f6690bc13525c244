import type { Classification, Engine } from '../core/engine';
import { fireRule } from '../core/match';
import { normalize } from '../core/normalize';
import { FORGET_KIND, type Reply, type Responder } from '../core/reply';
import { likelyEntries } from '../core/likely-labels';
import type { FaqId, FaqIntentData, FlowData } from '../data/schemas';
import { parsePayload } from '../core/payloads';
import { type ConversationState, NEW_CONVERSATION } from './state';

/**
 * One turn of a conversation: the message (or a pressed quick reply) and the state so far in,
 * the reply and the new state out. Pure apart from the engine's classification; the same on
 * every channel. The order of precedence:
 *   1. a quick reply (or its label typed back) does what the button does;
 *   2. the scam-call signal: the warning first, then the flow (and any other question asked);
 *   3. within the scam-call flow, words that say what happened choose a branch, and words
 *      about the call itself keep the person in the flow;
 *   4. a clear FAQ question (asking which one when two are equally likely); but grounds asked
 *      for right after an answer (「なんでそう言えるの？」) are that answer's;
 *   5. a question the FAQ does not cover → the call center;
 *   6. a vague follow-up read in the light of the last answer (「それはなぜ？」 after q1, or
 *      「名前も？」 right after the answer about the data);
 *   7. small talk;
 *   8. within a flow, anything else offers the flow's choices again;
 *   9. a short message that names the last answer's own topic (「暗号化もするの？」 right after
 *      the answer about measures), or asks only 「具体的には？」「なんで？」, is about that answer;
 *  10. where the rules found nothing, the second opinion's clear vote; else a miss: first ask to
 *      rephrase, offering the questions it most likely meant, then route to the call center.
 */

export type TurnRoute =
  | 'payload'
  | 'safety'
  | 'flow_branch'
  | 'flow_stay'
  | 'faq'
  | 'clarify'
  | 'followup'
  | 'smalltalk'
  | 'out_of_scope'
  /** A scam by another organisation: where such scams go, not the association's warning. */
  | 'other_scam'
  /** The rules found nothing; the second opinion's clear vote answered. */
  | 'second_opinion'
  | 'rephrase'
  | 'second_miss'
  | 'not_text'
  /** The turn failed (a channel's apology, not the dialog's answer). */
  | 'failed';

export interface TurnInput {
  readonly text?: string;
  readonly payload?: string;
  /** Kinds of personal data found in the text (by the masker): the reply then says not to type them. */
  readonly personalData?: readonly string[];
}

/** What a turn causes besides its reply: whoever runs the turn carries it out (conversation/turn.ts). */
export type TurnEffect =
  /** The person confirmed deleting the conversation: it must be deleted before the reply is sent. */
  | { readonly kind: 'forget' }
  /** The person answered 解決しましたか？ for the last answer. */
  | { readonly kind: 'feedback'; readonly solved: boolean };

export interface TurnResult {
  readonly reply: Reply;
  readonly state: ConversationState;
  readonly route: TurnRoute;
  /** Present when the turn was a typed message. */
  readonly classification?: Classification;
  readonly effect?: TurnEffect;
}

export interface Dialog {
  respond(state: ConversationState, input: TurnInput): TurnResult;
}

export interface DialogSettings {
  readonly threshold: number;
  readonly closeRatio: number;
  readonly contextThreshold: number;
}

// A follow-up is short (「保険証の番号も？」); a long message that matched nothing is a new
// question the bot did not understand, not a continuation.
const MAX_CONTINUATION_LENGTH = 30;
// 「もしかして」: how many likely questions the rephrase prompt offers.
const LIKELY_OFFERED = 3;
// A concept names an entry's topic when few entries score on it: 暗号化 (measures, the data),
// not 協会 or 心配, which every entry shares.
const MAX_ENTRIES_PER_TOPIC_CONCEPT = 3;

/** For each FAQ entry, the concepts its positive rules score on that few other entries do. */
function distinctiveConcepts(faq: readonly FaqIntentData[]): Map<FaqId, Set<string>> {
  const usedBy = new Map<string, Set<FaqId>>();
  for (const intent of faq) {
    for (const rule of intent.rules) {
      if (rule.score <= 0) continue;
      for (const concept of [...(rule.all ?? []), ...(rule.any ?? []).flat()]) {
        usedBy.set(concept, (usedBy.get(concept) ?? new Set()).add(intent.id));
      }
    }
  }
  return new Map(
    faq.map((intent) => [intent.id, new Set([...usedBy].filter(([, users]) => users.has(intent.id) && users.size <= MAX_ENTRIES_PER_TOPIC_CONCEPT).map(([concept]) => concept))]),
  );
}

/**
 * 「なんでそう言えるの？」 right after an answer asks for that answer's grounds. One entry gives the
 * grounds of others (`grounds_for` in intents/: 問2, why no leak can be claimed, for 問1), and it
 * alone is what such a message matches; every other official answer states its own grounds, so
 * there the request, unless it names the grounds entry's own topic (the leak, the investigation),
 * is about the answer just given.
 */
const GROUNDS_OWN_TOPIC = ['leak', 'investigation'];
/**
 * A bare question word right after an answer (「具体的には？」「なんで？」「Why is that?」) asks more
 * about that answer. Where a follow-up leads elsewhere (after 問1, 「なんで？」 is 問2) that comes
 * first; the bot has nothing beyond the official text, so otherwise the answer is given again.
 */
const QUESTION_WORDS = new Set(['what_kind', 'why', 'evidence']);

function sameLabel(a: string, b: string): boolean {
  return normalize(a).text.replace(/\s/g, '') === normalize(b).text.replace(/\s/g, '');
}

export function createDialog(engine: Engine, responder: Responder, settings: DialogSettings = engine.config.matching): Dialog {
  const faqById = new Map(engine.data.faq.map((intent) => [intent.id, intent]));
  const faqIds = new Set<string>(faqById.keys());
  const groundsEntry = engine.data.faq.find((intent) => intent.grounds_for.length > 0);
  // The entry whose answer is the scam warning, and the flow it opens.
  const safetyEntry = engine.data.faq.find((intent) => intent.scam_signal)?.id;
  const topicConcepts = distinctiveConcepts(engine.data.faq);

  function chosenBranch(flow: FlowData, classification: Classification): string | undefined {
    for (const [branch, { rules }] of Object.entries(flow.branches)) {
      if (rules.some((rule, index) => fireRule(flow.id, index, rule, classification.tags))) return branch;
    }
    return undefined;
  }

  function followupOf(intent: FaqId | undefined, classification: Classification) {
    if (!intent) return undefined;
    return faqById.get(intent)!.followups.find((followup, index) => fireRule(intent, index, followup.when, classification.tags));
  }

  /** The entry a vague message most likely means right after `intent`: itself, a related entry or a follow-up's. */
  function contextualIntent(intent: FaqId | undefined, classification: Classification): FaqId | undefined {
    if (!intent) return undefined;
    const entry = faqById.get(intent)!;
    const near = new Set<string>([intent, ...entry.related, ...entry.followups.map((followup) => followup.go)]);
    const candidate = classification.decision.ranking.find((scored) => near.has(scored.id) && scored.score >= settings.contextThreshold);
    return candidate?.id as FaqId | undefined;
  }

  /** Step 9: the last answer's topic, named in a short message that matched nothing on its own. */
  function continuesTopic(intent: FaqId | undefined, classification: Classification): boolean {
    if (!intent || classification.analysis.normalized.text.length > MAX_CONTINUATION_LENGTH) return false;
    const topic = topicConcepts.get(intent)!;
    return [...classification.tags.kept].some((concept) => topic.has(concept));
  }

  /** Step 4a: the answer whose grounds a 「なんでそう言えるの？」 asks for, when it is the last one. */
  function groundsOfLastAnswer(last: FaqId | undefined, classification: Classification): FaqId | undefined {
    const { decision, tags } = classification;
    if (!groundsEntry || !last || last === groundsEntry.id || groundsEntry.grounds_for.includes(last)) return undefined;
    if (decision.reason !== 'faq' || decision.intentId !== groundsEntry.id) return undefined;
    if (GROUNDS_OWN_TOPIC.some((concept) => tags.kept.has(concept))) return undefined;
    const { runnerUp } = decision;
    if (runnerUp && runnerUp.id !== last && runnerUp.score >= settings.threshold) return undefined;
    return last;
  }

  /** Step 9: a short message of question words only, about the last answer. */
  function asksMoreAbout(last: FaqId | undefined, classification: Classification): boolean {
    const { kept } = classification.tags;
    if (!last || classification.analysis.normalized.text.length > MAX_CONTINUATION_LENGTH || kept.size === 0) return false;
    return [...kept].every((concept) => QUESTION_WORDS.has(concept));
  }

  function staysInFlow(flow: FlowData, classification: Classification): boolean {
    return flow.stay_rules.some((rule, index) => fireRule(flow.id, index, rule, classification.tags) !== undefined);
  }

  function after(state: ConversationState, reply: Reply, changes: Partial<ConversationState>): ConversationState {
    // A flow opened, reopened or closed starts uncarried (see ConversationState.flowCarried).
    const flowCarried = 'flowCarried' in changes ? changes.flowCarried : 'flow' in changes ? false : state.flowCarried;
    return { ...state, ...changes, flowCarried, offered: reply.quickReplies, turns: state.turns + 1 };
  }

  function answerFaq(state: ConversationState, id: FaqId, route: TurnRoute, classification?: Classification): TurnResult {
    const reply = responder.faqAnswer(id, { alsoOutOfScope: classification?.decision.alsoOutOfScope === true && classification.decision.intentId === id });
    const flow = responder.flowOpenedBy(id);
    // A question answered in the middle of the scam-call flow leaves it open for one more message:
    // the person may still be dealing with that call (「偽の保険証を作られない？」 then 「警察にも
    // 言ったほうがいい？」). A second answer in a row closes it.
    const carried = !flow && state.flow !== undefined && !state.flowCarried;
    return { reply, route, classification, state: after(state, reply, { lastIntent: id, flow: flow?.id ?? (carried ? state.flow : undefined), flowCarried: carried, misses: 0 }) };
  }

  function respondToPayload(state: ConversationState, raw: string): TurnResult {
    const parsed = parsePayload(raw, faqIds);
    if (!parsed) return respondToText(state, raw);
    switch (parsed.kind) {
      case 'start': {
        const reply = responder.smalltalk('greeting');
        return { reply, route: 'payload', state: after(state, reply, {}) };
      }
      case 'menu': {
        const reply = responder.menu();
        return { reply, route: 'payload', state: after(state, reply, { flow: undefined }) };
      }
      case 'intent':
        return answerFaq(state, parsed.id, 'payload');
      case 'flow': {
        const flow = responder.findFlow(parsed.flow);
        if (!flow || (parsed.branch && !flow.branches[parsed.branch])) return respondToText(state, raw);
        const reply = parsed.branch ? responder.flowBranch(flow.id, parsed.branch) : responder.flowPrompt(flow.id);
        return { reply, route: 'payload', state: after(state, reply, { flow: flow.id, lastIntent: flow.opens_with, misses: 0 }) };
      }
      case 'feedback': {
        // Feedback counts only for the answer that asked for it: a button pressed again, or
        // kept from an older answer (Slack keeps them forever), gets the menu instead.
        if (!state.offered.some((offer) => offer.payload === raw)) {
          const reply = responder.menu();
          return { reply, route: 'payload', state: after(state, reply, {}) };
        }
        const reply = responder.feedbackThanks(parsed.solved);
        return { reply, route: 'payload', state: after(state, reply, {}), effect: { kind: 'feedback', solved: parsed.solved } };
      }
      case 'forget': {
        if (!parsed.confirmed) {
          const reply = responder.forgetCancelled();
          return { reply, route: 'payload', state: after(state, reply, {}) };
        }
        // Only right after the question: a 削除する button kept from long ago (Slack keeps
        // them) asks again rather than deleting whatever conversation is current now.
        if (!state.offered.some((offer) => offer.payload === raw)) {
          const reply = responder.smalltalk(FORGET_KIND);
          return { reply, route: 'payload', state: after(state, reply, {}) };
        }
        // The conversation is gone: whatever runs this dialog carries on from a new one.
        return { reply: responder.conversationForgotten(), route: 'payload', state: NEW_CONVERSATION, effect: { kind: 'forget' } };
      }
    }
  }

  function respondToText(state: ConversationState, text: string, personalData?: readonly string[]): TurnResult {
    // A text the masker found nothing personal in may be remembered with its classification.
    const classification = engine.classify(text, { remember: personalData !== undefined && personalData.length === 0 });
    const { decision } = classification;
    const scamFlow = safetyEntry ? responder.flowOpenedBy(safetyEntry) : undefined;

    // 2. The scam-call signal always comes first, on every channel.
    if (decision.safety.length > 0 && scamFlow) {
      const other = decision.runnerUp && decision.runnerUp.score >= settings.threshold ? (decision.runnerUp.id as FaqId) : undefined;
      const branch = chosenBranch(scamFlow, classification);
      const reply = responder.flowStart(scamFlow.id, { branch, otherQuestion: other });
      return { reply, route: 'safety', classification, state: after(state, reply, { flow: scamFlow.id, lastIntent: scamFlow.opens_with, misses: 0 }) };
    }

    // 3. Within a flow, words that say what happened choose a branch; words about the call keep the person there.
    const activeFlow = state.flow ? responder.findFlow(state.flow) : undefined;
    const flowPrompt = (flow: FlowData): TurnResult => {
      const reply = responder.flowPrompt(flow.id);
      return { reply, route: 'flow_stay', classification, state: after(state, reply, { flowCarried: false, misses: 0 }) };
    };
    // After an answer given in the middle of the flow, a clear question is answered as such.
    // (A branch is a report of what happened, 「振り込んでしまった」: it always counts.)
    const clearQuestion = state.flowCarried === true && (decision.reason === 'faq' || decision.reason === 'out_of_scope');
    if (activeFlow) {
      const branch = chosenBranch(activeFlow, classification);
      if (branch) {
        const reply = responder.flowBranch(activeFlow.id, branch);
        return { reply, route: 'flow_branch', classification, state: after(state, reply, { flowCarried: false, misses: 0 }) };
      }
      if (!clearQuestion && staysInFlow(activeFlow, classification)) return flowPrompt(activeFlow);
    }

    // 4a. 「なんでそう言えるの？」 right after an answer is about that answer.
    const grounds = groundsOfLastAnswer(state.lastIntent, classification);
    if (grounds) return answerFaq(state, grounds, 'followup', classification);

    // 4. A clear question always wins over context.
    if (decision.reason === 'faq') {
      const best = decision.intentId as FaqId;
      const runnerUp = decision.runnerUp;
      if (runnerUp && runnerUp.score >= settings.threshold && runnerUp.score >= settings.closeRatio * decision.score) {
        const reply = responder.clarify(best, runnerUp.id as FaqId);
        return { reply, route: 'clarify', classification, state: after(state, reply, { misses: 0 }) };
      }
      return answerFaq(state, best, 'faq', classification);
    }

    if (decision.reason === 'out_of_scope') {
      const reply = responder.callCenter('out_of_scope');
      return { reply, route: 'out_of_scope', classification, state: after(state, reply, { misses: 0 }) };
    }
    if (decision.reason === 'other_scam') {
      const reply = responder.otherScam();
      return { reply, route: 'other_scam', classification, state: after(state, reply, { misses: 0, flow: undefined }) };
    }

    // 6. A vague follow-up, read in the light of the last answer.
    const followup = followupOf(state.lastIntent, classification);
    if (followup) {
      if (followup.go === 'flow') {
        const flow = responder.flowOpenedBy(state.lastIntent!);
        if (flow) {
          const reply = responder.flowPrompt(flow.id);
          return { reply, route: 'followup', classification, state: after(state, reply, { flow: flow.id, misses: 0 }) };
        }
      } else {
        return answerFaq(state, followup.go, 'followup', classification);
      }
    }

    const near = contextualIntent(state.lastIntent, classification);
    if (near) return answerFaq(state, near, 'followup', classification);

    if (decision.reason === 'smalltalk') {
      const reply = responder.smalltalk(decision.intentId.replace(/^smalltalk\./, ''));
      return { reply, route: 'smalltalk', classification, state: after(state, reply, { misses: 0 }) };
    }
    if (activeFlow && !state.flowCarried) return flowPrompt(activeFlow);
    if (continuesTopic(state.lastIntent, classification) || asksMoreAbout(state.lastIntent, classification)) {
      return answerFaq(state, state.lastIntent!, 'followup', classification);
    }
    // 10. The second opinion's clear vote, where the rules found nothing.
    if (decision.reason === 'second_opinion') return answerFaq(state, decision.intentId as FaqId, 'second_opinion', classification);
    // A miss: the first asks to rephrase; the second in a row routes to the call center.
    if (state.misses >= 1) {
      const reply = responder.callCenter('second_miss');
      return { reply, route: 'second_miss', classification, state: after(state, reply, { misses: 0 }) };
    }
    const reply = responder.rephrase(likelyEntries(classification, LIKELY_OFFERED, faqIds));
    return { reply, route: 'rephrase', classification, state: after(state, reply, { misses: state.misses + 1 }) };
  }

  /** The privacy notice goes first, or right after the scam warning, which always leads. */
  function withPrivacyNotice(result: TurnResult): TurnResult {
    const messages = [...result.reply.messages];
    messages.splice(messages[0]?.notice === 'scam_warning' ? 1 : 0, 0, responder.privacyNotice());
    return { ...result, reply: { ...result.reply, messages } };
  }

  function respond(state: ConversationState, input: TurnInput): TurnResult {
    if (input.payload !== undefined) return respondToPayload(state, input.payload);
    const text = input.text ?? '';
    // 1. A quick reply's label typed back does what the button does.
    const offered = state.offered.find((quick) => sameLabel(quick.label, text));
    if (offered) return respondToPayload(state, offered.payload);
    return respondToText(state, text, input.personalData);
  }

  return {
    respond(state, input) {
      const result = respond(state, input);
      return input.personalData && input.personalData.length > 0 ? withPrivacyNotice(result) : result;
    },
  };
}
