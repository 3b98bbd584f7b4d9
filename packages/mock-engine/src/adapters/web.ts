/** The engine as a web-standard handler, `(Request) => Promise<Response>`. */
import {
  MockNetworkError,
  type RawHandler,
  type RawRequest,
  type RawResponse,
} from '../engine/request.js';

/** A web-standard request handler: what every in-process adapter calls. */
export type MockHandler = (request: Request) => Promise<Response>;

/** Reads a web `Request` into the engine's request shape. */
export async function toRawRequest(request: Request): Promise<RawRequest> {
  const url = new URL(request.url);
  let body: Uint8Array | undefined;
  if (request.method !== 'GET' && request.method !== 'HEAD' && request.body) {
    body = new Uint8Array(await request.arrayBuffer());
  }
  return {
    method: request.method,
    path: url.pathname,
    query: url.search.slice(1),
    origin: url.origin,
    header: (name) => request.headers.get(name) ?? undefined,
    body,
  };
}

/** Turns the engine's answer into a web `Response`; a dropped connection rejects. */
export function toResponse(response: RawResponse): Response {
  if (response.drop) throw new MockNetworkError();
  return new Response(response.body ?? null, {
    status: response.status,
    headers: response.headers,
  });
}

export function webHandler(handle: RawHandler): MockHandler {
  return async (request) => toResponse(await handle(await toRawRequest(request)));
}

/** The handler as a `fetch` function (relative URLs are read against `http://localhost`). */
export function fetchFor(handler: MockHandler): typeof fetch {
  const mockFetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const target =
      typeof input === 'string' && input.startsWith('/') ? `http://localhost${input}` : input;
    let request: Request;
    try {
      request = new Request(target, init);
    } catch (error) {
      return Promise.reject(error);
    }
    return handler(request);
  };
  return mockFetch as typeof fetch;
}
