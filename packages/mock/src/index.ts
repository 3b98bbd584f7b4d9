import type { MockHandler } from '@proseapi/mock-engine';
import { type MockServerOptions, mockEntries } from '@proseapi/mock-engine/entries';
import type { RunningServer } from '@proseapi/mock-engine/server';
import type { RequestHandler } from 'msw';
import { createMock, type MockControls, type MockOptions } from './mock.js';

export { MockNetworkError } from '@proseapi/mock-engine';
export type { RunningServer } from '@proseapi/mock-engine/server';
export { DEMO_TOKEN, MANAGERS, RESELLERS } from './dialect/seed-data.js';
export type { FaultOptions, LatencyRange, MockControls, MockOptions, MockState } from './mock.js';
export type { MockHandler };

/** What `startMockServer` takes beyond the mock's options: `port`, `host`, `baseUrl`, `maxConnections`. */
export type ServerOptions = MockServerOptions;

const entries = mockEntries(createMock);

/**
 * The engine as a web-standard handler, `(Request) => Promise<Response>`. Stateless
 * unless `mode: 'stateful'` is given. The returned function also carries the controls
 * of its world (`reset()`, `snapshot()`, `restore()`, `saveState()`).
 */
export const createMockHandler: (options?: MockOptions) => MockHandler & MockControls =
  entries.createMockHandler;

/** The handler as a `fetch` function, to give a client instead of the network. */
export const createMockFetch: (options?: MockOptions) => typeof fetch = entries.createMockFetch;

/**
 * Serves the mock over HTTP (stateful unless `mode: 'stateless'`); port 4010 on 127.0.0.1
 * by default. With `stateFile`, every change is on disk before it is answered (a journal
 * beside the file), and `close()` writes the file a last time.
 */
export const startMockServer: (options?: MockOptions & ServerOptions) => Promise<RunningServer> =
  entries.startMockServer;

/**
 * MSW 2 handlers for test runners, answering at `baseUrl` (default: the document's
 * first server, `https://test.activeplatform.com`). Stateless unless `mode: 'stateful'`.
 */
export const createMswHandlers: (options?: MockOptions & { baseUrl?: string }) => RequestHandler[] =
  entries.createMswHandlers;
