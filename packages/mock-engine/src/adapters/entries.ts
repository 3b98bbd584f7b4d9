/**
 * The four ways a mock package offers its mock, made from the function that builds it: the
 * web-standard handler (with the controls of its world), that handler as a `fetch`, a server,
 * and MSW handlers. A mock package re-exports them under its own types.
 */
import type { RequestHandler } from 'msw';
import type { Mock, MockSettings, MockState } from '../mock.js';
import { mswHandlers } from './msw.js';
import { type RunningServer, serve } from './server.js';
import { fetchFor, type MockHandler, webHandler } from './web.js';

/** The controls of a mock's world, carried by its handler. */
export interface MockControls {
  /** Back to the state the mock started with. */
  reset(): void;
  /** A copy of the whole state. */
  snapshot(): MockState;
  /** Replaces the state with a snapshot. */
  restore(state: MockState): void;
  /** Writes the snapshot as JSON to a file (default: the mock's state file). */
  saveState(file?: string): void;
  readonly mode: 'stateful' | 'stateless';
}

/** What a server asks of the engine beyond the package's options. */
export type ServedSettings = Pick<MockSettings, 'journal'>;

/**
 * Builds a package's mock from its options, in `defaultMode` unless they name one. A server
 * passes `{ journal: true }`, to be handed to the engine's `createMock` as it is.
 */
export type CreateMock<O> = (
  options: O,
  defaultMode: 'stateful' | 'stateless',
  served?: ServedSettings,
) => Mock;

/** What serving a mock takes beyond the package's options. */
export interface MockServerOptions {
  port?: number;
  host?: string;
  /** The base URL clients reach the server at, for the links it writes (default: its own address). */
  baseUrl?: string;
  /** Most connections open at once (default 256); more are answered 503. */
  maxConnections?: number;
}

export interface MockEntries<O> {
  /** The handler, `(Request) => Promise<Response>`, stateless unless asked, with its controls. */
  createMockHandler(options?: O): MockHandler & MockControls;
  /** The handler as a `fetch` function, to give a client instead of the network. */
  createMockFetch(options?: O): typeof fetch;
  /**
   * Serves the mock over HTTP (stateful unless asked); port 4010 on 127.0.0.1 by default.
   * With a state file, every change is on disk before it is answered (a journal beside the
   * file), and `close()` writes the file a last time.
   */
  startMockServer(options?: O & MockServerOptions): Promise<RunningServer>;
  /** MSW 2 handlers at `baseUrl` (default: the description's first server), stateless unless asked. */
  createMswHandlers(options?: O & { baseUrl?: string }): RequestHandler[];
}

/**
 * Serves a built mock: refusals outside any operation in the API's format, links from the
 * base URL, and closing writes its state file a last time (and closes its journal).
 */
export function serveMock(
  mock: Mock,
  options: MockServerOptions,
  beforeClose?: () => void,
): Promise<RunningServer> {
  return serve(mock.handle, {
    port: options.port,
    host: options.host,
    baseUrl: options.baseUrl,
    maxConnections: options.maxConnections,
    bodyLimit: mock.engine.options.bodyLimit,
    errorAnswer: mock.errorAnswer,
    beforeClose: () => {
      try {
        beforeClose?.();
      } finally {
        mock.close();
      }
    },
  });
}

export function mockEntries<O extends object>(create: CreateMock<O>): MockEntries<O> {
  const createMockHandler = (options: O = {} as O): MockHandler & MockControls => {
    const mock = create(options, 'stateless');
    return Object.assign(webHandler(mock.handle), {
      reset: mock.reset,
      snapshot: mock.snapshot,
      restore: mock.restore,
      saveState: mock.saveState,
      mode: mock.mode,
    });
  };
  return {
    createMockHandler,
    createMockFetch: (options) => fetchFor(createMockHandler(options)),
    startMockServer(options = {} as O & MockServerOptions) {
      return serveMock(create(options, 'stateful', { journal: true }), options);
    },
    createMswHandlers(options = {} as O & { baseUrl?: string }) {
      const mock = create(options, 'stateless');
      return mswHandlers(webHandler(mock.handle), {
        baseUrl: options.baseUrl ?? (mock.spec.serverUrl || 'http://localhost'),
        basePath: mock.spec.basePath,
        paths: mock.spec.paths.keys(),
      });
    },
  };
}
