/**
 * A copy of a description for compiling validators: every schema loses the keywords that
 * only describe (texts, examples, `x-` extensions), which no validator reads. Everything
 * else, including every pointer a `$ref` may follow, stays where it was.
 */
import { mapDocumentSchemas, schemaWithout } from './document-schemas.js';
import type { JsonObject } from './json.js';
import { ANNOTATIONS } from './schema.js';

const describes = (key: string) => ANNOTATIONS.has(key) || key.startsWith('x-');

/**
 * A schema without its describing keywords, in it and in every schema it holds. Values
 * that are data (`enum`, `const`, `default`) and the names under `properties` are kept
 * whatever they are called.
 */
export const leanSchema = (schema: unknown): unknown => schemaWithout(schema, describes);

/**
 * The description with every schema lean (`leanSchema`): those under a `schema` member
 * and those in `components.schemas`. The rest of the document is kept as it is.
 */
export function leanDocument(doc: JsonObject): JsonObject {
  return mapDocumentSchemas(doc, leanSchema);
}
