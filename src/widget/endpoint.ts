/**
 * Where /api/chat lives: the `data-api` attribute of the script tag when it names an http(s)
 * address, otherwise the origin the script was loaded from.
 */
export function apiEndpoint(dataApi: string | null, scriptUrl: string): string {
  try {
    if (dataApi) {
      const url = new URL(dataApi, scriptUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') {
        return `${url.origin}${url.pathname.replace(/\/*$/, '/')}api/chat`;
      }
    }
    return new URL('/api/chat', scriptUrl).href;
  } catch {
    return '/api/chat';
  }
}
