import type { RequestHandler } from 'msw';
import { mswHandlers } from './adapters/msw.js';
import { type RunningServer, serve } from './adapters/server.js';
import { type MockHandler, webHandler } from './adapters/web.js';
import { createMock, type MockControls, type MockOptions } from './mock.js';

export { DEMO_TOKEN, MANAGERS, RESELLERS } from './activeplatform/world.js';
export type { RunningServer } from './adapters/server.js';
export type { MockHandler } from './adapters/web.js';
export { MockNetworkError } from './engine/engine.js';
export type { FaultOptions, LatencyRange, MockControls, MockOptions, MockState } from './mock.js';

/**
 * The engine as a web-standard handler, `(Request) => Promise<Response>`. Stateless
 * unless `mode: 'stateful'` is given. The returned function also carries the controls
 * of its world (`reset()`, `snapshot()`, `restore()`, `saveState()`).
 */
export function createMockHandler(options: MockOptions = {}): MockHandler & MockControls {
  const mock = createMock(options, 'stateless');
  const handler = webHandler(mock);
  return Object.assign(handler, {
    reset: mock.reset,
    snapshot: mock.snapshot,
    restore: mock.restore,
    saveState: mock.saveState,
    mode: mock.mode,
  });
}

/** The handler as a `fetch` function, to give a client instead of the network. */
export function createMockFetch(options: MockOptions = {}): typeof fetch {
  const handler = createMockHandler(options);
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

/** Serves the mock over HTTP (stateful unless `mode: 'stateless'`); port 4010 on 127.0.0.1 by default. */
export function startMockServer(
  options: MockOptions & { port?: number; host?: string } = {},
): Promise<RunningServer> {
  const mock = createMock(options, 'stateful');
  const serverOptions: { port?: number; host?: string } = {};
  if (options.port !== undefined) serverOptions.port = options.port;
  if (options.host !== undefined) serverOptions.host = options.host;
  return serve(mock, serverOptions);
}

/**
 * MSW 2 handlers for test runners, answering at `baseUrl` (default: the document's
 * first server, `https://test.activeplatform.com`). Stateless unless `mode: 'stateful'`.
 */
export function createMswHandlers(
  options: MockOptions & { baseUrl?: string } = {},
): RequestHandler[] {
  const mock = createMock(options, 'stateless');
  const handler = webHandler(mock);
  return mswHandlers(mock, handler, options.baseUrl ?? (mock.spec.serverUrl || 'http://localhost'));
}
