import type { BotData } from './load-bot-data';

/**
 * The bot's data as an English writer sees it: every text of the bot's own in English (button
 * labels, messages, small talk, the fallback, the scam flow's steps), the official answers as
 * they are — in Japanese, word for word. The responder built on it (core/reply.ts) puts one
 * English line before each official answer.
 */
export function englishView(data: BotData): BotData {
  const { en: messages } = data.messages;
  return {
    ...data,
    faq: data.faq.map((intent) => ({ ...intent, label: intent.label_en })),
    smalltalk: {
      ...data.smalltalk,
      kinds: Object.fromEntries(Object.entries(data.smalltalk.kinds).map(([kind, entry]) => [kind, { ...entry, answer: entry.answer_en }])),
    },
    fallback: { ...data.fallback, answer: data.fallback.answer_en },
    messages: { ...messages, en: messages },
    flows: data.flows.map((flow) => ({
      ...flow,
      prompt: flow.en.prompt,
      general: flow.en.general,
      general_again: flow.en.general_again,
      unknown_contact: flow.en.unknown_contact,
      contacts: flow.contacts.map((contact) => ({ ...contact, ...flow.en.contacts[contact.id]! })),
      branches: Object.fromEntries(
        Object.entries(flow.branches).map(([id, branch]) => [id, { ...branch, label: flow.en.branches[id]!.label, answer: flow.en.branches[id]!.answer }]),
      ),
    })),
  };
}
