import type { MockEntries, MockHandler, MockServerOptions } from '@proseapi/mock-engine';
import { mockEntries } from '@proseapi/mock-engine/entries';
import { createMock, type MockOptions } from './mock.js';

export type { RunningServer } from '@proseapi/mock-engine';
export { MockNetworkError } from '@proseapi/mock-engine';
export {
  type ApiClient,
  type ApiUser,
  type AuthorizationCode,
  EXAMPLE_INVOICE,
  type Grant,
} from './dialect/index.js';
export { DEFAULT_LIFETIME, DEMO_CLIENT, DEMO_CODES, DEMO_USERS } from './dialect/settings.js';
export type {
  FaultOptions,
  LatencyRange,
  MockControls,
  MockOptions,
  MockState,
} from './mock.js';
export type { MockHandler };

/** What `startMockServer` takes beyond the mock's options: `port`, `host`, `baseUrl`, `maxConnections`. */
export type ServerOptions = MockServerOptions;

/**
 * The mock's four entries: `createMockHandler` (a web-standard `(Request) => Promise<Response>`
 * with the controls of its world, stateless unless asked), `createMockFetch` (that handler as
 * a client's `fetch`), `startMockServer` (HTTP, stateful unless asked, port 4010 on 127.0.0.1
 * by default; with `stateFile`, every change is on disk before it is answered) and `createMswHandlers` (MSW 2 handlers at `https://api.rambase.net` unless
 * `baseUrl` says otherwise).
 */
export const {
  createMockHandler,
  createMockFetch,
  startMockServer,
  createMswHandlers,
}: MockEntries<MockOptions> = mockEntries(createMock);
