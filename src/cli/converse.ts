import readline from 'node:readline';
import { z } from 'zod';
import { NEW_CONVERSATION } from '../conversation/state';
import { loadBot } from './load';

const conversationSchema = z.object({
  turns: z.array(z.union([z.object({ user: z.string() }), z.object({ payload: z.string() })])),
});

/**
 * Reads conversations as JSON lines, {"turns": [{"user": "..."}, ...]}, and writes one JSON
 * line per conversation, {"labels": [...]}: the label the bot answered at each turn. A turn
 * may also be {"payload": "intent:q3"}, a pressed quick reply. A line that is not a
 * conversation gets {"error": "..."} and the rest go on.
 */
export async function runConverse(): Promise<number> {
  const { dialog } = await loadBot();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let failures = 0;
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
    let state = NEW_CONVERSATION;
    const labels: string[] = [];
    for (const turn of parsed.data.turns) {
      const result = dialog.respond(state, 'user' in turn ? { text: turn.user } : { payload: turn.payload });
      labels.push(result.reply.label);
      state = result.state;
    }
    process.stdout.write(`${JSON.stringify({ labels })}\n`);
  }
  return failures > 0 ? 1 : 0;
}
