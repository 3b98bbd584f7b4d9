/**
 * A closed copy of a description, for a quick look at undeclared members: wherever a value's
 * schemas name members, the copy adds `unevaluatedProperties: false`, so a validator compiled
 * from it refuses members no schema there names. For the schemas where that copy and
 * `undeclaredMembers` read a value the same way (`closesExactly`), a value that passes both
 * its schema and the closed copy has no undeclared member, and the walk can be skipped.
 */
import { mapDocumentSchemas, mapValues, SUBSCHEMA_KEYWORDS } from './document-schemas.js';
import { isObject, type JsonObject } from './json.js';
import { pointerGet } from './pointer.js';
import { resolveSchema } from './schema.js';

/** Keywords whose schemas apply at the same place of the value as the schema holding them. */
const IN_PLACE = ['allOf', 'oneOf', 'anyOf'] as const;

/** Keywords that let members count as evaluated where `undeclaredMembers` does not look. */
const UNSEEN = [
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
  'unevaluatedProperties',
  'unevaluatedItems',
  '$dynamicRef',
  '$recursiveRef',
] as const;

/** The most nodes `applicableNodes` gathers at one place; past it the walk reads fewer. */
const MOST_NODES = 256;

const target = (doc: unknown, ref: unknown) =>
  typeof ref === 'string' && ref.startsWith('#') ? pointerGet(doc, ref) : undefined;

/** Whether a schema, the schemas it refers to or any of its `allOf`/`oneOf`/`anyOf` name members. */
function namesMembers(doc: unknown, schema: unknown, seen = new Set<unknown>()): boolean {
  if (!isObject(schema) || seen.has(schema)) return false;
  seen.add(schema);
  if (isObject(schema.properties)) return true;
  if (namesMembers(doc, target(doc, schema.$ref), seen)) return true;
  for (const key of IN_PLACE) {
    const list = schema[key];
    if (Array.isArray(list) && list.some((s) => namesMembers(doc, s, seen))) return true;
  }
  return false;
}

/**
 * A copy of a document in which every schema at a place of a value (a media type's or
 * parameter's `schema`, a property, pattern property, additional property, item or prefix
 * item) that names members, itself or through its references and `allOf`/`oneOf`/`anyOf`,
 * and has no `unevaluatedProperties` of its own, gets `unevaluatedProperties: false`.
 * Named schemas (`components/schemas`) are reached by reference and stay as they are at
 * their root. The same pointers lead to the same schemas in both documents.
 */
export function closedDocument(doc: JsonObject): JsonObject {
  const close = (schema: unknown, place: boolean): unknown => {
    if (!isObject(schema)) return schema;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(schema)) {
      switch (key) {
        case 'properties':
        case 'patternProperties':
          out[key] = mapValues(value, (s) => close(s, true));
          break;
        case 'additionalProperties':
        case 'items':
          out[key] = close(value, true);
          break;
        case 'prefixItems':
          out[key] = Array.isArray(value) ? value.map((s) => close(s, true)) : value;
          break;
        case 'allOf':
        case 'oneOf':
        case 'anyOf':
          out[key] = Array.isArray(value) ? value.map((s) => close(s, false)) : value;
          break;
        case '$defs':
          out[key] = mapValues(value, (s) => close(s, false));
          break;
        default:
          out[key] = value;
      }
    }
    if (place && !('unevaluatedProperties' in schema) && namesMembers(doc, schema)) {
      out.unevaluatedProperties = false;
    }
    return out;
  };
  return mapDocumentSchemas(doc, (schema, named) => close(schema, !named));
}

/** The types a `oneOf`/`anyOf` branch states outright (as `schemaTypes` reads them), if any. */
function statedTypes(doc: unknown, branch: unknown): string[] | undefined {
  const resolved = resolveSchema(doc, branch);
  if (!isObject(resolved)) return undefined;
  const { type } = resolved;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string')) {
    return type as string[];
  }
  return undefined;
}

/** Whether no JSON value can have a type that two branches state (integers are numbers). */
function disjoint(doc: unknown, branches: unknown[]): boolean {
  const taken = new Set<string>();
  for (const branch of branches) {
    const types = statedTypes(doc, branch);
    if (!types) return false;
    const own = new Set(types.map((t) => (t === 'integer' ? 'number' : t)));
    for (const type of own) {
      if (taken.has(type)) return false;
      taken.add(type);
    }
  }
  return true;
}

/** How many nodes apply at the place of a schema, counted without merging (an upper bound). */
function inPlaceCount(doc: unknown, schema: unknown, budget: number): number {
  if (!isObject(schema) || budget <= 0) return 0;
  let count = 1;
  const ref = target(doc, schema.$ref);
  if (ref !== undefined) count += inPlaceCount(doc, ref, budget - count);
  for (const key of IN_PLACE) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const s of list) {
      if (count > budget) return count;
      count += inPlaceCount(doc, s, budget - count);
    }
  }
  return count;
}

/**
 * Whether, for a value its schema takes, the closed copy refuses it exactly when
 * `undeclaredMembers` finds a member: no keyword under the schema lets members count as
 * evaluated where the walk does not look (`if`, `dependentSchemas`, `unevaluatedProperties`
 * …), every reference is local, every `oneOf`/`anyOf` has branches that state disjoint types
 * (so the walk takes the very branch the value passed), and no place gathers more nodes than
 * the walk reads.
 */
export function closesExactly(doc: unknown, schema: unknown): boolean {
  const seen = new Set<unknown>();
  const exact = (node: unknown): boolean => {
    if (!isObject(node) || seen.has(node)) return true;
    seen.add(node);
    if (UNSEEN.some((key) => key in node)) return false;
    if (inPlaceCount(doc, node, MOST_NODES + 1) > MOST_NODES) return false;
    if ('$ref' in node) {
      const ref = target(doc, node.$ref);
      if (ref === undefined || !exact(ref)) return false;
    }
    const subschemas: unknown[] = [];
    for (const key of IN_PLACE) {
      const list = node[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) return false;
      if (key !== 'allOf' && !disjoint(doc, list)) return false;
      subschemas.push(...list);
    }
    for (const key of ['properties', 'patternProperties'] as const) {
      if (isObject(node[key])) subschemas.push(...Object.values(node[key]));
    }
    if (Array.isArray(node.prefixItems)) subschemas.push(...node.prefixItems);
    subschemas.push(node.additionalProperties, node.items);
    return subschemas.every(exact);
  };
  return exact(schema);
}

/** Keywords under which a narrower schema can make a value pass that failed before. */
const TURNING = ['not', 'if', 'contains'] as const;

/**
 * Whether a value the closed copy of a schema takes is always taken by the schema itself:
 * `closesExactly` holds, and no schema it reaches (through any keyword, following local
 * references) holds `not`, `if` or `contains`, or a `oneOf` whose branches may share a type,
 * under which closing a schema could let a value pass. Closing only adds
 * `unevaluatedProperties: false`, which narrows; every other keyword then passes on a
 * narrower schema as a narrower result, so one validator can stand for both.
 */
export function closedNarrowsOnly(doc: unknown, schema: unknown): boolean {
  if (!closesExactly(doc, schema)) return false;
  const seen = new Set<unknown>();
  const narrows = (node: unknown): boolean => {
    if (!isObject(node) || seen.has(node)) return true;
    seen.add(node);
    if (TURNING.some((key) => key in node)) return false;
    if (node.$ref !== undefined) {
      const ref = target(doc, node.$ref);
      if (ref === undefined || !narrows(ref)) return false;
    }
    if (Array.isArray(node.oneOf) && !disjoint(doc, node.oneOf)) return false;
    const subschemas: unknown[] = [];
    for (const key of SUBSCHEMA_KEYWORDS.maps) {
      if (isObject(node[key])) subschemas.push(...Object.values(node[key]));
    }
    for (const key of SUBSCHEMA_KEYWORDS.single) {
      const value = node[key];
      if (Array.isArray(value)) subschemas.push(...value);
      else subschemas.push(value);
    }
    for (const key of SUBSCHEMA_KEYWORDS.lists) {
      if (Array.isArray(node[key])) subschemas.push(...node[key]);
    }
    return subschemas.every(narrows);
  };
  return narrows(schema);
}
