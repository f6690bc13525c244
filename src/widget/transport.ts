/**
 * Talking to the chat API: one JSON request with a timeout. Transport only: chat-reply.ts reads
 * what came back, chat.ts decides what to show.
 */

const REQUEST_TIMEOUT_MS = 20000;

export type RequestResult =
  { readonly networkError: true } | { readonly networkError?: undefined; readonly ok: boolean; readonly data: unknown };

/** Resolves to {ok, data} (data is null when the body is not JSON) or to {networkError: true}; never rejects. */
export function requestJson(method: 'POST' | 'DELETE', url: string, body: unknown): Promise<RequestResult> {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : 0;
  return fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
    signal: controller ? controller.signal : undefined,
  })
    .then(
      (response): Promise<RequestResult> =>
        response
          .json()
          .catch(() => null)
          .then((data: unknown) => ({ ok: response.ok, data })),
      (): RequestResult => ({ networkError: true }),
    )
    .then((result) => {
      clearTimeout(timer);
      return result;
    });
}
