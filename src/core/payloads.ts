import { FAQ_ID_PATTERN, type FaqId } from '../data/schemas';

/**
 * What a quick reply sends back. Payloads are plain strings so every channel can carry them
 * (LINE postback data, Slack button values, the widget's buttons):
 *   start | menu | intent:<q1, q2 …> | flow:<flow> | flow:<flow>:<branch> | feedback:yes | feedback:no
 *   | forget:confirm | forget:cancel (the answer to 「この会話の記録を削除しますか？」)
 *   | lang:en | lang:ja (the bot's own words in English, or back in Japanese)
 */
export type Payload =
  | { readonly kind: 'start' }
  | { readonly kind: 'menu' }
  | { readonly kind: 'intent'; readonly id: FaqId }
  | { readonly kind: 'flow'; readonly flow: string; readonly branch?: string }
  | { readonly kind: 'feedback'; readonly solved: boolean }
  | { readonly kind: 'forget'; readonly confirmed: boolean }
  | { readonly kind: 'language'; readonly language: 'en' | 'ja' };

export const PAYLOAD_PATTERN =
  /^(start|menu|intent:q\d{1,3}|flow:[a-z_]+(:[a-z_]+)?|feedback:(yes|no)|forget:(confirm|cancel)|lang:(en|ja))$/;

/** `faqIds`: the entries there are (a button for an entry that no longer exists is no payload). */
export function parsePayload(payload: string, faqIds: ReadonlySet<string>): Payload | undefined {
  if (!PAYLOAD_PATTERN.test(payload)) return undefined;
  const [kind, first, second] = payload.split(':');
  switch (kind) {
    case 'start':
      return { kind: 'start' };
    case 'menu':
      return { kind: 'menu' };
    case 'intent':
      return FAQ_ID_PATTERN.test(first!) && faqIds.has(first!) ? { kind: 'intent', id: first! } : undefined;
    case 'flow':
      return second === undefined ? { kind: 'flow', flow: first! } : { kind: 'flow', flow: first!, branch: second };
    case 'feedback':
      return { kind: 'feedback', solved: first === 'yes' };
    case 'forget':
      return { kind: 'forget', confirmed: first === 'confirm' };
    case 'lang':
      return { kind: 'language', language: first === 'en' ? 'en' : 'ja' };
    default:
      return undefined;
  }
}

export const payload = {
  start: 'start',
  menu: 'menu',
  intent: (id: FaqId) => `intent:${id}`,
  flow: (flow: string, branch?: string) => (branch ? `flow:${flow}:${branch}` : `flow:${flow}`),
  feedback: (solved: boolean) => `feedback:${solved ? 'yes' : 'no'}`,
  forget: (confirmed: boolean) => `forget:${confirmed ? 'confirm' : 'cancel'}`,
  language: (language: 'en' | 'ja') => `lang:${language}`,
};
