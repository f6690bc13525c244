import type { Classification } from '../core/engine';
import { likelyEntries } from '../core/likely-labels';
import { fireRule } from '../core/match';
import type { FaqId, FlowData } from '../data/schemas';
import { answerFaq, type DialogContext, replied } from './dialog-context';
import type { TurnResult } from './dialog-types';
import type { ConversationState } from './state';

/**
 * Steps 2–12 of the dialog (see dialog.ts): what a typed message gets, tried in order; the first
 * step that answers, answers. Each step reads the message's classification and the state so far.
 */

/** A typed message as every step sees it. */
export interface TextTurn {
  readonly state: ConversationState;
  readonly classification: Classification;
  /** The flow the person is in (the scam-call flow), if any. */
  readonly activeFlow: FlowData | undefined;
}

type Step = (context: DialogContext, turn: TextTurn) => TurnResult | undefined;

// A follow-up is short (「保険証の番号も？」); a long message that matched nothing is a new
// question the bot did not understand, not a continuation.
const MAX_CONTINUATION_LENGTH = 30;
// 「もしかして」: how many likely questions the rephrase prompt offers.
const LIKELY_OFFERED = 3;
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

function chosenBranch(flow: FlowData, classification: Classification): string | undefined {
  for (const [branch, { rules }] of Object.entries(flow.branches)) {
    if (rules.some((rule, index) => fireRule(flow.id, index, rule, classification.tags))) return branch;
  }
  return undefined;
}

/** How the person was contacted: as this message names it, else as the flow already knows it. */
function contactOf({ responder }: DialogContext, { state, classification }: TextTurn, flow: FlowData): string | undefined {
  return responder.contactNamed(flow.id, classification.tags.all, state.flow ? state.contact : undefined);
}

/**
 * A typed message inside the flow that chose no step: the general steps with the choices, or,
 * right after them, where to turn — never the same text twice in a row.
 */
function generalSteps(context: DialogContext, turn: TextTurn, flow: FlowData): TurnResult {
  const { state, classification } = turn;
  const again = state.generalShown === true;
  const contact = contactOf(context, turn, flow);
  const reply = context.responder.flowGeneral(flow.id, { again, ...(contact ? { contact } : {}) });
  return replied(state, reply, 'flow_stay', { flowCarried: false, misses: 0, contact, generalShown: !again }, classification);
}

/** 2. The scam-call signal: the warning first, on every channel, then the flow (and any other question asked). */
const scamWarning: Step = (context, turn) => {
  const { responder, scamFlow, settings } = context;
  const { state, classification } = turn;
  const { decision } = classification;
  if (decision.safety.length === 0 || !scamFlow) return undefined;
  // Already in the flow, the warning just given: a further report says more of what happened.
  if (turn.activeFlow?.id === scamFlow.id && !state.flowCarried) {
    const within = withinFlow(context, turn);
    if (within) return within;
  }
  const other = decision.runnerUp && decision.runnerUp.score >= settings.threshold ? (decision.runnerUp.id as FaqId) : undefined;
  const contact = contactOf(context, turn, scamFlow);
  const branch = chosenBranch(scamFlow, classification);
  const reply = responder.flowStart(scamFlow.id, { branch, otherQuestion: other, contact });
  const changes = { flow: scamFlow.id, lastIntent: scamFlow.opens_with, misses: 0, contact, flowBranch: branch };
  return replied(state, reply, 'safety', changes, classification);
};

/**
 * After an answer given in the middle of the flow, a clear question is answered as such.
 * (A branch is a report of what happened, 「振り込んでしまった」: it always counts.)
 */
function isClearQuestionAfterCarriedAnswer({ state, classification }: TextTurn): boolean {
  return state.flowCarried === true && (classification.decision.reason === 'faq' || classification.decision.reason === 'out_of_scope');
}

/** 3. Within a flow, words that say what happened choose a branch; words about the contact keep the person there, with the general steps. */
const withinFlow: Step = (context, turn) => {
  const { activeFlow: flow, state, classification } = turn;
  if (!flow) return undefined;
  const branch = chosenBranch(flow, classification);
  // The same step again (「何か入れてしまったかも」 after 「入力してしまった」) would repeat its text: the general steps instead.
  if (branch && branch !== state.flowBranch) {
    const contact = contactOf(context, turn, flow);
    const reply = context.responder.flowBranch(flow.id, branch, contact);
    return replied(state, reply, 'flow_branch', { flowCarried: false, misses: 0, contact, flowBranch: branch }, classification);
  }
  if (branch) return generalSteps(context, turn, flow);
  const stays = flow.stay_rules.some((rule, index) => fireRule(flow.id, index, rule, classification.tags) !== undefined);
  return stays && !isClearQuestionAfterCarriedAnswer(turn) ? generalSteps(context, turn, flow) : undefined;
};

/** 4. 「なんでそう言えるの？」 right after an answer asks for that answer's grounds. */
const groundsOfLastAnswer: Step = (context, { state, classification }) => {
  const { groundsEntry, settings } = context;
  const last = state.lastIntent;
  const { decision, tags } = classification;
  if (!groundsEntry || !last || last === groundsEntry.id || groundsEntry.grounds_for.includes(last)) return undefined;
  if (decision.reason !== 'faq' || decision.intentId !== groundsEntry.id) return undefined;
  if (GROUNDS_OWN_TOPIC.some((concept) => tags.kept.has(concept))) return undefined;
  const { runnerUp } = decision;
  if (runnerUp && runnerUp.id !== last && runnerUp.score >= settings.threshold) return undefined;
  return answerFaq(context, state, last, 'followup', classification);
};

/** 5. A clear FAQ question always wins over context; two equally likely ones are asked about. */
const clearQuestion: Step = (context, { state, classification }) => {
  const { decision } = classification;
  if (decision.reason !== 'faq') return undefined;
  const best = decision.intentId as FaqId;
  const { runnerUp } = decision;
  const { threshold, closeRatio } = context.settings;
  if (runnerUp && runnerUp.score >= threshold && runnerUp.score >= closeRatio * decision.score) {
    return replied(state, context.responder.clarify(best, runnerUp.id as FaqId), 'clarify', { misses: 0 }, classification);
  }
  return answerFaq(context, state, best, 'faq', classification);
};

/** 6. A question the FAQ does not cover goes to the call center; a scam by another organisation, to where such scams go. */
const notCovered: Step = ({ responder }, { state, classification }) => {
  const { reason } = classification.decision;
  if (reason === 'out_of_scope') return replied(state, responder.callCenter('out_of_scope'), 'out_of_scope', { misses: 0 }, classification);
  if (reason === 'other_scam') return replied(state, responder.otherScam(), 'other_scam', { misses: 0, flow: undefined }, classification);
  return undefined;
};

/**
 * 7. A vague follow-up read in the light of the last answer: a follow-up the entry declares
 * (「それはなぜ？」 after 問1), else the likeliest of the entry, its related entries and its
 * follow-ups' targets that scores at least the context threshold.
 */
const followUp: Step = (context, { state, classification }) => {
  const last = state.lastIntent;
  if (!last) return undefined;
  const entry = context.faqById.get(last)!;
  const declared = entry.followups.find((followup, index) => fireRule(last, index, followup.when, classification.tags));
  if (declared?.go === 'flow') {
    const flow = context.responder.flowOpenedBy(last);
    if (flow) return replied(state, context.responder.flowPrompt(flow.id), 'followup', { flow: flow.id, misses: 0 }, classification);
  } else if (declared) {
    return answerFaq(context, state, declared.go, 'followup', classification);
  }
  const near = new Set<string>([last, ...entry.related, ...entry.followups.map((followup) => followup.go)]);
  const candidate = classification.decision.ranking.find(
    (scored) => near.has(scored.id) && scored.score >= context.settings.contextThreshold,
  );
  return candidate ? answerFaq(context, state, candidate.id as FaqId, 'followup', classification) : undefined;
};

/** 8. Small talk. */
const smalltalk: Step = ({ responder }, { state, classification }) => {
  const { decision } = classification;
  if (decision.reason !== 'smalltalk') return undefined;
  return replied(state, responder.smalltalk(decision.intentId.replace(/^smalltalk\./, '')), 'smalltalk', { misses: 0 }, classification);
};

/** 9. Within a flow, anything else gets the general steps and the choices (not once an answer was carried into it). */
const flowChoicesAgain: Step = (context, turn) =>
  turn.activeFlow && !turn.state.flowCarried ? generalSteps(context, turn, turn.activeFlow) : undefined;

/**
 * 10. A short message about the last answer: one naming its own topic (「暗号化もするの？」 right
 * after the answer about measures), or one of question words only (「具体的には？」「なんで？」).
 */
const aboutLastAnswer: Step = (context, { state, classification }) => {
  const last = state.lastIntent;
  if (!last || classification.analysis.normalized.text.length > MAX_CONTINUATION_LENGTH) return undefined;
  const { kept } = classification.tags;
  const topic = context.topicConcepts.get(last)!;
  const namesTopic = [...kept].some((concept) => topic.has(concept));
  const questionWordsOnly = kept.size > 0 && [...kept].every((concept) => QUESTION_WORDS.has(concept));
  return namesTopic || questionWordsOnly ? answerFaq(context, state, last, 'followup', classification) : undefined;
};

/** 11. Where the rules found nothing, the second opinion's clear vote. */
const secondOpinion: Step = (context, { state, classification }) => {
  const { decision } = classification;
  return decision.reason === 'second_opinion'
    ? answerFaq(context, state, decision.intentId as FaqId, 'second_opinion', classification)
    : undefined;
};

/** 12. A miss: the first asks to rephrase, offering the questions it most likely meant; the second in a row routes to the call center. */
const miss: Step = ({ responder, faqIds }, { state, classification }) => {
  if (state.misses >= 1) return replied(state, responder.callCenter('second_miss'), 'second_miss', { misses: 0 }, classification);
  return replied(
    state,
    responder.rephrase(likelyEntries(classification, LIKELY_OFFERED, faqIds)),
    'rephrase',
    { misses: state.misses + 1 },
    classification,
  );
};

/** The steps in the order they are tried. */
export const TEXT_STEPS: readonly Step[] = [
  scamWarning,
  withinFlow,
  groundsOfLastAnswer,
  clearQuestion,
  notCovered,
  followUp,
  smalltalk,
  flowChoicesAgain,
  aboutLastAnswer,
  secondOpinion,
  miss,
];

export function respondToText(context: DialogContext, turn: TextTurn): TurnResult {
  for (const step of TEXT_STEPS) {
    const result = step(context, turn);
    if (result) return result;
  }
  // `miss` always answers; this is never reached.
  throw new Error('no step of the dialog answered');
}
