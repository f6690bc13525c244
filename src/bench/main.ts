/**
 * `npm run bench`: cold start, memory after load, and per-message latency. A benchmark, not a
 * test: it prints figures and asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createEngine } from '../core/engine';
import { readEvalFile } from '../evaluation/dataset';
import { PROJECT_ROOT } from '../paths';
import { mebibytes, median, percentile } from './stats';

const DIST = path.join(PROJECT_ROOT, 'dist');
const COLD_START_RUNS = 7;
const LATENCY_ROUNDS = 20;

function coldStartMs(): number[] {
  const runs: number[] = [];
  for (let run = 0; run < COLD_START_RUNS; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [path.join(DIST, 'cli', 'main.js'), 'ask', '情報は漏れたんですか'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`the CLI failed: ${result.stderr}`);
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return runs;
}

interface MemoryProbe {
  readyMs: number;
  rss: number;
  heapUsed: number;
  arrayBuffers: number;
  external: number;
}

function memoryAfterLoad(): MemoryProbe {
  const output = execFileSync(process.execPath, ['--expose-gc', path.join(DIST, 'bench', 'probe-memory.js')], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop()!) as MemoryProbe;
}

async function latencyMs(): Promise<{ perMessage: number[]; messages: number }> {
  const engine = await createEngine();
  const texts = readEvalFile(path.join(PROJECT_ROOT, 'test', 'fixtures', 'dev.jsonl')).map((item) => item.text);
  for (const text of texts) engine.classify(text); // warm-up
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

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const cold = coldStartMs();
  console.log(`cold start, CLI process start to first answer (median of ${cold.length}): ${median(cold).toFixed(0)} ms  (min ${Math.min(...cold).toFixed(0)} ms)`);
  const memory = memoryAfterLoad();
  console.log(
    `after load and GC: RSS ${mebibytes(memory.rss).toFixed(0)} MB, heap ${mebibytes(memory.heapUsed).toFixed(0)} MB, ` +
      `array buffers ${mebibytes(memory.arrayBuffers).toFixed(0)} MB  (engine ready in ${memory.readyMs.toFixed(0)} ms)`,
  );
  const { perMessage, messages } = await latencyMs();
  console.log(
    `per-message latency over the dev set (${messages} messages × ${LATENCY_ROUNDS}): ` +
      `p50 ${percentile(perMessage, 0.5).toFixed(3)} ms, p99 ${percentile(perMessage, 0.99).toFixed(3)} ms, max ${perMessage.at(-1)!.toFixed(3)} ms`,
  );
}

void main();
