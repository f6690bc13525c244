import type { Classification, Engine } from '../core/engine';
import type { Reply, Responder } from '../core/reply';
import type { FaqId, FaqIntentData, FlowData } from '../data/schemas';
import type { DialogSettings, TurnResult, TurnRoute } from './dialog-types';
import type { ConversationState } from './state';

/**
 * What every step of the dialog reads, worked out once from the data when the dialog is made,
 * and the two things every step does with it: change the state after a reply, answer an entry.
 */
export interface DialogContext {
  readonly engine: Engine;
  readonly responder: Responder;
  readonly settings: DialogSettings;
  readonly faqById: ReadonlyMap<string, FaqIntentData>;
  readonly faqIds: ReadonlySet<string>;
  /** The entry that gives other entries' grounds (`grounds_for` in intents/: 問2 for 問1). */
  readonly groundsEntry: FaqIntentData | undefined;
  /** The flow the scam warning opens (the entry with a `scam_signal`). */
  readonly scamFlow: FlowData | undefined;
  /** For each entry, the concepts that name its topic (see distinctiveConcepts). */
  readonly topicConcepts: ReadonlyMap<FaqId, ReadonlySet<string>>;
}

// A concept names an entry's topic when few entries score on it: 暗号化 (measures, the data),
// not 協会 or 心配, which every entry shares.
const MAX_ENTRIES_PER_TOPIC_CONCEPT = 3;

export function createDialogContext(engine: Engine, responder: Responder, settings: DialogSettings): DialogContext {
  const safetyEntry = engine.data.faq.find((intent) => intent.scam_signal)?.id;
  return {
    engine,
    responder,
    settings,
    faqById: new Map(engine.data.faq.map((intent) => [intent.id, intent])),
    faqIds: new Set<string>(engine.data.faq.map((intent) => intent.id)),
    groundsEntry: engine.data.faq.find((intent) => intent.grounds_for.length > 0),
    scamFlow: safetyEntry ? responder.flowOpenedBy(safetyEntry) : undefined,
    topicConcepts: distinctiveConcepts(engine.data.faq),
  };
}

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
    faq.map((intent) => [
      intent.id,
      new Set(
        [...usedBy].filter(([, users]) => users.has(intent.id) && users.size <= MAX_ENTRIES_PER_TOPIC_CONCEPT).map(([concept]) => concept),
      ),
    ]),
  );
}

/** The state after a reply: what it offered, one more turn, and the step's own changes. */
export function after(state: ConversationState, reply: Reply, changes: Partial<ConversationState>): ConversationState {
  // A flow opened, reopened or closed starts uncarried (see ConversationState.flowCarried).
  const flowCarried = 'flowCarried' in changes ? changes.flowCarried : 'flow' in changes ? false : state.flowCarried;
  // Only the reply right after the general steps (or a branch) knows they were shown.
  const generalShown = changes.generalShown === true;
  const flowBranch = changes.flowBranch;
  return { ...state, ...changes, flowCarried, generalShown, flowBranch, offered: reply.quickReplies, turns: state.turns + 1 };
}

/** A reply with no further change of state than the step gives. */
export function replied(
  state: ConversationState,
  reply: Reply,
  route: TurnRoute,
  changes: Partial<ConversationState>,
  classification?: Classification,
): TurnResult {
  return { reply, route, classification, state: after(state, reply, changes) };
}

/** An entry's official answer, and the flow it opens (the scam-call flow, for 問9). */
export function answerFaq(
  context: DialogContext,
  state: ConversationState,
  id: FaqId,
  route: TurnRoute,
  classification?: Classification,
): TurnResult {
  const { responder } = context;
  const reply = responder.faqAnswer(id, {
    alsoOutOfScope: classification?.decision.alsoOutOfScope === true && classification.decision.intentId === id,
  });
  const flow = responder.flowOpenedBy(id);
  // A question answered in the middle of the scam-call flow leaves it open for one more message:
  // the person may still be dealing with that call (「偽の保険証を作られない？」 then 「警察にも
  // 言ったほうがいい？」). A second answer in a row closes it.
  const carried = !flow && state.flow !== undefined && !state.flowCarried;
  return {
    reply,
    route,
    classification,
    state: after(state, reply, { lastIntent: id, flow: flow?.id ?? (carried ? state.flow : undefined), flowCarried: carried, misses: 0 }),
  };
}
