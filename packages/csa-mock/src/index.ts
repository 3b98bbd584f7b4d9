import type { MockEntries, MockHandler, MockServerOptions } from '@proseapi/mock-engine';
import { mockEntries } from '@proseapi/mock-engine/entries';
import { createMock, type MockOptions } from './mock.js';

export type { RunningServer } from '@proseapi/mock-engine';
export { MockNetworkError } from '@proseapi/mock-engine';
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

/**
 * The mock's four entries: `createMockHandler` (a web-standard `(Request) => Promise<Response>`
 * carrying the controls of its world, stateless unless `mode: 'stateful'`), `createMockFetch`
 * (that handler as a client's `fetch`), `startMockServer` (HTTP, stateful unless
 * `mode: 'stateless'`, port 4010 on 127.0.0.1 by default, the API under the server's URL
 * followed by `/csa/rest`; with `stateFile`, every change is on disk before it is answered)
 * and `createMswHandlers` (MSW 2 handlers at `baseUrl`, by default the description's server,
 * `https://csa-server:8444`, under `/csa/rest`).
 */
export const {
  createMockHandler,
  createMockFetch,
  startMockServer,
  createMswHandlers,
}: MockEntries<MockOptions> = mockEntries(createMock);
