import { isObject, type JsonObject } from './json.js';
import { pointerGet } from './pointer.js';

/** Keywords that describe rather than constrain: a `$ref`'s sibling does not override the target's. */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  'description',
  'title',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'externalDocs',
  'xml',
]);

const resolvedCache = new WeakMap<object, WeakMap<object, JsonObject | boolean | undefined>>();

/**
 * A schema with its `$ref` chain followed. The constraining keywords written next to a
 * `$ref` (3.1 allows them) are merged in; the target's annotations are kept over theirs.
 * Results are cached per document and schema object.
 */
export function resolveSchema(doc: unknown, schema: unknown): JsonObject | boolean | undefined {
  if (!isObject(schema) || typeof schema.$ref !== 'string' || !isObject(doc)) {
    return resolveUncached(doc, schema);
  }
  let perDoc = resolvedCache.get(doc);
  if (!perDoc) {
    perDoc = new WeakMap();
    resolvedCache.set(doc, perDoc);
  }
  if (perDoc.has(schema)) return perDoc.get(schema);
  const resolved = resolveUncached(doc, schema);
  perDoc.set(schema, resolved);
  return resolved;
}

function resolveUncached(doc: unknown, schema: unknown): JsonObject | boolean | undefined {
  let current = schema;
  // Made at the first reference only: most schemas a request meets have none.
  let seen: Set<string> | undefined;
  let merged: JsonObject | undefined;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    seen ??= new Set<string>();
    if (seen.has(ref)) break;
    seen.add(ref);
    const { $ref: _ignored, ...siblings } = current;
    merged = { ...siblings, ...merged };
    current = pointerGet(doc, ref);
  }
  if (current === undefined) return undefined;
  if (typeof current === 'boolean') return current;
  if (!isObject(current)) return undefined;
  if (!merged) return current;
  const result: JsonObject = { ...current };
  for (const [key, value] of Object.entries(merged)) {
    if (!ANNOTATIONS.has(key) || !(key in result)) result[key] = value;
  }
  return result;
}

/**
 * The JSON types a schema allows, read from `type`, from the keywords that imply one
 * (`properties`, `items`), or from the branches of `oneOf`/`anyOf`/`allOf`.
 */
export function schemaTypes(doc: unknown, schema: unknown, depth = 0): string[] {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved) || depth > 16) return [];
  if (typeof resolved.type === 'string') return [resolved.type];
  if (Array.isArray(resolved.type)) return resolved.type.filter((t) => typeof t === 'string');
  if (isObject(resolved.properties)) return ['object'];
  if (resolved.items !== undefined) return ['array'];
  const branches = (resolved.oneOf ?? resolved.anyOf ?? resolved.allOf) as unknown;
  const types: string[] = [];
  if (Array.isArray(branches)) {
    for (const branch of branches) types.push(...schemaTypes(doc, branch, depth + 1));
  }
  return types;
}

/** The schema of an object's member: its `properties` entry, else `additionalProperties`. */
export function propertySchema(doc: unknown, schema: unknown, name: string): unknown {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return undefined;
  if (isObject(resolved.properties) && Object.hasOwn(resolved.properties, name)) {
    return resolved.properties[name];
  }
  if (isObject(resolved.additionalProperties)) return resolved.additionalProperties;
  return undefined;
}

/** The schema of an array's items. */
export function itemsSchema(doc: unknown, schema: unknown): unknown {
  const resolved = resolveSchema(doc, schema);
  return isObject(resolved) ? resolved.items : undefined;
}
