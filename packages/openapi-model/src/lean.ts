/**
 * A copy of a description for compiling validators: every schema loses the keywords that
 * only describe (texts, examples, `x-` extensions), which no validator reads. Everything
 * else, including every pointer a `$ref` may follow, stays where it was.
 */
import { isObject, type JsonObject } from './json.js';
import { ANNOTATIONS } from './schema.js';

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);
/** Keywords whose value is one schema (`items` may also be a list of them). */
const SCHEMA_ONE = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'contentSchema',
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

const describes = (key: string) => ANNOTATIONS.has(key) || key.startsWith('x-');

const mapValues = (value: unknown, each: (member: unknown) => unknown): unknown =>
  isObject(value)
    ? Object.fromEntries(Object.entries(value).map(([name, member]) => [name, each(member)]))
    : value;

/**
 * A schema without its describing keywords, in it and in every schema it holds. Values
 * that are data (`enum`, `const`, `default`) and the names under `properties` are kept
 * whatever they are called.
 */
export function leanSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (describes(key)) continue;
    if (SCHEMA_MAPS.has(key)) out[key] = mapValues(value, leanSchema);
    else if (SCHEMA_ONE.has(key)) {
      out[key] = Array.isArray(value) ? value.map(leanSchema) : leanSchema(value);
    } else if (SCHEMA_LISTS.has(key)) {
      out[key] = Array.isArray(value) ? value.map(leanSchema) : value;
    } else out[key] = value;
  }
  return out;
}

/**
 * The description with every schema lean (`leanSchema`): those under a `schema` member
 * and those in `components.schemas`. The rest of the document is kept as it is.
 */
export function leanDocument(doc: JsonObject): JsonObject {
  const components = doc.components;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (key === 'schema') out[key] = leanSchema(member);
      else if (key === 'schemas' && value === components) out[key] = mapValues(member, leanSchema);
      else if (key === 'example' || key === 'examples' || key.startsWith('x-')) out[key] = member;
      else out[key] = walk(member);
    }
    return out;
  };
  return walk(doc) as JsonObject;
}
