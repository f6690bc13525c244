import type { BotData } from '../data/load-bot-data';
import type { BotConfig, FaqId, FlowData } from '../data/schemas';
import { englishView } from '../data/english-view';
import { payload } from './payloads';
import type { AsOf, CallCenter, Language, QuickReply, Reply, ReplyMessage } from './reply-shape';

export type { AsOf, CallCenter, Language, NoticeKind, QuickReply, Reply, ReplyMessage } from './reply-shape';

/**
 * Channel-neutral replies: text, notices and quick replies. Channels only render them.
 * FAQ answers are the official text as stored in intents/, never rewritten here; everything
 * else the bot says comes from intents/ too (messages.yaml, flows/, smalltalk.yaml). The replies'
 * shape is in reply-shape.ts (import-free, for the widget), re-exported here.
 */

/** 2026-11-25 → 2026年11月25日 */
export function japaneseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** 2026-11-25 → 25 November 2026 */
export function englishDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}

/** The small-talk kind that asks whether to delete the conversation (intents/smalltalk.yaml). */
export const FORGET_KIND = 'forget';
/** The reply once the person confirmed: whoever sends it must have deleted the conversation first. */
export const FORGET_DONE = 'forget.done';

export function fillCallCenter(template: string, config: BotConfig): string {
  const { name, phone, hours } = config.callCenter;
  return template.replaceAll('{name}', name).replaceAll('{phone}', phone).replaceAll('{hours}', hours);
}

export interface Responder {
  /** The same replies with the bot's own words in that language (the official answers stay Japanese). */
  inLanguage(language: Language): Responder;
  /**
   * The official answer to an FAQ entry, with related questions; for q9, the scam-call flow.
   * `alsoOutOfScope`: the message asked something else the FAQ does not cover, which goes to the call center.
   */
  faqAnswer(id: FaqId, options?: { alsoOutOfScope?: boolean }): Reply;
  /**
   * The scam warning (q9's answer) and the flow's choices; `branch` answers one at once. `contact`
   * (a flow's contacts id: sms, call …) is how the person was contacted: the steps speak of it.
   */
  flowStart(flowId: string, options?: { branch?: string; otherQuestion?: FaqId; contact?: string }): Reply;
  /** The flow's choices (a button that names no branch). */
  flowPrompt(flowId: string, contact?: string): Reply;
  /** A typed question inside the flow: the general steps with the choices; `again`, where to turn. */
  flowGeneral(flowId: string, options: { again: boolean; contact?: string }): Reply;
  flowBranch(flowId: string, branch: string, contact?: string): Reply;
  /**
   * The first of the flow's contacts that these concepts name (how the person was contacted);
   * `known`, the one named before, which only a contact's own concepts replace.
   */
  contactNamed(flowId: string, concepts: ReadonlySet<string>, known?: string): string | undefined;
  smalltalk(kind: string): Reply;
  menu(): Reply;
  /** The first miss: ask to rephrase, and offer the questions it most likely meant (「もしかして」), or all of them. */
  rephrase(likely?: readonly FaqId[]): Reply;
  /** The FAQ does not cover it: route to the call center. */
  callCenter(why: 'out_of_scope' | 'second_miss'): Reply;
  /** A scam by another organisation: where such scams go (#9110, 188), and that this chat is about the association. */
  otherScam(): Reply;
  /** Two entries are equally likely: ask which. */
  clarify(best: FaqId, other: FaqId): Reply;
  feedbackThanks(solved: boolean): Reply;
  /** After the person confirmed deleting the conversation (deleted before this is sent). */
  conversationForgotten(): Reply;
  /** The person chose to keep the conversation after all. */
  forgetCancelled(): Reply;
  /** A turn failed (a deletion the database refused, say): try again later. */
  unavailable(): Reply;
  notText(): Reply;
  /** The notice shown when a message carried personal data. */
  privacyNotice(): ReplyMessage;
  /** The quick replies that ask whether an answer solved the question. */
  feedbackQuickReplies(): QuickReply[];
  findFlow(flowId: string): FlowData | undefined;
  /** The flow an FAQ entry opens, if any (q9 opens the scam-call flow). */
  flowOpenedBy(id: FaqId): FlowData | undefined;
}

/** The responder in Japanese; `inLanguage('en')` gives the same in English. */
export function createResponder(data: BotData, config: BotConfig): Responder {
  const responders = new Map<Language, Responder>();
  const inLanguage = (language: Language) => responders.get(language)!;
  responders.set('ja', buildResponder(data, config, 'ja', inLanguage));
  responders.set(
    'en',
    buildResponder(
      englishView(data),
      { ...config, callCenter: { ...config.callCenter, name: config.callCenter.nameEn } },
      'en',
      inLanguage,
    ),
  );
  return inLanguage('ja');
}

function buildResponder(data: BotData, config: BotConfig, language: Language, inLanguage: (language: Language) => Responder): Responder {
  const english = language === 'en';
  const faqById = new Map(data.faq.map((intent) => [intent.id, intent]));
  const faq = (id: FaqId) => faqById.get(id)!;
  const fill = (text: string) => fillCallCenter(text, config);
  const quickReplyFor = (id: FaqId): QuickReply => ({ label: faq(id).label, payload: payload.intent(id) });
  const asOf: AsOf = {
    date: config.officialFaq.asOf,
    text: data.messages.as_of.replaceAll('{date}', (english ? englishDate : japaneseDate)(config.officialFaq.asOf)),
  };
  // In English, one line before each official answer says what it is; the warning's essentials come first, translated.
  const officialIntro: ReplyMessage[] = english ? [{ kind: 'answer', text: data.messages.en.official_intro }] : [];
  const warningTranslation: ReplyMessage[] = english
    ? [{ kind: 'notice', notice: 'scam_warning', text: data.messages.en.scam_warning_translation }]
    : [];
  const menuButton: QuickReply = { label: data.messages.menu_label, payload: payload.menu };
  // The safe choice first (as in the widget's own confirmation): a habitual tap on the first
  // button must not delete.
  const forgetButtons: QuickReply[] = [
    { label: data.messages.forget_cancel, payload: payload.forget(false) },
    { label: data.messages.forget_confirm, payload: payload.forget(true) },
  ];
  const callCenter: CallCenter = { name: config.callCenter.name, phone: config.callCenter.phone, hours: config.callCenter.hours };
  const findFlow = (flowId: string) => data.flows.find((flow) => flow.id === flowId);
  const flowOpenedBy = (id: FaqId) => data.flows.find((flow) => flow.opens_with === id);
  const branchButtons = (flow: FlowData, except?: string): QuickReply[] =>
    Object.entries(flow.branches)
      .filter(([branch]) => branch !== except)
      .map(([branch, { label }]) => ({ label, payload: payload.flow(flow.id, branch) }));
  const warning = (flow: FlowData): ReplyMessage => ({
    kind: 'notice',
    notice: 'scam_warning',
    text: faq(flow.opens_with).answer,
    official: true,
  });
  /** A flow's text in the words of the contact: {contact}, {stop}, {check}, then the call center. */
  const fillFlow = (text: string, flow: FlowData, contact: string | undefined) => {
    const words = flow.contacts.find((known) => known.id === contact) ?? flow.unknown_contact;
    return fill(text.replaceAll('{stop}', words.stop).replaceAll('{check}', words.check).replaceAll('{contact}', words.name));
  };
  const flowOrThrow = (flowId: string) => {
    const flow = findFlow(flowId);
    if (!flow) throw new Error(`no flow "${flowId}" in intents/flows/`);
    return flow;
  };

  function feedbackQuickReplies(): QuickReply[] {
    return [
      { label: data.messages.feedback_yes, payload: payload.feedback(true) },
      { label: data.messages.feedback_no, payload: payload.feedback(false) },
    ];
  }

  function flowStart(flowId: string, options: { branch?: string; otherQuestion?: FaqId; contact?: string } = {}): Reply {
    const flow = flowOrThrow(flowId);
    const messages: ReplyMessage[] = [...warningTranslation, warning(flow)];
    const quickReplies: QuickReply[] = [];
    if (options.branch) messages.push({ kind: 'answer', text: fillFlow(flow.branches[options.branch]!.answer, flow, options.contact) });
    else messages.push({ kind: 'answer', text: flow.prompt });
    if (options.otherQuestion) {
      messages.push({
        kind: 'answer',
        text: data.messages.other_question_in_message.replaceAll('{label}', faq(options.otherQuestion).label),
      });
      quickReplies.push(quickReplyFor(options.otherQuestion));
    }
    quickReplies.push(...branchButtons(flow, options.branch), menuButton);
    return {
      label: flow.opens_with,
      intentId: options.branch ? `flow:${flow.id}:${options.branch}` : `flow:${flow.id}`,
      messages,
      quickReplies,
      callCenter,
      asOf,
    };
  }

  const responder: Responder = {
    inLanguage,
    findFlow,
    flowOpenedBy,
    flowStart,
    faqAnswer(id, { alsoOutOfScope = false } = {}) {
      const flow = flowOpenedBy(id);
      if (flow) return flowStart(flow.id);
      return {
        label: id,
        intentId: id,
        messages: [
          ...officialIntro,
          { kind: 'answer', text: faq(id).answer, official: true },
          ...(alsoOutOfScope ? [{ kind: 'answer' as const, text: fill(data.messages.other_question_call_center) }] : []),
          { kind: 'answer', text: data.messages.feedback_question },
        ],
        quickReplies: [...feedbackQuickReplies(), ...faq(id).related.map(quickReplyFor), menuButton],
        ...(faq(id).call_center || alsoOutOfScope ? { callCenter } : {}),
        asOf,
      };
    },
    flowPrompt(flowId, contact) {
      const flow = flowOrThrow(flowId);
      return {
        label: flow.opens_with,
        intentId: `flow:${flow.id}`,
        messages: [{ kind: 'answer', text: fillFlow(flow.prompt, flow, contact) }],
        quickReplies: [...branchButtons(flow), menuButton],
        callCenter,
      };
    },
    flowGeneral(flowId, { again, contact }) {
      const flow = flowOrThrow(flowId);
      return {
        label: flow.opens_with,
        intentId: again ? `flow:${flow.id}:general_again` : `flow:${flow.id}:general`,
        messages: [{ kind: 'answer', text: fillFlow(again ? flow.general_again : flow.general, flow, contact) }],
        quickReplies: [...branchButtons(flow), menuButton],
        callCenter,
      };
    },
    contactNamed(flowId, concepts, known) {
      const { contacts } = flowOrThrow(flowId);
      const named = (contact: FlowData['contacts'][number]) =>
        [...contact.concepts, ...(known ? [] : contact.at_first)].some((concept) => concepts.has(concept));
      return contacts.find(named)?.id ?? known;
    },
    flowBranch(flowId, branch, contact) {
      const flow = flowOrThrow(flowId);
      const chosen = flow.branches[branch];
      if (!chosen) throw new Error(`no branch "${branch}" in flow "${flowId}"`);
      return {
        label: flow.opens_with,
        intentId: `flow:${flow.id}:${branch}`,
        messages: [{ kind: 'answer', text: fillFlow(chosen.answer, flow, contact) }],
        quickReplies: [...branchButtons(flow, branch), menuButton],
        callCenter,
      };
    },
    smalltalk(kind) {
      const entry = data.smalltalk.kinds[kind];
      if (!entry) throw new Error(`no small-talk kind "${kind}" in intents/smalltalk.yaml`);
      return {
        label: 'smalltalk',
        intentId: `smalltalk.${kind}`,
        messages: [{ kind: 'answer', text: fill(entry.answer) }],
        quickReplies:
          kind === FORGET_KIND ? forgetButtons : entry.show_menu ? data.faq.map((intent) => quickReplyFor(intent.id)) : [menuButton],
      };
    },
    conversationForgotten() {
      return {
        label: 'smalltalk',
        intentId: FORGET_DONE,
        messages: [{ kind: 'answer', text: data.messages.forget_done }],
        quickReplies: [menuButton],
      };
    },
    unavailable() {
      return {
        label: 'fallback',
        intentId: 'fallback.unavailable',
        messages: [{ kind: 'answer', text: data.messages.unavailable }],
        quickReplies: [],
      };
    },
    forgetCancelled() {
      return {
        label: 'smalltalk',
        intentId: 'forget.cancelled',
        messages: [{ kind: 'answer', text: data.messages.forget_cancelled }],
        quickReplies: [menuButton],
      };
    },
    menu() {
      return {
        label: 'smalltalk',
        intentId: 'menu',
        messages: [{ kind: 'answer', text: data.messages.menu_prompt }],
        quickReplies: data.faq.map((intent) => quickReplyFor(intent.id)),
      };
    },
    rephrase(likely = []) {
      if (likely.length === 0) {
        return {
          label: 'fallback',
          intentId: 'fallback.rephrase',
          messages: [{ kind: 'answer', text: data.messages.rephrase }],
          quickReplies: data.faq.map((intent) => quickReplyFor(intent.id)),
        };
      }
      return {
        label: 'fallback',
        intentId: 'fallback.rephrase',
        messages: [
          { kind: 'answer', text: data.messages.rephrase },
          { kind: 'answer', text: data.messages.maybe },
        ],
        quickReplies: [...likely.map(quickReplyFor), menuButton],
      };
    },
    otherScam() {
      return {
        label: 'fallback',
        intentId: 'fallback.other_scam',
        messages: [{ kind: 'answer', text: data.messages.other_scam }],
        quickReplies: [menuButton],
      };
    },
    callCenter(why) {
      return {
        label: 'fallback',
        intentId: `fallback.${why}`,
        messages: [{ kind: 'answer', text: fill(data.fallback.answer) }],
        quickReplies: [menuButton],
        callCenter,
      };
    },
    clarify(best, other) {
      return {
        label: best,
        intentId: `clarify:${best}|${other}`,
        messages: [{ kind: 'answer', text: data.messages.clarify }],
        quickReplies: [quickReplyFor(best), quickReplyFor(other)],
      };
    },
    feedbackThanks(solved) {
      return solved
        ? {
            label: 'smalltalk',
            intentId: 'feedback.yes',
            messages: [{ kind: 'answer', text: data.messages.feedback_thanks_yes }],
            quickReplies: [menuButton],
          }
        : {
            label: 'smalltalk',
            intentId: 'feedback.no',
            messages: [{ kind: 'answer', text: fill(data.messages.feedback_thanks_no) }],
            quickReplies: [menuButton],
            callCenter,
          };
    },
    notText() {
      return {
        label: 'fallback',
        intentId: 'fallback.not_text',
        messages: [{ kind: 'answer', text: data.messages.not_text }],
        quickReplies: [menuButton],
      };
    },
    privacyNotice() {
      return { kind: 'notice', notice: 'privacy', text: data.messages.privacy_notice };
    },
    feedbackQuickReplies,
  };
  return responder;
}
