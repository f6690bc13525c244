/**
 * `npm run load`: the chat server under load, beside the ceiling of a bare express JSON
 * endpoint on the same machine. Both run as their own processes on loopback; autocannon
 * drives POST /api/chat with the dev set's questions, each as a new conversation. Prints
 * requests per second, p50/p99 latency, errors, and the server's RSS as the run goes on.
 * A benchmark, not a test: it prints figures and asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { readEvalFile } from '../evaluation/dataset';
import { PROJECT_ROOT } from '../paths';
import { mebibytes } from './stats';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CEILING_SECONDS = Number(process.env.CEILING_SECONDS ?? 15);
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

async function drive(url: string, seconds: number, bodies: string[], onTick?: () => void): Promise<autocannon.Result> {
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
  const bodies = readEvalFile(path.join(PROJECT_ROOT, 'test', 'fixtures', 'dev.jsonl')).map((item) => JSON.stringify({ text: item.text }));
  console.log(`node ${process.version}, ${os.cpus().length} cores; ${CONNECTIONS} connections over loopback; ${bodies.length} different questions`);

  // The ceiling is taken before and after the bot: on a shared machine it moves by a third
  // from minute to minute, and the ratio is to their mean.
  const measureCeiling = async () => {
    const bare = await startProcess(path.join(DIST, 'bench', 'bare-server.js'), {});
    const result = await drive(bare.url, CEILING_SECONDS, bodies);
    await stop(bare.child);
    return result;
  };
  const ceilingBefore = await measureCeiling();
  console.log(`ceiling before, bare express JSON endpoint (${CEILING_SECONDS} s): ${describeResult(ceilingBefore)}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-load-'));
  const bot = await startProcess(path.join(DIST, 'server', 'main.js'), {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WORKERS,
    // The per-client limit would refuse a load test from one address.
    RATE_LIMIT_MAX_REQUESTS: '100000000',
  });
  const pid = bot.child.pid!;
  const rssBefore = rssOf(pid);
  const samples: number[] = [];
  const result = await drive(bot.url, SECONDS, bodies, () => samples.push(rssOf(pid)));
  const rssAfter = rssOf(pid);
  await stop(bot.child);
  fs.rmSync(dataDir, { recursive: true, force: true });

  console.log(`the bot, ${WORKERS} workers, POST /api/chat (${SECONDS} s): ${describeResult(result)}`);
  const ceilingAfter = await measureCeiling();
  console.log(`ceiling after (${CEILING_SECONDS} s): ${describeResult(ceilingAfter)}`);
  const ceiling = (ceilingBefore.requests.average + ceilingAfter.requests.average) / 2;
  const higher = Math.max(ceilingBefore.requests.average, ceilingAfter.requests.average);
  console.log(`ratio to the ceiling: ${(result.requests.average / ceiling).toFixed(2)}× their mean, ${(result.requests.average / higher).toFixed(2)}× the higher`);
  console.log(`server RSS: before ${mebibytes(rssBefore).toFixed(0)} MB, every 5 s ${samples.map((sample) => mebibytes(sample).toFixed(0)).join(' ')} MB, after ${mebibytes(rssAfter).toFixed(0)} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
