import { fetchFor, type MockHandler, webHandler } from '@proseapi/mock-engine';
import { mswHandlers } from '@proseapi/mock-engine/msw';
import type { RunningServer } from '@proseapi/mock-engine/server';
import type { RequestHandler } from 'msw';
import { createMock, type MockControls, type MockOptions } from './mock.js';
import { type ServerOptions, serveMock } from './server.js';

export { MockNetworkError } from '@proseapi/mock-engine';
export type { RunningServer } from '@proseapi/mock-engine/server';
export { DEMO_TOKEN, MANAGERS, RESELLERS } from './dialect/seed-data.js';
export type { FaultOptions, LatencyRange, MockControls, MockOptions, MockState } from './mock.js';
export type { ServerOptions } from './server.js';
export type { MockHandler };

/**
 * The engine as a web-standard handler, `(Request) => Promise<Response>`. Stateless
 * unless `mode: 'stateful'` is given. The returned function also carries the controls
 * of its world (`reset()`, `snapshot()`, `restore()`, `saveState()`).
 */
export function createMockHandler(options: MockOptions = {}): MockHandler & MockControls {
  const mock = createMock(options, 'stateless');
  return Object.assign(webHandler(mock.handle), {
    reset: mock.reset,
    snapshot: mock.snapshot,
    restore: mock.restore,
    saveState: mock.saveState,
    mode: mock.mode,
  });
}

/** The handler as a `fetch` function, to give a client instead of the network. */
export function createMockFetch(options: MockOptions = {}): typeof fetch {
  return fetchFor(createMockHandler(options));
}

/**
 * Serves the mock over HTTP (stateful unless `mode: 'stateless'`); port 4010 on 127.0.0.1
 * by default. With `stateFile`, every change is on disk before it is answered (a journal
 * beside the file), and `close()` writes the file a last time.
 */
export function startMockServer(options: MockOptions & ServerOptions = {}): Promise<RunningServer> {
  return serveMock(createMock(options, 'stateful', { journal: true }), options);
}

/**
 * MSW 2 handlers for test runners, answering at `baseUrl` (default: the document's
 * first server, `https://test.activeplatform.com`). Stateless unless `mode: 'stateful'`.
 */
export function createMswHandlers(
  options: MockOptions & { baseUrl?: string } = {},
): RequestHandler[] {
  const mock = createMock(options, 'stateless');
  return mswHandlers(webHandler(mock.handle), {
    baseUrl: options.baseUrl ?? (mock.spec.serverUrl || 'http://localhost'),
    basePath: mock.spec.basePath,
    paths: mock.spec.paths.keys(),
  });
}
