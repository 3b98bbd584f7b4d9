/** The CSA mock: the generic engine with the CSA dialect, on the bundle of `@proseapi/csa-openapi`. */
import {
  type CommonMockOptions,
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
import defaultSpec from '#description' with { type: 'json' };
import * as precompiled from '#precompiled';
import {
  csaDialect,
  csaWorldFactory,
  STATE_FORMAT,
  TRANSPORT_USER,
  type TransportUser,
} from './dialect/index.js';

export type { FaultOptions, LatencyRange, Mock, MockControls, MockState };
export { DEFAULT_BODY_LIMIT };

export interface MockOptions extends CommonMockOptions {
  /**
   * Bundled OpenAPI document; default: the bundle of `@proseapi/csa-openapi` this package
   * was built with, without its texts and provenance marks (`compactDocument`).
   */
  spec?: object;
  /**
   * The integration accounts whose HTTP Basic credentials are accepted (default: one,
   * `TRANSPORT_USER`). They are settings, not records: snapshots and state files never hold
   * their passwords.
   */
  users?: readonly TransportUser[];
  /** Accept any HTTP Basic credentials and any `userIdentifier` (no 401 for unknown ones). */
  acceptAnyCredentials?: boolean;
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
    // The build wrote the default description and compiled these from it.
    precompiled: { ...precompiled, doc: defaultSpec },
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
