/** Rewriting the schemas a description holds, wherever they sit. */
import { isObject, type JsonObject } from './json.js';

/** The keywords whose values hold schemas, by the form of the value. */
export const SUBSCHEMA_KEYWORDS = {
  /** A map of names to schemas. */
  maps: ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'],
  /** One schema (`items` may also be a list of them, as drafts before 2020-12 wrote it). */
  single: [
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
  ],
  /** A list of schemas. */
  lists: ['allOf', 'anyOf', 'oneOf', 'prefixItems'],
} as const;

/** A copy of an object with each member mapped; a value that is no object is kept. */
export const mapValues = (value: unknown, each: (member: unknown) => unknown): unknown =>
  isObject(value)
    ? Object.fromEntries(Object.entries(value).map(([name, member]) => [name, each(member)]))
    : value;

const SCHEMA_MAPS = new Set<string>(SUBSCHEMA_KEYWORDS.maps);
const SCHEMA_ONE = new Set<string>(SUBSCHEMA_KEYWORDS.single);
const SCHEMA_LISTS = new Set<string>(SUBSCHEMA_KEYWORDS.lists);

/**
 * A copy of a schema without the keywords `drops` picks, in it and in every schema it holds.
 * Only keywords are offered: the names under `properties` and values that are data (`enum`,
 * `const`, `default`) are kept whatever they are called.
 */
export function schemaWithout(
  schema: unknown,
  drops: (keyword: string, value: unknown) => boolean,
): unknown {
  const strip = (node: unknown): unknown => {
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(node)) {
      if (drops(key, value)) continue;
      if (SCHEMA_MAPS.has(key)) out[key] = mapValues(value, strip);
      else if (SCHEMA_ONE.has(key))
        out[key] = Array.isArray(value) ? value.map(strip) : strip(value);
      else if (SCHEMA_LISTS.has(key)) out[key] = Array.isArray(value) ? value.map(strip) : value;
      else out[key] = value;
    }
    return out;
  };
  return strip(schema);
}

/**
 * Members of a description's own objects whose values are data or names an author chose,
 * copied unread: example values (an Example Object's `value`, `example`, a list of
 * `examples`), enumerations and defaults, OAuth scopes (name → text), a link's parameters
 * (name → expression; not `components.parameters`, which holds parameters), and `x-`
 * extensions.
 */
function isData(key: string, value: unknown, sharedParameters: unknown): boolean {
  return (
    key === 'value' ||
    key === 'example' ||
    key === 'enum' ||
    key === 'const' ||
    key === 'default' ||
    key === 'scopes' ||
    (key === 'examples' && Array.isArray(value)) ||
    (key === 'parameters' && isObject(value) && value !== sharedParameters) ||
    key.startsWith('x-')
  );
}

/**
 * A copy of a description with every top schema replaced by `each(schema, named)`: those
 * under a `schema` member (media types, parameters, headers) and, with `named` set, those
 * in `components.schemas`. Data (`isData`) is copied unread; members `omit` picks are left
 * out of the description's own objects; the rest of the document keeps its shape, so the
 * same pointers lead to the same places.
 */
export function mapDocumentSchemas(
  doc: JsonObject,
  each: (schema: unknown, named: boolean) => unknown,
  omit?: (key: string, value: unknown) => boolean,
): JsonObject {
  const components = isObject(doc.components) ? doc.components : undefined;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isObject(value)) return value;
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) {
      if (omit?.(key, member)) continue;
      if (key === 'schema') out[key] = each(member, false);
      else if (key === 'schemas' && value === components) {
        out[key] = mapValues(member, (schema) => each(schema, true));
      } else if (isData(key, member, components?.parameters)) out[key] = member;
      else out[key] = walk(member);
    }
    return out;
  };
  return walk(doc) as JsonObject;
}
