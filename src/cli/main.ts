#!/usr/bin/env node
import { BotError, describe } from '../errors';
import { runAsk } from './ask';
import { runClassify } from './classify';
import { runConverse } from './converse';
import { runCrossValidate } from './crossvalidate';
import { runEval } from './eval';
import { runMasking } from './masking';
import { runRepl } from './repl';
import { runScamFlow } from './scamflow';
import { runForget, runReport } from './report';

const USAGE = `Usage: npm run cli -- <command>   (or: kenpo-faq <command>)

Commands:
  ask "<text>"        print the bot's reply to one message
  classify            read one message per line on stdin; write one JSON line each
  converse            read conversations as JSON lines ({"turns": [{"user": "..."}]}); write the label of each turn
  eval <file.jsonl>   score a labelled file (the format of shared/eval/dev.jsonl)
  crossvalidate [--share S]
                      what the second opinion adds on labelled sets it was not trained on
  masking <file.jsonl> [--misses]
                      how much of a canary corpus's personal data the masker masks
  scamflow <file.jsonl> [--misses]
                      scripted scam conversations: scam turns kept in the flow, call-only advice, repeats
  repl                try phrasings interactively and see why the bot answered
  report [--from D] [--to D] [--days N] [--csv] [--html FILE]
                      the conversation log's report for staff (DATA_DIR or --data-dir)
  forget <session>    delete a conversation's entries from the log, on the person's request`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  ask: runAsk,
  classify: runClassify,
  converse: runConverse,
  eval: runEval,
  crossvalidate: runCrossValidate,
  masking: runMasking,
  scamflow: runScamFlow,
  repl: runRepl,
  report: runReport,
  forget: runForget,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${USAGE}`);
    return 1;
  }
  return command(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Data and set-up errors already say what to fix; anything else is a bug worth a stack.
    console.error(error instanceof BotError ? `error: ${error.message}` : error instanceof Error ? error.stack : describe(error));
    process.exitCode = 2;
  },
);
