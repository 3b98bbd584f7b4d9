/**
 * How API v3 lays resources out (JSON:API): an answer's records sit in `data` (one, or a
 * list), its page links in `links`; a resource is `{id, type, attributes}`; a request body
 * carries its fields in `data.attributes`, or, for the actions the documentation shows
 * so, as a flat object.
 */

import type { Representation } from '@proseapi/mock-engine';
import { isObject, type JsonObject, resolveSchema } from '@proseapi/openapi-model';

function members(doc: unknown, schema: unknown): JsonObject {
  const resolved = resolveSchema(doc, schema);
  return isObject(resolved) && isObject(resolved.properties) ? resolved.properties : {};
}

/** The one value a `type` member's schema allows (a `const`, or an `enum` of one). */
function fixedType(doc: unknown, schema: unknown): string | undefined {
  const type = resolveSchema(doc, members(doc, schema).type);
  if (!isObject(type)) return undefined;
  if (typeof type.const === 'string') return type.const;
  if (Array.isArray(type.enum) && type.enum.length === 1 && typeof type.enum[0] === 'string') {
    return type.enum[0];
  }
  return undefined;
}

export const jsonApi: Representation = {
  locate(doc, schema) {
    const properties = members(doc, schema);
    if (!('data' in properties)) return undefined;
    const links = 'links' in properties ? ['links'] : undefined;
    const data = resolveSchema(doc, properties.data);
    if (isObject(data) && (data.type === 'array' || data.items !== undefined)) {
      return { path: ['data'], many: true, schema: data.items, links };
    }
    return { path: ['data'], many: false, schema: properties.data, links };
  },
  fields: (resource) => (isObject(resource.attributes) ? resource.attributes : resource),
  fieldsSchema(doc, resourceSchema) {
    const attributes = members(doc, resourceSchema).attributes;
    return attributes ?? resourceSchema;
  },
  bodyFields(body) {
    if (!isObject(body)) return {};
    if (isObject(body.data))
      return isObject(body.data.attributes) ? { ...body.data.attributes } : {};
    if ('data' in body) return {};
    return { ...body };
  },
  compose(id, kind, fields) {
    return kind === undefined ? { id, attributes: fields } : { id, type: kind, attributes: fields };
  },
  idOf: (resource) =>
    resource.id === undefined || resource.id === null ? undefined : String(resource.id),
  kindOf(doc, recordSchema, examples) {
    const fixed = fixedType(doc, recordSchema);
    if (fixed !== undefined) return fixed;
    const shown = examples.find((e) => typeof e.type === 'string')?.type;
    return typeof shown === 'string' ? shown : undefined;
  },
};
