/**
 * The part of a document a codec needs for some schemas: every schema they reach through
 * `$ref`, with only the keywords the codec reads, at the same JSON pointers. A client that
 * reads and writes XML can carry that instead of a whole description.
 */
import { XmlCodecError } from './errors.js';
import { type Schema, STRUCTURAL } from './schema.js';

/** What the codec reads of a schema (everything else, descriptions and examples first, is left out). */
const READ = new Set([...STRUCTURAL, 'xml']);
/** Keywords whose value is a schema, or a list or a map of schemas. */
const ONE = new Set(['additionalProperties', 'unevaluatedProperties', 'items']);
const LIST = new Set(['allOf', 'oneOf', 'anyOf']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function tokens(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new XmlCodecError(ref, 'only local $refs (#/…) are followed');
  return ref
    .slice(2)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The `schemas` trimmed to the keywords the codec reads, and a `document` holding what they
 * reach through `$ref` in `document`, trimmed the same way. `$ref`s keep their pointers, so
 * the subset serves as the codec's `document` for the trimmed schemas.
 */
export function xmlSubset(
  document: unknown,
  schemas: readonly Schema[],
): { document: Json; schemas: Schema[] } {
  const subset: Json = {};
  const done = new Set<string>();
  const pending: string[] = [];

  const trim = (schema: unknown): unknown => {
    if (!isObject(schema)) return schema;
    const result: Json = {};
    for (const [key, value] of Object.entries(schema)) {
      if (!READ.has(key)) continue;
      if (key === '$ref' && typeof value === 'string') pending.push(value);
      if (key === 'properties' && isObject(value)) {
        result[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v)]));
      } else if (ONE.has(key)) result[key] = trim(value);
      else if (LIST.has(key) && Array.isArray(value)) result[key] = value.map(trim);
      else result[key] = structuredClone(value);
    }
    return result;
  };

  const roots = schemas.map(trim);
  for (let ref = pending.shift(); ref !== undefined; ref = pending.shift()) {
    if (done.has(ref)) continue;
    done.add(ref);
    const path = tokens(ref);
    let node: unknown = document;
    for (const token of path) node = isObject(node) ? node[token] : undefined;
    if (node === undefined) throw new XmlCodecError(ref, `$ref ${ref} does not resolve`);
    let holder = subset;
    for (const token of path.slice(0, -1)) {
      holder[token] ??= {};
      holder = holder[token] as Json;
    }
    holder[path[path.length - 1] as string] = trim(node);
  }
  return { document: subset, schemas: roots as Schema[] };
}
