/**
 * Run in a child process with --expose-gc: loads the engine, answers one message, collects
 * garbage and prints the memory figures as one JSON line.
 */
import { createEngine } from '../core/engine';

async function probe(): Promise<void> {
  const started = process.hrtime.bigint();
  const engine = await createEngine();
  engine.classify('情報は漏れたんですか');
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  const memory = process.memoryUsage();
  console.log(JSON.stringify({ readyMs, rss: memory.rss, heapUsed: memory.heapUsed, arrayBuffers: memory.arrayBuffers, external: memory.external }));
}

void probe();
