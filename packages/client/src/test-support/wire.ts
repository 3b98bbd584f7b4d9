/** What a test saw of one request on the wire. */
export interface WireRequest {
  method: string;
  url: URL;
  /** `METHOD /path?query` exactly as the URL carries it (percent-encoding kept). */
  line: string;
  headers: Headers;
  body: string | null;
}

export type Responder = (request: Request, index: number) => Response | Promise<Response>;

/**
 * A `fetch` that records every request and answers with `respond`. Headers and body are read
 * from the `Request` the client built, so the test sees what would go over the network.
 */
export function recordingFetch(respond: Responder = () => jsonResponse({ data: [] })) {
  const requests: WireRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    requests.push({
      method: request.method,
      url,
      line: `${request.method} ${url.pathname}${url.search}`,
      headers: request.headers,
      body: request.body ? await request.text() : null,
    });
    return respond(request, requests.length - 1);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

export const MEDIA = 'application/vnd.api+json';

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': MEDIA, ...(init.headers as Record<string, string>) },
  });
}

export const TOKEN = 'vY5fwetestK3gJXZH5uHCw';
export const BASE_URL = 'https://test.activeplatform.com';
