/**
 * Filling a fresh world: the dialect's own records, then every resource the
 * description's examples name (and the parents their example paths go through), so
 * that each documented example request finds what it asks for.
 */
import {
  isObject,
  type JsonObject,
  type OperationModel,
  resolveSchema,
} from '@proseapi/openapi-model';
import { type ActionRule, type LookupTarget, lastParameter } from './actions.js';
import type { WorldParts } from './context.js';
import { typedId } from './records.js';
import { normalizeTemplate } from './store.js';

/** What a dialect gets to fill a fresh world with. */
export interface WorldWriter {
  /**
   * Stores a resource in the collection of `template` (a collection path with parameter
   * names), made of `fields` like a created one.
   */
  put(
    template: string,
    parents: (string | number)[],
    id: string | number,
    fields: JsonObject,
  ): void;
}

const PARAM = /^\{([^}]+)\}$/;

export function worldWriter(world: WorldParts): WorldWriter {
  return {
    put(template, parents, id, fields) {
      const collection = world.collection(template);
      const parentValues = parents.map(String);
      const resource = world.records.build(collection, String(id), parentValues, fields, undefined);
      world.store.table(collection.key).put({ id: String(id), parents: parentValues, resource });
    },
  };
}

function firstSchemaExample(doc: JsonObject, schema: unknown): unknown {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return undefined;
  if (Array.isArray(resolved.examples)) return resolved.examples[0];
  return resolved.example;
}

/** Values of an operation's path parameters taken from the description's examples. */
function examplePath(doc: JsonObject, op: OperationModel): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const param of op.params) {
    if (param.in !== 'path') continue;
    const example = param.example?.value ?? firstSchemaExample(doc, param.schema);
    if (example === undefined || example === null || typeof example === 'object') return undefined;
    values[param.name] = String(example);
  }
  return values;
}

function seedLookupTarget(
  world: WorldParts,
  op: OperationModel,
  target: LookupTarget,
  values: Record<string, string>,
): void {
  const collection = world.collection(target.collection);
  const parents = world.parentsOf(collection, values);
  if (!parents) return;
  const body = world.representation.bodyFields(op.body?.content[0]?.examples[0]?.value);
  const lastParam = lastParameter(op.segments);
  const fields: JsonObject = {};
  for (const m of target.match) {
    const pathName = m.name === '*' ? lastParam : m.name;
    const value = m.from === 'body' ? body[m.name] : pathName ? values[pathName] : undefined;
    if (value === undefined || value === null || typeof value === 'object') return;
    fields[m.field] = m.from === 'path' ? typedId(String(value)) : value;
  }
  const table = world.store.table(collection.key);
  const exists = table
    .list(parents)
    .some((r) =>
      Object.entries(fields).every(
        ([name, value]) => String(world.fieldValue(collection, r, name)) === String(value),
      ),
    );
  if (exists) return;
  const id = world.records.newId(collection);
  table.put({
    id,
    parents,
    resource: world.records.build(collection, id, parents, fields, undefined),
  });
}

/** Adds what the description's examples name; `ruleOf` gives an operation's action rule. */
export function seedFromExamples(
  world: WorldParts,
  ruleOf: (op: OperationModel) => ActionRule | undefined,
): void {
  const { model, store, doc, representation } = world;
  for (const op of model.spec.operations) {
    const values = examplePath(doc, op);
    if (!values) continue;
    const rule = ruleOf(op);
    const behaviour = model.behaviour(op);
    // Every resource the example path names exists (the last segment of a lookup
    // action is a document number, not an id).
    const skipLast = rule?.target !== undefined && rule.target.kind !== 'item';
    const segments = op.segments;
    const parents: string[] = [];
    for (let i = 0; i < segments.length; i++) {
      const match = PARAM.exec(segments[i] as string);
      if (!match) continue;
      if (skipLast && i === segments.length - 1) break;
      const value = values[match[1] as string] as string;
      const template = `/${segments.slice(0, i).join('/')}`;
      const key = normalizeTemplate(template);
      if (world.tracked(key)) {
        const table = store.table(key);
        if (!table.get(parents, value)) {
          const collection = world.collection(template);
          const resource = world.records.build(collection, value, [...parents], {}, undefined);
          table.put({ id: value, parents: [...parents], resource });
        }
      }
      parents.push(value);
    }
    // The record a lookup action looks for (by document number …) exists.
    if (rule?.target?.kind === 'lookup') seedLookupTarget(world, op, rule.target, values);
    // The resources the operation's answers show exist.
    if (behaviour.kind === 'none' || behaviour.kind === 'create') continue;
    const collection = behaviour.collection;
    const ownParents = world.parentsOf(collection, values);
    if (!ownParents) continue;
    const table = store.table(collection.key);
    for (const example of collection.examples) {
      const id = representation.idOf(example);
      if (id === undefined || table.get(ownParents, id)) continue;
      const resource = structuredClone(example);
      table.put({
        id,
        parents: ownParents,
        resource: world.records.fitExample(collection, resource),
      });
    }
  }
}
