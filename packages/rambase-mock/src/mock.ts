/** The RamBase mock: the generic engine with the RamBase dialect, on the bundle of `@proseapi/rambase-openapi`. */

import {
  type CommonMockOptions,
  createMock as createEngineMock,
  type Mock,
  type MockControls,
  type MockState,
  type ServedSettings,
} from '@proseapi/mock-engine';
import { buildSpecModel, type JsonObject } from '@proseapi/openapi-model';
import defaultSpec from '#description' with { type: 'json' };
import * as precompiled from '#precompiled';
import {
  type ApiClient,
  type ApiUser,
  type AuthorizationCode,
  EXAMPLE_INVOICE,
  type Grant,
  ramBaseDialect,
  ramBaseWorld,
  STATE_FORMAT,
} from './dialect/index.js';
import { DEFAULT_LIFETIME, DEMO_CLIENT, DEMO_CODES, DEMO_USERS } from './dialect/settings.js';

export type { FaultOptions, LatencyRange } from '@proseapi/mock-engine';
export type { Mock, MockControls, MockState };

export interface MockOptions extends CommonMockOptions {
  /**
   * Bundled OpenAPI document; default: the bundle of `@proseapi/rambase-openapi` this package
   * was built with, without its texts and provenance marks (`compactDocument`).
   */
  spec?: object;
  /**
   * The API clients that may log in (default: the description examples' `erp-connector`).
   * Settings, not records: snapshots and state files never hold their secrets.
   */
  clients?: readonly ApiClient[];
  /** The users that may log in with the password grant (default: two demonstration users). */
  users?: readonly ApiUser[];
  /** The authorization codes the token endpoint takes, each once. */
  authorizationCodes?: readonly AuthorizationCode[];
  /** Seconds an access token lives (default 3600). */
  tokenLifetime?: number;
  /** The grants whose logins also get a refresh token (default: `authorization_code`). */
  refreshGrants?: readonly Grant[];
  /** The supplier invoices that exist (default: 100523, which holds the example notifications). */
  supplierInvoices?: readonly number[];
  /** Accept any bearer token, issued or not. */
  acceptAnyToken?: boolean;
}

/** Builds the engine, the world and its controls from options (`served`: what a server adds). */
export function createMock(
  options: MockOptions,
  defaultMode: 'stateful' | 'stateless',
  served: ServedSettings = {},
): Mock {
  const {
    spec,
    clients,
    users,
    authorizationCodes,
    tokenLifetime,
    refreshGrants,
    supplierInvoices,
    ...engine
  } = options;
  const doc = (spec ?? defaultSpec) as JsonObject;
  const now = options.now ?? (() => new Date());
  const settings = {
    clients: clients ?? [DEMO_CLIENT],
    users: users ?? DEMO_USERS,
    codes: authorizationCodes ?? DEMO_CODES,
    lifetime: tokenLifetime ?? DEFAULT_LIFETIME,
    refreshGrants: refreshGrants ?? ['authorization_code'],
    now,
  };
  return createEngineMock({
    ...engine,
    spec: doc,
    mode: options.mode ?? defaultMode,
    // The build wrote the default description and compiled these from it.
    precompiled: { ...precompiled, doc: defaultSpec },
    dialect: (context) => ramBaseDialect(context, settings),
    world: ramBaseWorld(buildSpecModel(doc), supplierInvoices ?? [EXAMPLE_INVOICE]),
    stateFormat: STATE_FORMAT,
    ...served,
  });
}
