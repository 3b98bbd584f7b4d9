/**
 * Actions that create/read/update/delete does not express, declared by a dialect as
 * data: which operation (by the end of its path), which record it works on, and what it
 * changes or creates.
 */
import type { JsonObject } from '@proseapi/openapi-model';
import type { Outcome, WorldRequest } from '../engine/world.js';
import type { WorldParts } from './context.js';
import type { Collection, Envelope } from './model.js';
import type { StoredRecord } from './store.js';

export interface ActionRule {
  /** A name for the rule (the operationId the API gives the action, usually). */
  name: string;
  method: string;
  /** End of the operation's path with parameters written `{}`: `/subscriptions/{}/stop_operation`. */
  path: string;
  /**
   * The record the action changes:
   * - `item`: the resource whose path the operation's path is, or extends by one segment;
   * - `lookup`: the record of `collection` whose fields equal values of the body or path;
   * - `singleton`: the only record of `collection` under the same parents.
   */
  target?:
    | { kind: 'item' }
    | {
        kind: 'lookup';
        collection: string;
        /** Field to compare, and where the value comes from (`name: '*'`: the last path parameter). */
        match: { field: string; from: 'body' | 'path'; name: string }[];
      }
    | { kind: 'singleton'; collection: string };
  /** Field → candidate values; the first one the field's `enum` allows is written. */
  set?: Record<string, readonly unknown[]>;
  /** Also copy the body's fields onto the record. */
  mergeBody?: boolean;
  /** A change of the record's fields of the dialect's own. */
  apply?: (fields: JsonObject, body: unknown) => void;
  /** Create a record in `collection` (a path template with parameter names) instead. */
  create?: {
    collection: string;
    id?: 'uuid' | 'number';
    set?: Record<string, readonly unknown[]>;
  };
  /** Answer with the records of `collection` (under any parents) whose fields pass `where`. */
  view?: {
    collection: string;
    where: (fields: JsonObject, path: Record<string, unknown>) => boolean;
  };
}

export type LookupTarget = Extract<NonNullable<ActionRule['target']>, { kind: 'lookup' }>;

const PARAM = /^\{([^}]+)\}$/;

/** The name of an operation path's last parameter. */
export function lastParameter(segments: readonly string[]): string | undefined {
  return PARAM.exec(segments[segments.length - 1] ?? '')?.[1];
}

function answerWith(
  world: WorldParts,
  request: WorldRequest,
  envelope: Envelope,
  resource: JsonObject,
): Outcome {
  // An action whose answer shows no record answers from the description.
  if (!envelope.location && !envelope.isNull && envelope.media) return { type: 'document' };
  return world.renderer.one(request.op, envelope, resource);
}

function findTarget(
  world: WorldParts,
  request: WorldRequest,
  rule: ActionRule,
): { collection: Collection; record: StoredRecord } | undefined {
  const target = rule.target ?? { kind: 'item' };
  const segments = request.op.segments;
  if (target.kind === 'item') {
    let end = segments.length;
    if (!PARAM.test(segments[end - 1] ?? '')) end -= 1;
    const itemName = PARAM.exec(segments[end - 1] ?? '')?.[1];
    if (!itemName) return undefined;
    const collection = world.collection(`/${segments.slice(0, end - 1).join('/')}`);
    const parents = world.parentsOf(collection, request.rawPath);
    if (!parents) return undefined;
    const record = world.store.table(collection.key).get(parents, request.rawPath[itemName] ?? '');
    return record ? { collection, record } : undefined;
  }
  const collection = world.collection(target.collection);
  const parents = world.parentsOf(collection, request.rawPath);
  if (!parents) return undefined;
  const records = world.store.table(collection.key).list(parents);
  if (target.kind === 'singleton') {
    const record = records[0];
    return record ? { collection, record } : undefined;
  }
  const body = world.representation.bodyFields(request.body);
  const lastParam = lastParameter(segments);
  const record = records.find((r) =>
    target.match.every((m) => {
      const pathName = m.name === '*' ? lastParam : m.name;
      const wanted =
        m.from === 'body' ? body[m.name] : pathName ? request.rawPath[pathName] : undefined;
      if (wanted === undefined || wanted === null) return false;
      return String(world.fieldValue(collection, r, m.field)) === String(wanted);
    }),
  );
  return record ? { collection, record } : undefined;
}

export function runAction(
  world: WorldParts,
  request: WorldRequest,
  rule: ActionRule,
  envelope: Envelope,
): Outcome {
  const { records, representation, store } = world;
  if (rule.view) {
    const collection = world.collection(rule.view.collection);
    const where = rule.view.where;
    const found = world.filter(
      collection,
      store
        .table(collection.key)
        .all()
        .filter((r) => where(representation.fields(r.resource), request.params.path)),
      request.op,
      request.params.query,
    );
    return world.renderer.list(request, envelope, found);
  }
  if (rule.create) {
    const collection = world.collection(rule.create.collection);
    const parents = world.parentsOf(collection, request.rawPath);
    if (!parents) return { type: 'document' };
    const fields = representation.bodyFields(request.body);
    records.applySet(collection, fields, rule.create.set);
    const id = records.newId(collection, rule.create.id);
    const resource = records.build(collection, id, parents, fields, envelope.kind, true);
    store.table(collection.key).put({ id, parents, resource });
    return answerWith(world, request, envelope, resource);
  }
  const found = findTarget(world, request, rule);
  if (!found) return { type: 'not-found' };
  const { collection, record } = found;
  const resource = structuredClone(record.resource);
  const fields = representation.fields(resource);
  if (rule.mergeBody) Object.assign(fields, representation.bodyFields(request.body));
  records.applySet(collection, fields, rule.set);
  rule.apply?.(fields, request.body);
  records.touch(collection, fields, false);
  const updated = { ...record, resource: records.fit(collection, resource) };
  store.table(collection.key).put(updated);
  return answerWith(world, request, envelope, updated.resource);
}
