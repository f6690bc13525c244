import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * The built server (dist/server/main.js, as `npm start` runs it) in a process of its own, one
 * worker, on a free port: for tests of what only separate processes show (several machines,
 * start-up failures). npm test builds first; run `npm run build` before running one alone.
 */

const MAIN = path.join(PROJECT_ROOT, 'dist', 'server', 'main.js');
const CLI = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');

// Settings the machine running the tests may have, which would change what the server does.
const INHERITED_NOT =
  /^(WORKERS|PORT|HOST|DATA_DIR|LOG_LEVEL|BOT_CONFIG|RATE_LIMIT_|TRUST_PROXY|ALLOWED_ORIGINS|CALL_CENTER_|LINE_|SLACK_|KENPO_FAQ_|NODE_CLUSTER_SCHED_POLICY|REDIS_URL|DATABASE_URL|METRICS_TOKEN|WARM_UP)/;

export const cleanEnvironment = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_NOT.test(name)));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export interface Exited {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function launch(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<Exited> } {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-process-'));
  const child = spawn(process.execPath, [MAIN], {
    env: { ...cleanEnvironment(), WORKERS: '1', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WARM_UP: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<Exited>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, output: () => stdout + stderr, exited };
}

const LISTENING = /kenpo-faq: listening on http:\/\/localhost:(\d+)\b/;

/** Starts the server; resolves once it listens (and has said so), rejects with its output if it exits first. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const { child, output, exited } = launch(env);
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const found = LISTENING.exec(output());
      if (found) resolve(Number(found[1]));
    };
    child.stdout!.on('data', check);
    void exited.then(({ code }) => reject(new Error(`the server exited (${code}) before listening:\n${output()}`)));
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Starts the server expecting it to fail: resolves with its exit code and output (killed after 20 s if it runs). */
export async function startServerExpectingFailure(env: Record<string, string>): Promise<Exited> {
  const { child, exited } = launch(env);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the built CLI (as `npm run cli -- …` does, without the build banner). */
export async function runCli(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [CLI, ...args], { env: { ...cleanEnvironment(), ...env }, encoding: 'utf8' });
}
