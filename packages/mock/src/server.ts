/** The mock over HTTP: the engine's `node:http` adapter with the mock's error answers and state file. */
import { type RunningServer, serve } from '@proseapi/mock-engine/server';
import { DEFAULT_BODY_LIMIT, type Mock, type MockOptions } from './mock.js';

/** What `startMockServer` takes beyond the mock's options. */
export interface ServerOptions {
  port?: number;
  host?: string;
  /** The base URL clients reach the server at, for the links it writes (default: its own address). */
  baseUrl?: string;
  /** Most connections open at once (default 256); more are answered 503. */
  maxConnections?: number;
}

/** Serves a mock; closing the server writes its state file a last time (with `stateFile`). */
export function serveMock(
  mock: Mock,
  options: ServerOptions & MockOptions,
): Promise<RunningServer> {
  return serve(mock.handle, {
    port: options.port,
    host: options.host,
    baseUrl: options.baseUrl,
    maxConnections: options.maxConnections,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    errorAnswer: mock.errorAnswer,
    beforeClose: () => mock.close(),
  });
}
