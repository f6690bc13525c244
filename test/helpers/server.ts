import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { type RunningServer, startServer } from '../../src/server/start';

export interface TestServer extends RunningServer {
  /** The JSON log lines the server wrote. */
  readonly logLines: string[];
  readonly dataDir: string;
}

/** A real server on a free loopback port, with its own data directory and its log lines kept (no warm-up unless asked). */
export async function startTestServer(options: Parameters<typeof startServer>[0] = {}): Promise<TestServer> {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-data-'));
  // The warm-up only makes a server faster in its first seconds; its own test asks for it.
  const server = await startServer({ port: 0, dataDir, logDestination: sink, warmUp: { requests: 0 }, ...options });
  await server.ready;
  return Object.assign(server, { logLines, dataDir });
}

export interface JsonResponse<Body = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
}

export async function postJson<Body = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<JsonResponse<Body>> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}
