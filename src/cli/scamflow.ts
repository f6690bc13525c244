import { readScamConversations, scoreScamConversations } from '../evaluation/scam-conversations';
import { loadStaffBot } from './load';

/**
 * `npm run cli -- scamflow FILE [--misses]`: scripted scam conversations through the staff bot
 * (the same hub and turn as the server), scored: scam turns kept in the flow, call-only advice
 * given to people contacted otherwise, and repeated replies (src/evaluation/scam-conversations.ts).
 */
export async function runScamFlow(args: string[]): Promise<number> {
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error('Usage: npm run cli -- scamflow <conversations.jsonl> [--misses]');
    return 1;
  }
  const conversations = readScamConversations(file);
  const bot = await loadStaffBot();
  const score = await scoreScamConversations(conversations, async (texts) => {
    const session = await bot.hub.startSession();
    const replies = [];
    for (const text of texts) replies.push((await bot.hub.handle({ channel: 'cli', session, text })).reply);
    return replies;
  });
  const percent = (part: number, whole: number) => `${((part / Math.max(1, whole)) * 100).toFixed(1)}% (${part}/${whole})`;
  console.log(`${conversations.length} conversations, ${score.turns} turns`);
  console.log(`  per-turn accuracy:                       ${percent(score.correct, score.turns)}`);
  console.log(`  scam turns kept in the scam flow (q9):   ${percent(score.scamKept, score.scamTurns)}`);
  console.log(`  told to hang up, though not called:      ${score.callAdviceElsewhere}`);
  console.log(`  scam-flow reply the same as the one before: ${score.repeated}`);
  if (args.includes('--misses')) for (const miss of score.misses) console.log(`  ${miss}`);
  return 0;
}
