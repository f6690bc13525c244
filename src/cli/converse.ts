import readline from 'node:readline';
import { z } from 'zod';
import { loadStaffBot } from './load';

const accept = z.array(z.string()).optional();
const conversationSchema = z.object({
  turns: z.array(z.union([z.object({ user: z.string(), accept }), z.object({ payload: z.string(), accept })])),
});

/**
 * Reads conversations as JSON lines, {"turns": [{"user": "..."}, ...]}, and writes one JSON
 * line per conversation, {"labels": [...]}: the label the bot answered at each turn. A turn
 * may also be {"payload": "intent:q3"}, a pressed quick reply. A line that is not a
 * conversation gets {"error": "..."} and the rest go on. When turns carry the labels that
 * count as right ({"user": "...", "accept": ["q2"]}), the per-turn accuracy and the misses
 * are printed to stderr at the end.
 */
export async function runConverse(): Promise<number> {
  const bot = await loadStaffBot();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
  let scored = 0;
  let correct = 0;
  const misses: string[] = [];
  for await (const line of input) {
    lineNumber++;
    if (line.trim() === '') continue;
    let parsed;
    try {
      parsed = conversationSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      failures++;
      const error = `line ${lineNumber}: expected {"turns": [{"user": "..."}, ...]}`;
      console.error(error);
      process.stdout.write(`${JSON.stringify({ error })}\n`);
      continue;
    }
    const session = await bot.hub.startSession();
    const labels: string[] = [];
    for (const [index, turn] of parsed.data.turns.entries()) {
      const result = await bot.hub.handle({
        channel: 'cli',
        session,
        ...('user' in turn ? { text: turn.user } : { payload: turn.payload }),
      });
      labels.push(result.reply.label);
      if (turn.accept) {
        scored++;
        if (turn.accept.includes(result.reply.label)) correct++;
        else
          misses.push(
            `line ${lineNumber} turn ${index + 1}: want ${turn.accept.join('|')} got ${result.reply.label} (${result.route}): ${'user' in turn ? turn.user : turn.payload}`,
          );
      }
    }
    process.stdout.write(`${JSON.stringify({ labels })}\n`);
  }
  if (scored > 0) {
    console.error(misses.join('\n'));
    console.error(`per-turn accuracy: ${((100 * correct) / scored).toFixed(1)}% (${correct}/${scored})`);
  }
  return failures > 0 ? 1 : 0;
}
