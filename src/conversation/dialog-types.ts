import type { Classification } from '../core/engine';
import type { Reply } from '../core/reply';
import type { ConversationState } from './state';

/** Which step of the dialog answered (see dialog.ts): logged, reported, and tested against. */
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
