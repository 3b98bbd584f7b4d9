/**
 * How an API lays its resources out, as the stateful world needs to know it: where the
 * records sit in an answer, where a resource keeps its fields, what a request body
 * carries, and how a new resource looks. The plain-JSON layout is here; a dialect brings
 * its own (JSON:API's `data.attributes`, say).
 */
import { isObject, type JsonObject, resolveSchema } from '@proseapi/openapi-model';

/** Where the records sit in an answer of one schema. */
export interface RecordLocation {
  /** Member path from the answer's root to the records (`[]`: the answer is the records). */
  path: string[];
  /** A list of records, or one. */
  many: boolean;
  /** Schema of one record. */
  schema: unknown;
  /** Member path of the answer's page links, when its schema has them. */
  links: string[] | undefined;
}

export interface Representation {
  /** Where the records sit in an answer of this schema; `undefined`: it holds none. */
  locate(doc: JsonObject, schema: unknown): RecordLocation | undefined;
  /** The object that holds a stored resource's fields (the resource itself, or a member). */
  fields(resource: JsonObject): JsonObject;
  /** The schema of those fields, given the schema of the resource. */
  fieldsSchema(doc: JsonObject, resourceSchema: unknown): unknown;
  /** The fields a request body carries (a fresh object). */
  bodyFields(body: unknown): JsonObject;
  /** A new resource with this id, kind and fields. */
  compose(id: string, kind: string | undefined, fields: JsonObject): JsonObject;
  /** The id of a stored resource, as a string. */
  idOf(resource: JsonObject): string | undefined;
  /** The kind of resource a record schema holds (`undefined` when the layout has no kinds). */
  kindOf(doc: JsonObject, recordSchema: unknown, examples: JsonObject[]): string | undefined;
}

function arrayItems(doc: JsonObject, schema: unknown): unknown {
  const resolved = resolveSchema(doc, schema);
  if (isObject(resolved) && (resolved.type === 'array' || resolved.items !== undefined)) {
    return resolved.items;
  }
  return undefined;
}

/**
 * Plain JSON: an answer is the resource itself, a list of them, or an object whose one
 * list member holds them (`{"items": […], "total": 3}`); fields are the resource's own
 * members and a body's members are the new fields.
 */
export const plainJson: Representation = {
  locate(doc, schema) {
    const resolved = resolveSchema(doc, schema);
    if (!isObject(resolved) || resolved.type === 'null') return undefined;
    const items = arrayItems(doc, resolved);
    if (items !== undefined) return { path: [], many: true, schema: items, links: undefined };
    if (isObject(resolved.properties)) {
      const lists = Object.entries(resolved.properties).filter(([, member]) => {
        const item = resolveSchema(doc, arrayItems(doc, member));
        return isObject(item) && (item.type === 'object' || isObject(item.properties));
      });
      if (lists.length === 1) {
        const [name, member] = lists[0] as [string, unknown];
        return { path: [name], many: true, schema: arrayItems(doc, member), links: undefined };
      }
      return { path: [], many: false, schema, links: undefined };
    }
    return undefined;
  },
  fields: (resource) => resource,
  fieldsSchema: (_doc, resourceSchema) => resourceSchema,
  bodyFields: (body) => (isObject(body) ? { ...body } : {}),
  compose: (id, _kind, fields) => ({ ...fields, id }),
  idOf: (resource) =>
    resource.id === undefined || resource.id === null ? undefined : String(resource.id),
  kindOf: () => undefined,
};
