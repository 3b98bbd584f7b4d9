import type { StoredRecord } from '../state/store.js';
import type { Problem } from './errors.js';
import type { JsonObject, OperationModel } from './openapi.js';

/** Who a request's credential belongs to, as a world layer knows it. */
export interface Principal {
  id: string;
  [key: string]: unknown;
}

/**
 * An action the generic CRUD does not express, declared as data: which operation it
 * is, which record it works on and what it changes.
 */
export interface ActionRule {
  /** A name for the rule (the operationId the API gives the action, usually). */
  name: string;
  method: string;
  /** End of the operation's path with parameters written `{}`: `/subscriptions/{}/stop_operation`. */
  path: string;
  /**
   * The record the action changes:
   * - `item`: the resource whose path the operation's path is, or extends by one segment;
   * - `lookup`: the record of `collection` whose attributes equal values of the body or path;
   * - `singleton`: the only record of `collection` under the same parents.
   */
  target?:
    | { kind: 'item' }
    | {
        kind: 'lookup';
        collection: string;
        /** Attribute to compare, and where the value comes from (`name: '*'`: the last path parameter). */
        match: { attribute: string; from: 'body' | 'path'; name: string }[];
      }
    | { kind: 'singleton'; collection: string };
  /** Attribute → candidate values; the first one the attribute's `enum` allows is written. */
  set?: Record<string, unknown[]>;
  /** Also copy the body's attributes onto the record. */
  mergeBody?: boolean;
  /** A custom change of the record's attributes. */
  apply?: (attributes: JsonObject, body: unknown) => void;
  /** Create a record in `collection` (a path template with parameter names) instead. */
  create?: {
    collection: string;
    id?: 'uuid' | 'number';
    set?: Record<string, unknown[]>;
    /** Attributes of the new record taken from the body, beyond the body's own attributes. */
    fromBody?: (body: unknown) => JsonObject;
  };
  /** Answer with a list of `collection`'s records (under any parents) that pass `where`. */
  view?: {
    collection: string;
    where: (resource: JsonObject, path: Record<string, unknown>) => boolean;
  };
}

export interface AuthorizeContext {
  op: OperationModel;
  path: Record<string, unknown>;
  principal: Principal | undefined;
  stateful: boolean;
}

/** What a layer may do when a stateful record is read. */
export interface ReadContext {
  collection: string;
  record: StoredRecord;
  now: Date;
  enumValue: (attribute: string, candidates: unknown[]) => unknown;
}

/** Seeding helpers a layer gets to fill a fresh world. */
export interface WorldWriter {
  /**
   * Stores a resource in the collection of `template` (a collection path with parameter
   * names); `attributes` are laid over a resource shaped after the document's examples.
   */
  put(
    template: string,
    parents: (string | number)[],
    id: string | number,
    attributes: JsonObject,
  ): void;
}

/**
 * What makes a spec-agnostic engine a particular API's mock: credentials, the reach
 * of each credential, the seeded world and the actions on it.
 */
export interface MockLayer {
  name: string;
  /** Collections of the world beyond those the document describes (path templates). */
  collections?: string[];
  rules?: ActionRule[];
  /** The principal a credential belongs to; `undefined` refuses it with 401. */
  authenticate?(token: string): Principal | undefined;
  /** A problem (403, 404 …) when the principal may not make this call. */
  authorize?(context: AuthorizeContext): Problem | undefined;
  /** Called before a stored record is served, so that it may move on in time (tasks). */
  onRead?(context: ReadContext): void;
  /** Fills a fresh world. */
  seed?(world: WorldWriter): void;
  /** The layer's own part of the state (credentials, trees), for snapshots. */
  exportState?(): unknown;
  importState?(state: unknown): void;
  resetState?(): void;
}
