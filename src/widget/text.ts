import type { Language } from '../core/reply-shape';

/** The longest message the chat API takes (MAX_TEXT_LENGTH in src/server/chat-route.ts; a test keeps them equal). */
export const MAX_TEXT = 500;

/**
 * Everything the widget says, in one place and in each language of the conversation (as zod
 * keeps its messages in locales/): the words are data, the other files only place them. The
 * Japanese is the source of truth; the English must have every key (the Words type says so).
 */
const JA = {
  launcher: 'チャットで質問する',
  title: '不審通信に関するご質問',
  subtitle: '協会けんぽ 自動応答チャット',
  close: '閉じる',
  closeLabel: 'チャットを閉じる',
  standing: 'お名前・保険証の記号番号・電話番号などの個人情報は入力しないでください',
  logLabel: '会話の記録',
  scrollLabel: 'チャットの会話と選択肢',
  quickLabel: '質問の候補',
  inputLabel: `ご質問を入力してください（${MAX_TEXT}文字まで）`,
  placeholder: '例：情報は漏れたのですか',
  send: '送信',
  remaining: (left: number) => `あと${left}文字`,
  full: `${MAX_TEXT}文字に達しました。これ以上は入力できません。`,
  pasteCut: (lost: number) =>
    `貼り付けた文章のうち、終わりの${lost}文字は入りきりませんでした（${MAX_TEXT}文字まで）。続きは、分けて送ってください。`,
  preparing: '回答を準備しています…',
  bot: '自動応答：',
  you: 'あなた：',
  warningTitle: 'ご注意ください',
  privacyTitle: '個人情報について',
  errorTitle: 'お知らせ',
  callCenterTitle: 'お問い合わせ先',
  callCenterName: '窓口',
  callCenterPhone: '電話番号',
  callCenterHours: '受付時間',
  retry: 'もう一度試す',
  networkError: '通信できませんでした。インターネットへの接続を確かめて、もう一度お試しください。',
  serverError: '申し訳ございません。ただいま応答できません。しばらくしてからお試しください。',
  renewed: 'しばらく時間がたったため、ここからは新しい会話としてお答えします。前のやりとりは引き継がれません。',
  deleteButton: 'この会話を削除',
  deleteConfirm: 'この会話を削除しますか？',
  deleteConfirmHint: '画面のやりとりと、記録として残っている内容が消えます。元に戻すことはできません。',
  deleteYes: '削除する',
  deleteNo: 'やめる',
  deleting: '会話を削除しています…',
  deleted: '会話を削除しました。',
  restart: 'はじめから質問する',
  deleteFailed: '会話を削除できませんでした。会話は残っています。しばらくしてから、もう一度お試しください。',
  deleteNetworkError: '通信できなかったため、会話を削除できませんでした。インターネットへの接続を確かめて、もう一度お試しください。',
  deletedPartly: 'いまの会話は削除しましたが、それより前のやりとりを削除できませんでした。「この会話を削除」から、もう一度お試しください。',
  // The toggles: ふりがな on and off (aria-pressed says which), and the other language, named in itself.
  furigana: 'ふりがな',
  furiganaLabel: '漢字にふりがなを表示',
  languageButton: 'English',
  languageButtonLabel: 'Switch to English',
} as const;

/** The same keys in every language; a function stays a function of the same arguments. */
export type Words = {
  readonly [K in keyof typeof JA]: (typeof JA)[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};

const EN: Words = {
  launcher: 'Ask in chat',
  title: 'Q&A: suspicious communications',
  subtitle: 'Kyokai Kenpo chatbot',
  close: 'Close',
  closeLabel: 'Close the chat',
  standing: 'Do not type personal details (name, insurance card number, phone number…)',
  logLabel: 'Conversation',
  scrollLabel: 'The chat conversation and choices',
  quickLabel: 'Suggested questions',
  inputLabel: `Question (up to ${MAX_TEXT} characters)`,
  placeholder: 'e.g. Was data leaked?',
  send: 'Send',
  remaining: (left: number) => (left === 1 ? '1 character left' : `${left} characters left`),
  full: `You have reached ${MAX_TEXT} characters; no more can be typed.`,
  pasteCut: (lost: number) =>
    `The last ${lost === 1 ? 'character' : `${lost} characters`} of what you pasted did not fit (up to ${MAX_TEXT}). Please send the rest separately.`,
  preparing: 'Preparing an answer…',
  bot: 'Automated reply: ',
  you: 'You: ',
  warningTitle: 'Please be careful',
  privacyTitle: 'About personal information',
  errorTitle: 'Notice',
  callCenterTitle: 'Contact',
  callCenterName: 'Name',
  callCenterPhone: 'Phone',
  callCenterHours: 'Hours',
  retry: 'Try again',
  networkError: 'Could not connect. Check your internet connection and try again.',
  serverError: 'Sorry, the chat cannot answer right now. Please try again later.',
  renewed: 'Some time has passed, so from here on this is a new conversation. The earlier messages are not carried over.',
  deleteButton: 'Delete chat',
  deleteConfirm: 'Delete this conversation?',
  deleteConfirmHint: 'The messages on screen and what was kept on record will be erased. This cannot be undone.',
  deleteYes: 'Delete',
  deleteNo: 'Cancel',
  deleting: 'Deleting the conversation…',
  deleted: 'The conversation has been deleted.',
  restart: 'Start again',
  deleteFailed: 'The conversation could not be deleted; it is still there. Please try again later.',
  deleteNetworkError: 'Could not connect, so the conversation was not deleted. Check your internet connection and try again.',
  deletedPartly: 'This conversation was deleted, but the earlier part of it could not be. Please try again with "Delete chat".',
  furigana: 'Furigana',
  furiganaLabel: 'Furigana: kana readings over kanji',
  languageButton: '日本語',
  languageButtonLabel: '日本語に切り替える',
};

export const WORDS: { readonly [L in Language]: Words } = { ja: JA, en: EN };

/** The language the other-language button switches to. */
export function otherLanguage(language: Language): Language {
  return language === 'en' ? 'ja' : 'en';
}
