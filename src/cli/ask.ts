import { askOnce, loadStaffBot } from './load';
import { renderReplyAsText } from './render-text';

export async function runAsk(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const text = args.filter((arg) => arg !== '--json').join(' ');
  if (text.trim() === '') {
    console.error('ask needs a message, e.g.: npm run cli -- ask "情報は漏れたの？"');
    return 1;
  }
  const { reply } = await askOnce(await loadStaffBot(), text);
  console.log(json ? JSON.stringify(reply) : renderReplyAsText(reply));
  return 0;
}
