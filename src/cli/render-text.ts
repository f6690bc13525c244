import type { Reply } from '../core/reply';

/** A reply as plain terminal text. */
export function renderReplyAsText(reply: Reply): string {
  const lines: string[] = [];
  for (const message of reply.messages) {
    if (message.notice === 'scam_warning') lines.push('【ご注意ください】');
    if (message.notice === 'privacy') lines.push('【個人情報について】');
    lines.push(message.text);
  }
  if (reply.quickReplies.length > 0) {
    lines.push('', `選択肢: ${reply.quickReplies.map((quick) => `［${quick.label}］`).join(' ')}`);
  }
  return lines.join('\n');
}
