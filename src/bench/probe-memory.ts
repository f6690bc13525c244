/**
 * Run in a child process with --expose-gc, so each measurement starts from a fresh process:
 *   stock      stock kuromoji's tokenizer, built the way kuromoji builds it
 *   tokenizer  the project's compact tokenizer over the prepared dictionary
 *   engine     the whole answering engine (tokenizer, dictionaries, intents)
 * Prints one JSON line: the time to ready and the memory after garbage collection.
 */
import { createEngine } from '../core/engine';
import { buildStockTokenizer, loadCompactTokenizer, STOCK_DICTIONARY_PATH } from '../dictionary/tokenizer';

const MESSAGE = '情報は漏れたんですか';

// What each mode loads is kept in `loaded` until the figures are taken, as a server keeps it.
const loaded: unknown[] = [];
const modes = {
  stock: async () => {
    const tokenizer = await buildStockTokenizer(STOCK_DICTIONARY_PATH);
    loaded.push(tokenizer, tokenizer.tokenize(MESSAGE));
  },
  tokenizer: async () => {
    const tokenizer = await loadCompactTokenizer(STOCK_DICTIONARY_PATH);
    loaded.push(tokenizer, tokenizer.tokenize(MESSAGE));
  },
  engine: async () => {
    const engine = await createEngine();
    loaded.push(engine, engine.classify(MESSAGE));
  },
};

async function probe(mode: keyof typeof modes): Promise<void> {
  const started = process.hrtime.bigint();
  await modes[mode]();
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({ mode, readyMs, rss: memory.rss, heapUsed: memory.heapUsed, arrayBuffers: memory.arrayBuffers, kept: loaded.length }),
  );
}

const mode = process.argv[2] as keyof typeof modes;
if (!(mode in modes)) {
  console.error(`usage: probe-memory.js ${Object.keys(modes).join('|')}`);
  process.exitCode = 1;
} else {
  void probe(mode);
}
