#!/usr/bin/env node
// Builds (npm run build) only when something it is built from is newer than the last build, so
// `npm run cli` answers in a fraction of a second. The build's messages go to stderr: stdout is
// the command's own output (`npm run -s cli -- classify < file` is JSON lines and nothing else).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.built');
const sources = ['src', 'intents', 'dictionaries', 'config', 'test/fixtures', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

function newest(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(full).reduce((latest, name) => Math.max(latest, newest(path.join(entry, name))), stat.mtimeMs);
}

const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (sources.some((entry) => newest(entry) > built)) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
