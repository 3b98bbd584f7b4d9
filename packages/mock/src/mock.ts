/** The ActivePlatform mock: the generic engine with the ActivePlatform dialect, on the bundle. */
import type { Fixture } from '@proseapi/conformance';
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
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import defaultSpec from '#description' with { type: 'json' };
import * as precompiled from '#precompiled';
import type defaultStart from '#start';
import {
  activePlatformDialect,
  activePlatformWorld,
  readState,
  STATE_FORMAT,
} from './dialect/index.js';

export type { FaultOptions, LatencyRange, Mock, MockControls, MockState };
export { DEFAULT_BODY_LIMIT };

export interface MockOptions extends CommonMockOptions {
  /**
   * Bundled OpenAPI document; default: the bundle of `@activeplatform/openapi` this package
   * was built with, without its texts and provenance marks (`compactDocument`).
   */
  spec?: object;
  /**
   * `activeplatform` (default): manager tokens, reseller scoping, the seeded world and
   * the API's actions. `generic`: the engine's generic profile (the description's own
   * error format, any non-empty credentials, plain-JSON records).
   */
  profile?: 'activeplatform' | 'generic';
  /** Accept any non-empty token (no 401 for unknown tokens, no reseller scoping). */
  acceptAnyToken?: boolean;
  /**
   * Real answers recorded by the conformance recorder or the validating proxy: a report file,
   * a folder of them, or their fixtures. A request with the same method, path and query gets
   * the recorded answer, before the world and the examples.
   */
  fixtures?: string | readonly Fixture[];
}

/** What the seed writes in each mode, for the default description (`dist/start.json`). */
export type PreparedStarts = typeof defaultStart;

/**
 * Builds the engine, the world and its controls from options (`served`: what a server adds).
 * `start`: the build's start states, read instead of seeding the default description.
 */
export function createMock(
  options: MockOptions,
  defaultMode: 'stateful' | 'stateless',
  served: ServedSettings = {},
  start?: PreparedStarts,
): Mock {
  const doc = (options.spec ?? defaultSpec) as JsonObject;
  const activePlatform = options.profile !== 'generic';
  const mode = options.mode ?? defaultMode;
  return createEngineMock({
    spec: doc,
    mode,
    ...(activePlatform
      ? {
          // Compiled with the JSON:API layout of records: for this profile only.
          // The build wrote the default description and compiled these from it.
          precompiled: { ...precompiled, doc: defaultSpec },
          dialect: activePlatformDialect,
          world: activePlatformWorld(buildSpecModel(doc)),
          stateFormat: STATE_FORMAT,
          readState,
          // Prepared by the build from the default description with this dialect.
          start: options.spec === undefined ? start?.[mode] : undefined,
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
