/** The longest message the chat API takes (MAX_TEXT_LENGTH in src/server/chat-route.ts; a test keeps them equal). */
export const MAX_TEXT = 500;

/**
 * Everything the widget says, in one place (as zod keeps its messages in locales/ja.ts): the
 * words are data, the other files only place them.
 */
export const TEXT = {
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
} as const;
