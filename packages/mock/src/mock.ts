/** The ActivePlatform mock: the generic engine with the ActivePlatform dialect, on the bundle. */
import defaultSpec from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import type { Fixture } from '@proseapi/conformance';
import {
  createMock as createEngineMock,
  DEFAULT_BODY_LIMIT,
  type FaultOptions,
  type LatencyRange,
  type Mock,
  type MockControls,
  type MockState,
  type ServedSettings,
} from '@proseapi/mock-engine';
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import { specHash, validators } from '#precompiled';
import {
  activePlatformDialect,
  activePlatformWorld,
  readState,
  STATE_FORMAT,
} from './dialect/index.js';

export type { FaultOptions, LatencyRange, Mock, MockControls, MockState };
export { DEFAULT_BODY_LIMIT };

export interface MockOptions {
  /** Bundled OpenAPI document; default: the bundle of `@activeplatform/openapi`. */
  spec?: object;
  /** `stateful` (in-memory world) or `stateless` (examples and generated data). */
  mode?: 'stateful' | 'stateless';
  /**
   * `activeplatform` (default): manager tokens, reseller scoping, the seeded world and
   * the API's actions. `generic`: the engine's generic profile (the description's own
   * error format, any non-empty credentials, plain-JSON records).
   */
  profile?: 'activeplatform' | 'generic';
  /** Start the world from this state (an object, or the path of a JSON file) instead of the built-in seed. */
  seed?: MockState | string;
  /** Load the state from this JSON file on start when it exists; `saveState()` and the server's `close()` write it. */
  stateFile?: string;
  /** Delay before each answer: a fixed number of milliseconds, or a random one in a range. */
  latency?: number | LatencyRange;
  /** Injected failures: a share of 5xx answers and of dropped connections. */
  faults?: FaultOptions;
  /** Largest accepted request body in bytes (default 5 MiB); larger ones get 413. */
  bodyLimit?: number;
  /** Seed of the random choices (latency, faults, dynamic data), for repeatable runs. */
  randomSeed?: number;
  /** Answer CORS preflights and add `Access-Control-Allow-Origin: *` (default `true`). */
  cors?: boolean;
  /** Accept any non-empty token (no 401 for unknown tokens, no reseller scoping). */
  acceptAnyToken?: boolean;
  /** Path prefix of the administration endpoints (`POST …/reset`, `GET|PUT …/state`), or `false`. */
  adminPath?: string | false;
  /**
   * The secret a request to the administration endpoints sends in `X-Mock-Admin-Secret`;
   * without one they are off.
   */
  adminSecret?: string;
  /** Most characters of JSON the records take, in all (default 128 MiB) and per reseller (32 MiB). */
  storeLimits?: { total?: number; tenant?: number };
  /** Clock of the world (timestamps of created and updated records). */
  now?: () => Date;
  /**
   * Real answers recorded by the conformance recorder or the validating proxy: a report file,
   * a folder of them, or their fixtures. A request with the same method, path and query gets
   * the recorded answer, before the world and the examples.
   */
  fixtures?: string | readonly Fixture[];
}

/** Builds the engine, the world and its controls from options (`served`: what a server adds). */
export function createMock(
  options: MockOptions,
  defaultMode: 'stateful' | 'stateless',
  served: ServedSettings = {},
): Mock {
  const doc = (options.spec ?? defaultSpec) as JsonObject;
  const activePlatform = options.profile !== 'generic';
  return createEngineMock({
    spec: doc,
    mode: options.mode ?? defaultMode,
    ...(activePlatform
      ? {
          // Compiled with the JSON:API layout of records: for this profile only.
          precompiled: { specHash, validators },
          dialect: activePlatformDialect,
          world: activePlatformWorld(buildSpecModel(doc)),
          stateFormat: STATE_FORMAT,
          readState,
        }
      : {}),
    seed: options.seed,
    stateFile: options.stateFile,
    latency: options.latency,
    faults: options.faults,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    randomSeed: options.randomSeed,
    cors: options.cors,
    acceptAnyToken: options.acceptAnyToken,
    adminPath: options.adminPath,
    adminSecret: options.adminSecret,
    storeLimits: options.storeLimits,
    now: options.now,
    fixtures: options.fixtures,
    ...served,
  });
}
