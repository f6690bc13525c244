/**
 * `npm run bench`: start-up time and memory of stock kuromoji beside the project's, the CLI's
 * cold start, per-message latency, and what a chat turn costs the server. A benchmark, not a test: it prints figures and asserts
 * nothing. Each start-up figure is the median of several fresh processes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createEngine } from '../core/engine';
import { readEvalFile } from '../evaluation/dataset';
import { PROJECT_ROOT } from '../paths';
import { mebibytes, median, percentile } from './stats';
import { turnCost } from './turn-cost';

const DIST = path.join(PROJECT_ROOT, 'dist');
const RUNS = 5;
const LATENCY_ROUNDS = 20;
const MESSAGE = '情報は漏れたんですか';

interface Probe {
  readyMs: number;
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
}

function probe(mode: 'stock' | 'tokenizer' | 'engine'): Probe {
  const runs: Probe[] = [];
  for (let run = 0; run < RUNS; run++) {
    const output = execFileSync(process.execPath, ['--expose-gc', path.join(DIST, 'bench', 'probe-memory.js'), mode], { encoding: 'utf8' });
    runs.push(JSON.parse(output.trim().split('\n').pop()!) as Probe);
  }
  return {
    readyMs: median(runs.map((run) => run.readyMs)),
    rss: median(runs.map((run) => run.rss)),
    heapUsed: median(runs.map((run) => run.heapUsed)),
    arrayBuffers: median(runs.map((run) => run.arrayBuffers)),
  };
}

function coldStartMs(): number[] {
  const runs: number[] = [];
  for (let run = 0; run < RUNS + 2; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [path.join(DIST, 'cli', 'main.js'), 'ask', MESSAGE], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`the CLI failed: ${result.stderr}`);
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return runs;
}

async function latencyMs(): Promise<{ perMessage: number[]; messages: number }> {
  const engine = await createEngine();
  const texts = readEvalFile(path.join(PROJECT_ROOT, 'test', 'fixtures', 'dev.jsonl')).map((item) => item.text);
  for (let round = 0; round < 3; round++) for (const text of texts) engine.classify(text); // warm-up
  const perMessage: number[] = [];
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      engine.classify(text);
      perMessage.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return { perMessage: perMessage.sort((a, b) => a - b), messages: texts.length };
}

const mb = (bytes: number) => `${mebibytes(bytes).toFixed(0)} MB`;
const ratio = (stock: number, ours: number) => `${(stock / ours).toFixed(1)}×`;
const row = (cells: string[]) => `  ${cells[0]!.padEnd(34)}${cells[1]!.padStart(12)}${cells[2]!.padStart(12)}${cells[3]!.padStart(10)}`;

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}; medians of ${RUNS} fresh processes`);
  const stock = probe('stock');
  const ours = probe('tokenizer');
  console.log('\nTokenizer start-up: stock kuromoji 0.1.2 vs the compact tokenizer (same tokens)');
  console.log(row(['', 'stock', 'project', 'ratio']));
  console.log(
    row([
      'build time (to first tokens)',
      `${stock.readyMs.toFixed(0)} ms`,
      `${ours.readyMs.toFixed(0)} ms`,
      ratio(stock.readyMs, ours.readyMs),
    ]),
  );
  console.log(row(['RSS after load and GC', mb(stock.rss), mb(ours.rss), ratio(stock.rss, ours.rss)]));
  console.log(row(['JS heap after GC', mb(stock.heapUsed), mb(ours.heapUsed), ratio(stock.heapUsed, ours.heapUsed)]));
  console.log(row(['array buffers after GC', mb(stock.arrayBuffers), mb(ours.arrayBuffers), ratio(stock.arrayBuffers, ours.arrayBuffers)]));

  const engine = probe('engine');
  const cold = coldStartMs();
  console.log('\nThe whole bot');
  console.log(`  engine ready (tokenizer, dictionaries, intents) ${engine.readyMs.toFixed(0)} ms; RSS after load and GC ${mb(engine.rss)}`);
  console.log(
    `  cold start, CLI process start to first answer: median ${median(cold).toFixed(0)} ms (min ${Math.min(...cold).toFixed(0)} ms, ${cold.length} runs)`,
  );

  const { perMessage, messages } = await latencyMs();
  console.log(
    `  per-message latency over the dev set (${messages} messages × ${LATENCY_ROUNDS}): ` +
      `p50 ${percentile(perMessage, 0.5).toFixed(3)} ms, p99 ${percentile(perMessage, 0.99).toFixed(3)} ms, max ${perMessage.at(-1)!.toFixed(3)} ms`,
  );

  const texts = readEvalFile(path.join(PROJECT_ROOT, 'test', 'fixtures', 'dev.jsonl')).map((item) => item.text);
  const cost = await turnCost(texts);
  console.log('\nA chat turn on the server, in-process (no HTTP), each a new conversation; the same turn function throughout');
  const share = (part: number) => `${part.toFixed(0)} µs (${((part / cost.throughHubMicros) * 100).toFixed(0)}% of the server's turn)`;
  console.log(`  the server's turn (botkit; SQLite sessions and log, waiting for its writes): ${cost.throughHubMicros.toFixed(0)} µs`);
  console.log(
    `  the same, the dialog called without botkit:                                   ${cost.withoutBotkitMicros.toFixed(0)} µs (hub ÷ direct = ${(cost.throughHubMicros / cost.withoutBotkitMicros).toFixed(2)}×)`,
  );
  console.log(`  masking and the dialog alone (sessions in memory, nothing logged):             ${cost.inMemoryMicros.toFixed(0)} µs`);
  console.log(
    `  botkit's share ${share(cost.throughHubMicros - cost.withoutBotkitMicros)}; SQLite's share ${share(cost.withoutBotkitMicros - cost.inMemoryMicros)}`,
  );
}

void main();
