import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

/**
 * A real PostgreSQL (Debian's `postgresql`, which .ci/run installs) made with initdb in a
 * temporary directory and started with pg_ctl on a free loopback port; no fsync, as nothing
 * outlives the test. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user
 * the package creates.
 */
export interface TestPostgres {
  /** postgres://kenpo@127.0.0.1:PORT/kenpo (trust authentication on loopback). */
  readonly url: string;
  readonly port: number;
  /** A further database on the same server, for a test that wants its own. */
  createDatabase(name: string): string;
  /** Stops the server (connections are cut, as in an outage); its data stays for resumeServer. */
  pauseServer(): Promise<void>;
  /** Starts it again on the same port and data. */
  resumeServer(): Promise<void>;
  stop(): Promise<void>;
}

export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((version) => fs.existsSync(path.join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL is not installed: run `apt-get install postgresql` (as .ci/run does) to run the PostgreSQL tests');
  }
  return path.join(root, versions[0]!, 'bin');
}

const USER = 'kenpo';

export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  // As root, every PostgreSQL program runs as the postgres user (runuser is in util-linux).
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, program);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
    return execFileSync(command, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', USER, '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  // fsync off: nothing outlives the test, and a clean stop (pauseServer) still writes everything.
  const startServer = () =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      '-w',
      'start',
    ]);
  startServer();
  const createDatabase = (name: string) => {
    run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', USER, name]);
    return `postgres://${USER}@127.0.0.1:${port}/${name}`;
  };
  createDatabase('kenpo');
  return {
    url: `postgres://${USER}@127.0.0.1:${port}/kenpo`,
    port,
    createDatabase,
    async pauseServer() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    async resumeServer() {
      startServer();
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped (paused)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
