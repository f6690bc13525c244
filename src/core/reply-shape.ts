/**
 * The shape of a reply, and nothing else: this file imports nothing, so the browser widget
 * (src/widget/) can take these types without bringing core's data and code into its type-check.
 * src/core/reply.ts re-exports them and builds the replies.
 */

export type NoticeKind = 'scam_warning' | 'privacy';

export interface ReplyMessage {
  readonly kind: 'answer' | 'notice';
  readonly text: string;
  readonly notice?: NoticeKind;
  /** The official FAQ text, word for word: channels show the reply's `asOf` line under it. */
  readonly official?: true;
}

export interface QuickReply {
  /** What the button shows (at most 20 characters: LINE's limit). */
  readonly label: string;
  /** What the button sends back (see conversation/payloads.ts). */
  readonly payload: string;
}

export interface CallCenter {
  readonly name: string;
  readonly phone: string;
  readonly hours: string;
}

/** The languages of the bot's own words. */
export type Language = 'ja' | 'en';

export interface AsOf {
  /** YYYY-MM-DD (config officialFaq.asOf). */
  readonly date: string;
  /** 「（2026年11月25日時点の公表内容です）」 */
  readonly text: string;
}

export interface Reply {
  /** An FAQ id (q1…), smalltalk or fallback: the data's Label (src/data/schemas.ts). */
  readonly label: string;
  /** q1..q11, smalltalk.<kind>, flow:<flow>[:<branch>], or fallback.<why>. */
  readonly intentId: string;
  readonly messages: readonly ReplyMessage[];
  readonly quickReplies: readonly QuickReply[];
  /** Present when the reply routes the person to the call center. */
  readonly callCenter?: CallCenter;
  /** Present when the reply holds an official answer: the official FAQ's date, and the line that says it. */
  readonly asOf?: AsOf;
  /** Present when the bot's own words are in English (the official answers stay Japanese); the dialog sets it. */
  readonly language?: 'en';
}
