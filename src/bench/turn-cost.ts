/**
 * What one chat turn costs the server, in-process (no HTTP): through the hub on botkit as the
 * server runs it, and the same work (masking, session, dialog, log entry) without botkit.
 * The difference is what botkit's turn machinery costs; `npm run load` shows it under load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createDialog } from '../conversation/dialog';
import { NEW_CONVERSATION } from '../conversation/state';
import { startServer } from '../server/start';

const TURNS = 20_000;
// The server writes its batches at the end of each turn of the event loop; so does this.
const TURNS_PER_LOOP = 20;

export interface TurnCost {
  readonly throughHubMicros: number;
  readonly withoutBotkitMicros: number;
}

export async function turnCost(texts: readonly string[]): Promise<TurnCost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-turn-cost-'));
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const server = await startServer({ port: 0, dataDir, logDestination: discard });
  try {
    const bot = await server.ready;
    bot.logger.level = 'warn';
    const dialog = createDialog(bot.engine, bot.responder);
    const throughHub = async (text: string) => {
      await bot.hub.handle({ channel: 'web', session: bot.hub.startSession(), text });
    };
    const withoutBotkit = async (text: string) => {
      const session = bot.hub.startSession();
      const masked = bot.masker.mask(text);
      const result = dialog.respond(bot.sessions.get(session) ?? NEW_CONVERSATION, { text, personalData: masked.found });
      bot.sessions.set(session, result.state);
      const { reply, route, classification } = result;
      bot.conversationLog.record({
        at: new Date(),
        channel: 'web',
        session,
        maskedText: masked.text,
        label: reply.label,
        intent: reply.intentId,
        route,
        score: classification?.score ?? 0,
        confidence: classification?.confidence ?? 0,
        personalData: masked.found,
      });
    };
    const micros = async (turn: (text: string) => Promise<void>) => {
      const run = async (count: number) => {
        for (let index = 0; index < count; index++) {
          await turn(texts[index % texts.length]!);
          if (index % TURNS_PER_LOOP === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      };
      await run(2000); // warm-up
      const started = process.hrtime.bigint();
      await run(TURNS);
      return Number(process.hrtime.bigint() - started) / 1e3 / TURNS;
    };
    // Alternated, so neither gets the quieter moments of a shared machine.
    const hub = [await micros(throughHub), await micros(throughHub)];
    const bare = [await micros(withoutBotkit), await micros(withoutBotkit)];
    return { throughHubMicros: Math.min(...hub), withoutBotkitMicros: Math.min(...bare) };
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
