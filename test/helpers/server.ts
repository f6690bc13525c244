import { type RunningServer, startServer } from '../../src/server/start';

/** A real server on a free loopback port, and a JSON client for it. */
export async function startTestServer(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  return startServer({ port: 0, logError: () => undefined, ...options });
}

export interface JsonResponse<Body = Record<string, unknown>> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
}

export async function postJson<Body = Record<string, unknown>>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<Body>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Body };
}
