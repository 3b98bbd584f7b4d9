/**
 * One body in two media types: a JSON form and an XML form of the same fields. Either both
 * media types have the same schema, or the JSON schema wraps the XML one in its single
 * member (`{"order": {…}}` beside `<Order>…</Order>`, the XML root being the object itself).
 */
import { isObject, type JsonObject } from './json.js';
import type { MediaModel } from './model.js';
import { resolveSchema } from './schema.js';

/** `application/xml`, `text/xml` and every `…+xml` type. */
export function isXmlMediaType(mediaType: string): boolean {
  return mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml');
}

/** The single member of an object schema, when it holds an object (a wrapper's key and schema). */
export function wrapperMember(doc: unknown, schema: unknown): [string, unknown] | undefined {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved) || !isObject(resolved.properties)) return undefined;
  const members = Object.entries(resolved.properties);
  if (members.length !== 1) return undefined;
  const [name, member] = members[0] as [string, unknown];
  const inner = resolveSchema(doc, member);
  return isObject(inner) && (inner.type === 'object' || isObject(inner.properties))
    ? [name, member]
    : undefined;
}

/** The JSON and XML media types of one body, and the key JSON wraps the XML form's fields in. */
export interface MediaForms {
  json: MediaModel;
  xml: MediaModel;
  /** `undefined`: both forms have the same shape. */
  key: string | undefined;
}

function sameSchema(doc: unknown, a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b) && typeof a.$ref === 'string') return a.$ref === b.$ref;
  return JSON.stringify(resolveSchema(doc, a)) === JSON.stringify(resolveSchema(doc, b));
}

/** The two forms among a body's media types, when it has a JSON and an XML one that match. */
export function mediaForms(
  doc: JsonObject,
  content: readonly MediaModel[] | undefined,
): MediaForms | undefined {
  const json = content?.find((m) => m.mediaType === 'application/json');
  const xml = content?.find((m) => isXmlMediaType(m.mediaType));
  if (!json || !xml) return undefined;
  if (sameSchema(doc, json.schema, xml.schema)) return { json, xml, key: undefined };
  const wrapper = wrapperMember(doc, json.schema);
  return wrapper && sameSchema(doc, wrapper[1], xml.schema)
    ? { json, xml, key: wrapper[0] }
    : undefined;
}
