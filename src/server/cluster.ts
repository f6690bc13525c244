import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { DataFileError } from '../errors';
import { answerMetricsRequests } from './cluster-metrics';

/**
 * Several worker processes behind one port (node:cluster), so a traffic spike has every core.
 * They share nothing in memory: conversations, LINE and Slack people, deliveries and rate
 * windows live in the shared state database (state/), and the conversation log is one SQLite
 * file they all write. The primary only starts, watches and stops them, and gathers their
 * metrics for the one that is scraped (cluster-metrics.ts).
 */

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;

/** What a worker tells the primary once it answers. */
export interface WorkerListening {
  readonly kind: 'kenpo-faq:listening';
  readonly port: number;
}

/**
 * The key LINE and Slack people (and, with Redis, sessions and addresses) are hashed with: set
 * by the operator (the same on every machine, when they share Redis), or drawn by the primary
 * and handed to every worker.
 */
export const PERSON_KEY_VARIABLE = 'KENPO_FAQ_PERSON_KEY';

/** WORKERS: a whole number, or `auto` for one per core; 1 (no cluster) when unset. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.WORKERS?.trim();
  if (value === undefined || value === '') return 1;
  if (value === 'auto') return os.availableParallelism();
  if (!/^[1-9][0-9]?$/.test(value))
    throw new DataFileError('WORKERS', [`expected the number of worker processes (1–99) or "auto" (one per core), got "${value}"`]);
  return Number(value);
}

export function personKeyFromEnvironment(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const value = env[PERSON_KEY_VARIABLE]?.trim();
  if (!value) return undefined;
  const key = Buffer.from(value, 'base64');
  if (key.length < 32)
    throw new DataFileError(PERSON_KEY_VARIABLE, [
      `expected at least 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`), got ${key.length} bytes`,
    ]);
  return key;
}

export interface PrimaryOptions {
  readonly workers: number;
  /** Said once, when every worker answers. */
  readonly announce: (port: number) => void;
  /** How long workers get to finish after SIGTERM before they are killed. */
  readonly shutdownGraceMs: number;
}

/**
 * Starts the workers and keeps them running. A worker that fails to start stops the whole
 * server (its own one-line reason is already on stderr): never a half-working server. A worker
 * that dies later is replaced. SIGTERM or SIGINT stops them all, gracefully, within a bound.
 */
export function runPrimary({ workers, announce, shutdownGraceMs }: PrimaryOptions): void {
  // The operator's key when set (with Redis every machine must hold the same), else one drawn now.
  const env = { [PERSON_KEY_VARIABLE]: process.env[PERSON_KEY_VARIABLE] || randomBytes(32).toString('base64') };
  // Workers accept connections themselves. With the default (the primary accepts and hands
  // each connection on), connections the primary held at shutdown were reset, not answered.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const listening = new Set<Worker>();
  let allStarted = false;
  let stopping = false;
  let exitCode = 0;
  const restarts: number[] = [];
  const runningWorkers = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);

  const start = () => {
    const worker = cluster.fork(env);
    worker.on('message', (message: Partial<WorkerListening>) => {
      if (message.kind !== 'kenpo-faq:listening') return;
      listening.add(worker);
      if (!allStarted && listening.size === workers) {
        allStarted = true;
        announce(message.port!);
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (runningWorkers().length === 0) process.exit(exitCode);
      return;
    }
    if (!allStarted) {
      console.error(`kenpo-faq: cannot start: a worker exited with ${signal ?? code} while starting (its reason is above)`);
      stop(1);
      return;
    }
    // A worker that keeps dying (a full disk, a damaged state file) stops the server rather
    // than looping: the cause is in the lines above.
    const now = Date.now();
    restarts.push(now);
    while (restarts.length > 0 && restarts[0]! < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length > MAX_RESTARTS) {
      console.error(`kenpo-faq: workers exited ${restarts.length} times within a minute; stopping (their reasons are above)`);
      stop(1);
      return;
    }
    console.error(`kenpo-faq: a worker exited with ${signal ?? code}; starting another`);
    start();
  });

  function stop(code: number): void {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    // Should the last worker's exit be missed (its exit can precede its removal from the list),
    // the primary still ends with this code when nothing is left to run.
    process.exitCode = code;
    const running = runningWorkers();
    if (running.length === 0) process.exit(exitCode);
    for (const worker of running) worker.process.kill('SIGTERM');
    // Workers bound their own shutdown; this is the backstop should one hang.
    setTimeout(() => {
      for (const worker of running) worker.process.kill('SIGKILL');
      process.exit(1);
    }, shutdownGraceMs + 5000).unref();
  }

  process.once('SIGTERM', () => stop(0));
  process.once('SIGINT', () => stop(0));
  answerMetricsRequests();
  for (let i = 0; i < workers; i++) start();
}
