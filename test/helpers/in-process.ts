import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'light-my-request';
import pino from 'pino';
import { createEngine, type Engine } from '../../src/core/engine';
import { loadConfig } from '../../src/data/load-config';
import { createMasker } from '../../src/privacy/mask';
import { appOnStores, type AppOnStores } from '../../src/server/start';
import type { JsonResponse } from './server';

/**
 * The server's chat app, called in-process (light-my-request, as fastify's and Hono's tests
 * do): the same express app, bot and SQLite stores as `npm start`, with no port or socket, so a
 * contract test runs in a millisecond. Tests of sockets, workers, signals and the browser keep
 * real processes.
 */
export interface InProcessApp extends AppOnStores {
  readonly dataDir: string;
  request<Body = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<JsonResponse<Body>>;
}

let sharedEngine: Promise<Engine> | undefined;

export async function inProcessApp(): Promise<InProcessApp> {
  sharedEngine ??= createEngine();
  const engine = await sharedEngine;
  const config = loadConfig();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kenpo-in-process-'));
  const logger = pino({ level: 'silent' });
  const masker = createMasker(engine.data.personalData, engine.tokenizer);
  const stores = await appOnStores({ dataDir, config, logger, masker, engine });
  return {
    ...stores,
    dataDir,
    async request(method, url, body, headers = {}) {
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const response = await inject(stores.app, {
        method: method as 'GET',
        url,
        headers: { ...(payload !== undefined && !('content-type' in headers) ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(payload !== undefined ? { payload } : {}),
      });
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : String(value));
      }
      return { status: response.statusCode, headers: responseHeaders, body: JSON.parse(response.payload || 'null') };
    },
    async close() {
      await stores.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
