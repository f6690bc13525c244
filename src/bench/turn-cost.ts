/**
 * What one chat turn costs the server, in-process (no HTTP), compared like with like: the same
 * turn function (conversation/turn.ts) with the server's own services — masker, shared session
 * store, conversation log, and the wait for each turn's writes — once working its reply out
 * through botkit (as the server does) and once calling the dialog directly. The difference is
 * botkit's share; the same direct turn with sessions in memory and no log shows SQLite's share.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createDialog } from '../conversation/dialog';
import { MemorySessionStore } from '../conversation/session-store';
import { type ConversationState, NEW_CONVERSATION } from '../conversation/state';
import { createTurnRunner, respondWith, type TurnRunner } from '../conversation/turn';
import { botkitResponder } from '../hub/botkit-hub';
import { serverTurnServices, startServer } from '../server/start';

const TURNS = 20_000;
const WARM_UP_TURNS = 2000;
const ROUNDS = 3;

export interface TurnCost {
  /** The server's turn: botkit, SQLite sessions and log, each turn waiting for its writes. */
  readonly throughHubMicros: number;
  /** The same turn, the dialog called directly: same stores, same waits. */
  readonly withoutBotkitMicros: number;
  /** The direct turn with sessions in memory and nothing logged: masking and the dialog alone. */
  readonly inMemoryMicros: number;
}

export async function turnCost(texts: readonly string[]): Promise<TurnCost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-turn-cost-'));
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const server = await startServer({ port: 0, dataDir, logDestination: discard });
  try {
    const bot = await server.ready;
    bot.logger.level = 'warn';
    const dialog = createDialog(bot.engine, bot.responder);
    const services = serverTurnServices(bot);
    const throughHub = createTurnRunner({ ...services, respond: botkitResponder(dialog) });
    const withoutBotkit = createTurnRunner({ ...services, respond: respondWith(dialog) });
    const memory = new MemorySessionStore<ConversationState>({ ttlMs: 60_000, maxSessions: 1000 });
    const inMemory = createTurnRunner({ sessions: memory, masker: bot.masker, respond: respondWith(dialog) });

    const micros = async (runner: TurnRunner, sessions: { create(state: ConversationState): Promise<string> }) => {
      const run = async (count: number) => {
        for (let index = 0; index < count; index++) {
          await runner.run({ channel: 'web', session: await sessions.create(NEW_CONVERSATION), text: texts[index % texts.length]! });
        }
      };
      await run(WARM_UP_TURNS);
      const started = process.hrtime.bigint();
      await run(TURNS);
      return Number(process.hrtime.bigint() - started) / 1e3 / TURNS;
    };
    // Rounds alternate, so none gets the quieter moments of a shared machine; the best of each counts.
    const best = { hub: Infinity, direct: Infinity, memory: Infinity };
    for (let round = 0; round < ROUNDS; round++) {
      best.hub = Math.min(best.hub, await micros(throughHub, bot.sessions));
      best.direct = Math.min(best.direct, await micros(withoutBotkit, bot.sessions));
      best.memory = Math.min(best.memory, await micros(inMemory, memory));
    }
    return { throughHubMicros: best.hub, withoutBotkitMicros: best.direct, inMemoryMicros: best.memory };
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
