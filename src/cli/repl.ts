import readline from 'node:readline';
import type { Classification } from '../core/engine';
import { explainBriefly, explainFully } from '../core/explain';
import { type ConversationState, NEW_CONVERSATION } from '../conversation/state';
import { loadStaffBot } from './load';
import { renderReplyAsText } from './render-text';

const HELP = `Type a message to see the reply and why the bot chose it. The conversation goes on
across lines, as in the chat: follow-ups, the scam-call flow and the fallback ladder apply.
  :trace          the full trace of the last message (normalized text, tokens, every score)
  :trace <text>   the full trace of <text> (the conversation is not changed)
  :state          the conversation's state
  :press <n>      press the n-th quick reply of the last answer
  :new            start a new conversation
  :help           this help
  :quit           leave (or Ctrl-D)`;

function describeState(state: ConversationState): string {
  const offered = state.offered.map((quick, index) => `${index + 1}:${quick.label}`).join(' ');
  return `turns ${state.turns} | last ${state.lastIntent ?? '-'} | flow ${state.flow ?? '-'}${state.flowCarried ? ' (carried across one answer)' : ''} | misses ${state.misses} | offered ${offered || '-'}`;
}

export async function runRepl(): Promise<number> {
  const bot = await loadStaffBot();
  const { engine, hub, sessions } = bot;
  const stopwords = new Set(engine.data.stopwords);
  let session = await hub.startSession();
  const state = async (): Promise<ConversationState> => (await sessions.get(session)) ?? NEW_CONVERSATION;
  const terminal = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let last: Classification | undefined;
  console.log(`kenpo-faq REPL. ${HELP.split('\n')[0]} (:help for commands)`);
  terminal.setPrompt('> ');
  terminal.prompt();
  for await (const line of terminal) {
    const input = line.trim();
    if (input === ':quit' || input === ':q') break;
    if (input === ':help') console.log(HELP);
    else if (input === ':state') console.log(describeState(await state()));
    else if (input === ':new') {
      session = await hub.startSession();
      console.log('A new conversation.');
    } else if (input.startsWith(':trace')) {
      const text = input.slice(':trace'.length).trim();
      if (text) last = engine.classify(text);
      console.log(last ? explainFully(last, stopwords) : 'Nothing to trace yet: type a message first.');
    } else if (input.startsWith(':press')) {
      const quick = (await state()).offered[Number(input.slice(':press'.length).trim()) - 1];
      if (!quick) console.log(`No such quick reply. ${describeState(await state())}`);
      else {
        const result = await hub.handle({ channel: 'cli', session, payload: quick.payload });
        if (result.effect?.kind === 'forget') session = await hub.startSession();
        console.log(renderReplyAsText(result.reply));
        console.log(`  ↳ pressed ${quick.payload} → ${result.reply.intentId} (${result.route})`);
      }
    } else if (input !== '') {
      const result = await hub.handle({ channel: 'cli', session, text: input });
      if (result.effect?.kind === 'forget') session = await hub.startSession();
      if (result.classification) last = result.classification;
      console.log(renderReplyAsText(result.reply));
      console.log(`  ↳ ${result.route} → ${result.reply.intentId} | ${last && result.classification ? explainBriefly(last) : ''}`);
    }
    terminal.prompt();
  }
  terminal.close();
  return 0;
}
