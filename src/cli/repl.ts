import readline from 'node:readline';
import type { Classification } from '../core/engine';
import { explainBriefly, explainFully } from '../core/explain';
import { loadBot } from './load';
import { renderReplyAsText } from './render-text';

const HELP = `Type a message to see the reply and why the bot chose it.
  :trace          the full trace of the last message (normalized text, tokens, every score)
  :trace <text>   the full trace of <text>
  :help           this help
  :quit           leave (or Ctrl-D)`;

export async function runRepl(): Promise<number> {
  const { engine, responder } = await loadBot();
  const terminal = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  let last: Classification | undefined;
  console.log(`kenpo-faq REPL. ${HELP.split('\n')[0]} (:help for commands)`);
  terminal.setPrompt('> ');
  terminal.prompt();
  for await (const line of terminal) {
    const input = line.trim();
    if (input === ':quit' || input === ':q') break;
    if (input === ':help') console.log(HELP);
    else if (input.startsWith(':trace')) {
      const text = input.slice(':trace'.length).trim();
      if (text) last = engine.classify(text);
      console.log(last ? explainFully(last) : 'Nothing to trace yet: type a message first.');
    } else if (input !== '') {
      last = engine.classify(input);
      console.log(renderReplyAsText(responder.replyTo(last)));
      console.log(`  ↳ ${explainBriefly(last)}`);
    }
    terminal.prompt();
  }
  terminal.close();
  return 0;
}
