/** The CSA mock: the generic engine with the CSA dialect, on the bundle of `@proseapi/csa-openapi`. */
import defaultSpec from '@proseapi/csa-openapi/openapi.json' with { type: 'json' };
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
import type { JsonObject } from '@proseapi/openapi-model';
import { specHash, validators } from '#precompiled';
import {
  csaDialect,
  csaWorldFactory,
  STATE_FORMAT,
  TRANSPORT_USER,
  type TransportUser,
} from './dialect/index.js';

export type { FaultOptions, LatencyRange, Mock, MockControls, MockState };
export { DEFAULT_BODY_LIMIT };

export interface MockOptions {
  /** Bundled OpenAPI document; default: the bundle of `@proseapi/csa-openapi`. */
  spec?: object;
  /** `stateful` (in-memory world) or `stateless` (the description's examples). */
  mode?: 'stateful' | 'stateless';
  /**
   * The integration accounts whose HTTP Basic credentials are accepted (default: one,
   * `TRANSPORT_USER`). They are settings, not records: snapshots and state files never hold
   * their passwords.
   */
  users?: readonly TransportUser[];
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
  /** Seed of the random choices (latency, faults, generated data), for repeatable runs. */
  randomSeed?: number;
  /** Answer CORS preflights and add `Access-Control-Allow-Origin: *` (default `true`). */
  cors?: boolean;
  /** Accept any HTTP Basic credentials and any `userIdentifier` (no 401 for unknown ones). */
  acceptAnyCredentials?: boolean;
  /** Path prefix of the administration endpoints (`POST …/reset`, `GET|PUT …/state`), or `false`. */
  adminPath?: string | false;
  /**
   * The secret a request to the administration endpoints sends in `X-Mock-Admin-Secret`;
   * without one they are off.
   */
  adminSecret?: string;
  /** Most characters of JSON the records take, in all (default 128 MiB) and per tenant (32 MiB). */
  storeLimits?: { total?: number; tenant?: number };
  /** Clock of the world (the creation time of the notifications it stores). */
  now?: () => Date;
}

/** Builds the engine, the world and its controls from options (`served`: what a server adds). */
export function createMock(
  options: MockOptions,
  defaultMode: 'stateful' | 'stateless',
  served: ServedSettings = {},
): Mock {
  const users = options.users ?? [TRANSPORT_USER];
  return createEngineMock({
    spec: (options.spec ?? defaultSpec) as JsonObject,
    mode: options.mode ?? defaultMode,
    precompiled: { specHash, validators },
    dialect: ({ store }) => csaDialect(store, users),
    world: csaWorldFactory,
    stateFormat: STATE_FORMAT,
    seed: options.seed,
    stateFile: options.stateFile,
    latency: options.latency,
    faults: options.faults,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    randomSeed: options.randomSeed,
    cors: options.cors,
    acceptAnyToken: options.acceptAnyCredentials,
    adminPath: options.adminPath,
    adminSecret: options.adminSecret,
    storeLimits: options.storeLimits,
    now: options.now,
    ...served,
  });
}
