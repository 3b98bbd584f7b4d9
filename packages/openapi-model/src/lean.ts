/**
 * A copy of a description for compiling validators: every schema loses the keywords that
 * only describe (texts, examples, `x-` extensions), which no validator reads. Everything
 * else, including every pointer a `$ref` may follow, stays where it was.
 */
import { mapDocumentSchemas, mapValues, SUBSCHEMA_KEYWORDS } from './document-schemas.js';
import { isObject, type JsonObject } from './json.js';
import { ANNOTATIONS } from './schema.js';

const SCHEMA_MAPS = new Set<string>(SUBSCHEMA_KEYWORDS.maps);
const SCHEMA_ONE = new Set<string>(SUBSCHEMA_KEYWORDS.single);
const SCHEMA_LISTS = new Set<string>(SUBSCHEMA_KEYWORDS.lists);

const describes = (key: string) => ANNOTATIONS.has(key) || key.startsWith('x-');

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
  return mapDocumentSchemas(doc, leanSchema);
}
