import type { MockEntries, MockHandler, MockServerOptions } from '@proseapi/mock-engine';
import { mockEntries } from '@proseapi/mock-engine/entries';
import type { MockOptions } from './mock.js';
import { createStartedMock } from './started.js';

export type { RunningServer } from '@proseapi/mock-engine';
export { MockNetworkError } from '@proseapi/mock-engine';
export { DEMO_TOKEN, MANAGERS, RESELLERS } from './dialect/seed-data.js';
export type { FaultOptions, LatencyRange, MockControls, MockOptions, MockState } from './mock.js';
export type { MockHandler };

/** What `startMockServer` takes beyond the mock's options: `port`, `host`, `baseUrl`, `maxConnections`. */
export type ServerOptions = MockServerOptions;

/**
 * The mock's four entries: `createMockHandler` (the engine as a web-standard
 * `(Request) => Promise<Response>` carrying the controls of its world, stateless unless
 * `mode: 'stateful'`), `createMockFetch` (that handler as a client's `fetch`),
 * `startMockServer` (HTTP, stateful unless `mode: 'stateless'`, port 4010 on 127.0.0.1 by
 * default; with `stateFile`, every change is on disk before it is answered, a journal beside
 * the file, and `close()` writes the file a last time) and `createMswHandlers` (MSW 2 handlers
 * at `baseUrl`, by default the document's first server, `https://test.activeplatform.com`).
 */
export const {
  createMockHandler,
  createMockFetch,
  startMockServer,
  createMswHandlers,
}: MockEntries<MockOptions> = mockEntries(createStartedMock);
