import type { MockHandler } from '@proseapi/mock-engine';
import { type MockServerOptions, mockEntries } from '@proseapi/mock-engine/entries';
import type { RunningServer } from '@proseapi/mock-engine/server';
import type { RequestHandler } from 'msw';
import { createMock, type MockControls, type MockOptions } from './mock.js';

export { MockNetworkError } from '@proseapi/mock-engine';
export type { RunningServer } from '@proseapi/mock-engine/server';
export {
  invalidRecipientMessage,
  ORGANIZATIONS,
  type OrganizationSeed,
  PEOPLE,
  type PersonSeed,
  TRANSPORT_USER,
  type TransportUser,
} from './dialect/index.js';
export type { FaultOptions, LatencyRange, MockControls, MockOptions, MockState } from './mock.js';
export type { MockHandler };

/** What `startMockServer` takes beyond the mock's options: `port`, `host`, `baseUrl`, `maxConnections`. */
export type ServerOptions = MockServerOptions;

const entries = mockEntries(createMock);

/**
 * The mock as a web-standard handler, `(Request) => Promise<Response>`. Stateless unless
 * `mode: 'stateful'` is given. The returned function also carries the controls of its
 * world (`reset()`, `snapshot()`, `restore()`, `saveState()`).
 */
export const createMockHandler: (options?: MockOptions) => MockHandler & MockControls =
  entries.createMockHandler;

/** The handler as a `fetch` function, to give a client instead of the network. */
export const createMockFetch: (options?: MockOptions) => typeof fetch = entries.createMockFetch;

/**
 * Serves the mock over HTTP (stateful unless `mode: 'stateless'`); port 4010 on 127.0.0.1
 * by default. The API answers under the server's URL followed by `/csa/rest`. With
 * `stateFile`, every change is on disk before it is answered (a journal beside the file), and
 * `close()` writes the file a last time.
 */
export const startMockServer: (options?: MockOptions & ServerOptions) => Promise<RunningServer> =
  entries.startMockServer;

/**
 * MSW 2 handlers for test runners, answering at `baseUrl` (default: the description's
 * server, `https://csa-server:8444`, under `/csa/rest`). Stateless unless `mode: 'stateful'`.
 */
export const createMswHandlers: (options?: MockOptions & { baseUrl?: string }) => RequestHandler[] =
  entries.createMswHandlers;
