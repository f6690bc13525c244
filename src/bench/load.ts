/**
 * `npm run load`: the chat server under load, beside a bare express JSON endpoint on the same
 * machine. Both run as their own processes on loopback; autocannon drives POST /api/chat with
 * the dev set's questions, each as a new conversation. Two measures:
 * - saturation: as many requests as the server answers; its throughput as a ratio to the bare
 *   endpoint's (at saturation p99 is queueing, set by the load generator sharing the cores);
 * - a busy day: a third of the bot's capacity, evenly spaced (paced-load.ts), the latency a
 *   person sees, beside the bare endpoint at the same rate — for a freshly started server (its
 *   first seconds after it says it is ready) and for the same server warm.
 * With REDIS_URL (and DATABASE_URL) set, the saturation run is repeated on those stores and its
 * ratio printed beside the embedded SQLite one; every other run uses the embedded stores.
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { readEvalFile } from '../evaluation/dataset';
import { PROJECT_ROOT } from '../paths';
import { pacedLoad, type PacedResult } from './paced-load';
import { mebibytes } from './stats';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const CEILING_SECONDS = Number(process.env.CEILING_SECONDS ?? 15);
// How long the fixed-rate runs last: the first of them starts as the fresh server says it is ready.
const RATE_SECONDS = Number(process.env.RATE_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 50);
// The bot as it is run for a spike: one worker per core (WORKERS=auto), unless LOAD_WORKERS says otherwise.
const WORKERS = process.env.LOAD_WORKERS ?? 'auto';
const DIST = path.join(PROJECT_ROOT, 'dist');

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

async function startProcess(script: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      // After start-up, stdout is drained (the bot logs a JSON line per turn) but not kept.
      if (started) return;
      output += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        started = true;
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1') });
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/** The resident memory of a process and its children (the workers), in bytes. */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const own = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return own + children.reduce((sum, child) => sum + rssOf(child), 0);
}

interface Drive {
  readonly seconds: number;
  readonly onTick?: () => void;
}

/** As many requests as the server answers, CONNECTIONS at a time (saturation). */
async function drive(url: string, bodies: string[], { seconds, onTick }: Drive): Promise<autocannon.Result> {
  let next = 0;
  const ticker = onTick ? setInterval(onTick, 5000) : undefined;
  try {
    return await autocannon({
      url: `${url}/api/chat`,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }) }],
    });
  } finally {
    if (ticker) clearInterval(ticker);
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const describeResult = (result: autocannon.Result) =>
  `${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
  `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`;

async function main(): Promise<void> {
  // Every labelled phrasing, once each, in a fixed shuffled order: a busy day's questions are
  // varied, and the engine's and masker's caches should not make the bot look faster than it is.
  const bodies = shuffled(labelledTexts()).map((text) => JSON.stringify({ text }));
  // The dev set's questions over and over: what the caches give when a spike asks the same few things.
  const repeated = readEvalFile(path.join(PROJECT_ROOT, 'test', 'fixtures', 'dev.jsonl')).map((item) =>
    JSON.stringify({ text: item.text }),
  );
  console.log(
    `node ${process.version}, ${os.cpus().length} cores; ${CONNECTIONS} connections over loopback; ${bodies.length} different questions (every labelled phrasing)`,
  );
  const startBare = () => startProcess(path.join(DIST, 'bench', 'bare-server.js'), {});

  // The ceiling is taken before and after the bot: on a shared machine it moves by a third
  // from minute to minute, and the ratio is to their mean.
  const measureCeiling = async () => {
    const bare = await startBare();
    const result = await drive(bare.url, bodies, { seconds: CEILING_SECONDS });
    await stop(bare.child);
    return result;
  };
  console.log('\nSaturation');
  const ceilingBefore = await measureCeiling();
  console.log(`  bare express JSON endpoint, before (${CEILING_SECONDS} s): ${describeResult(ceilingBefore)}`);

  const saturated = await startBot();
  const pid = saturated.child.pid!;
  const rssBefore = rssOf(pid);
  const samples: number[] = [];
  const result = await drive(saturated.url, bodies, { seconds: SECONDS, onTick: () => samples.push(rssOf(pid)) });
  const rssAfter = rssOf(pid);
  await saturated.stop();
  console.log(`  the bot, ${WORKERS} workers, POST /api/chat (${SECONDS} s): ${describeResult(result)}`);
  let networked: { readonly result: autocannon.Result; readonly stores: string } | undefined;
  if (NETWORKED) {
    const bot = await startBot(NETWORKED.env);
    networked = { result: await drive(bot.url, bodies, { seconds: SECONDS }), stores: NETWORKED.stores };
    await bot.stop();
    console.log(`  the same on ${networked.stores} (${SECONDS} s): ${describeResult(networked.result)}`);
  }
  const cached = await startBot();
  const cachedResult = await drive(cached.url, repeated, { seconds: SECONDS });
  await cached.stop();
  console.log(
    `  the same, the dev set's ${repeated.length} questions over and over (served from the caches): ${describeResult(cachedResult)}`,
  );

  const ceilingAfter = await measureCeiling();
  console.log(`  bare express JSON endpoint, after (${CEILING_SECONDS} s): ${describeResult(ceilingAfter)}`);
  const ceiling = (ceilingBefore.requests.average + ceilingAfter.requests.average) / 2;
  const higher = Math.max(ceilingBefore.requests.average, ceilingAfter.requests.average);
  console.log(
    `  throughput ratio to the bare endpoint: ${(result.requests.average / ceiling).toFixed(2)}× their mean, ${(result.requests.average / higher).toFixed(2)}× the higher` +
      (networked
        ? `; on ${networked.stores} ${(networked.result.requests.average / ceiling).toFixed(2)}× their mean (embedded SQLite ${(result.requests.average / ceiling).toFixed(2)}×)`
        : ''),
  );
  console.log(
    `  server RSS: before ${mebibytes(rssBefore).toFixed(0)} MB, every 5 s ${samples.map((sample) => mebibytes(sample).toFixed(0)).join(' ')} MB, after ${mebibytes(rssAfter).toFixed(0)} MB`,
  );

  const rate = Math.max(1, Math.round(result.requests.average / 3));
  console.log(
    `\nA busy day: ${rate} requests a second, evenly spaced (a third of the bot's capacity), ${RATE_SECONDS} s each; latency from when each was due`,
  );
  const cold = await startBot({ WARM_UP: '0' });
  const coldFirst = await pacedLoad(cold.url, bodies, rate, RATE_SECONDS);
  await cold.stop();
  const fresh = await startBot();
  const first = await pacedLoad(fresh.url, bodies, rate, RATE_SECONDS);
  const warm = await pacedLoad(fresh.url, bodies, rate, RATE_SECONDS);
  await fresh.stop();
  const bare = await startBare();
  const bareAtRate = await pacedLoad(bare.url, bodies, rate, RATE_SECONDS);
  await stop(bare.child);
  const paced = (result: PacedResult) =>
    `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(0)} ms; ${result.answered} of ${result.sent} answered${result.answered < result.sent ? ` (${JSON.stringify(result.failures)})` : ''}`;
  console.log(`  the bot without its warm-up (WARM_UP=0), first ${RATE_SECONDS} s: ${paced(coldFirst)}`);
  console.log(`  the bot, the first ${RATE_SECONDS} s after it says it is ready: ${paced(first)}`);
  console.log(`  the bot, the next ${RATE_SECONDS} s (warm):                 ${paced(warm)}`);
  console.log(`  bare express JSON endpoint at the same rate:        ${paced(bareAtRate)}`);
  console.log(`  p99 first ÷ warm: ${(first.p99 / warm.p99).toFixed(2)}×; p99 warm bot ÷ bare: ${(warm.p99 / bareAtRate.p99).toFixed(2)}×`);
}

function labelledTexts(): string[] {
  const folder = path.join(PROJECT_ROOT, 'test', 'fixtures');
  const files = fs.readdirSync(folder).filter((name) => name.endsWith('.jsonl'));
  return [...new Set(files.flatMap((name) => readEvalFile(path.join(folder, name)).map((item) => item.text)))];
}

/** The same order on every run (a fixed-seed shuffle), so runs compare. */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  let seed = 20261207;
  for (let index = result.length - 1; index > 0; index--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const other = seed % (index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

/**
 * The networked stores the operator gave (REDIS_URL, DATABASE_URL), for one more saturation run;
 * every other run is on the embedded stores. Each run's own person key when none is set.
 */
const NETWORKED = (() => {
  const redis = process.env.REDIS_URL;
  const database = process.env.DATABASE_URL;
  if (!redis && !database) return undefined;
  return {
    stores: [redis ? 'Redis' : 'SQLite state', database ? 'PostgreSQL' : 'SQLite log'].join(' + '),
    env: {
      ...(redis ? { REDIS_URL: redis } : {}),
      ...(database ? { DATABASE_URL: database } : {}),
      KENPO_FAQ_PERSON_KEY: process.env.KENPO_FAQ_PERSON_KEY ?? randomBytes(32).toString('base64'),
    },
  };
})();

/** A fresh bot process on a scratch data folder; `stop` ends it and removes the folder. */
async function startBot(env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; stop: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-load-'));
  const bot = await startProcess(path.join(DIST, 'server', 'main.js'), {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WORKERS,
    // The per-client and per-conversation limits would refuse a load test from one address.
    RATE_LIMIT_MAX_REQUESTS: '100000000',
    // Embedded stores unless this run asks for the networked ones.
    REDIS_URL: '',
    DATABASE_URL: '',
    ...env,
  });
  return {
    ...bot,
    stop: async () => {
      await stop(bot.child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
