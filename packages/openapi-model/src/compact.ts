/**
 * A copy of a description for a program that serves it rather than shows it: the prose and
 * the provenance marks are dropped wherever they describe something, and everything a
 * server reads stays exactly where it was (schemas and their examples, parameters, example
 * values, extensions it does not know). The same pointers lead to the same places.
 */
import { mapDocumentSchemas, schemaWithout } from './document-schemas.js';
import { isObject, type JsonObject } from './json.js';

/** The provenance vocabulary of these descriptions (see spec/README.md). */
const PROVENANCE = new Set(['x-sources', 'x-assumed']);

/** A member that only describes: a text, a link to more text, or a provenance mark. */
function describes(key: string, value: unknown): boolean {
  if (key === 'description' || key === 'summary' || key === '$comment') {
    return typeof value === 'string';
  }
  if (key === 'externalDocs') return isObject(value);
  return PROVENANCE.has(key);
}

/** A schema without its texts and provenance marks, in it and in every schema it holds. */
export const compactSchema = (schema: unknown): unknown => schemaWithout(schema, describes);

/**
 * The description without what only describes it (`description`, `summary`, `$comment`,
 * `externalDocs`, `x-sources`, `x-assumed`), for a program that answers requests from it.
 * Applying it twice gives the same copy as once.
 */
export function compactDocument(doc: JsonObject): JsonObject {
  return mapDocumentSchemas(doc, compactSchema, describes);
}
