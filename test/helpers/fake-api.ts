import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeApi {
  readonly url: string;
  readonly calls: RecordedCall[];
  /** Resolves once `count` calls have arrived (or rejects after a few seconds). */
  waitForCalls(count: number, timeoutMs?: number): Promise<RecordedCall[]>;
  close(): Promise<void>;
}

/** No answer at all: the connection is cut, as a network failure would. */
export const DROP_CONNECTION = Symbol('drop the connection');

/** An answer other than 200: `answer` may return one (or a promise of one, to answer late). */
export class FakeResponse {
  constructor(
    readonly status: number,
    readonly body: unknown = {},
  ) {}
}

/**
 * A platform's API on loopback (LINE's, Slack's) that records what the bot sent and answers
 * OK. A call is recorded as soon as it arrives, before `answer` runs: an answer that waits
 * (a slow API) still shows the call.
 */
export async function startFakeApi(answer: (call: RecordedCall) => unknown = () => ({})): Promise<FakeApi> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const call = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body };
      calls.push(call);
      void Promise.resolve(answer(call)).then(
        (answered) => {
          if (answered === DROP_CONNECTION) {
            request.socket.destroy();
            return;
          }
          const { status, body: reply } = answered instanceof FakeResponse ? answered : new FakeResponse(200, answered);
          response.statusCode = status;
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify(reply));
        },
        () => {
          response.statusCode = 500;
          response.end();
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    async waitForCalls(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} calls to the fake API, got ${calls.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return calls;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Nothing more arrives for a while (to prove something was not sent). */
export async function settle(ms = 300): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
