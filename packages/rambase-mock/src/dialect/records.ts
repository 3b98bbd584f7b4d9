/**
 * How RamBase lays its objects out, as the world keeps them: a record is the object's
 * fields; a JSON answer or body wraps one object in a single key named after it
 * (`{"notification": {…}}`), a list holds the objects in an array (`notifications`); an
 * object's identifier is its `<name>Id` field (`notificationId`), first among its fields.
 */
import { plainJson, type Representation } from '@proseapi/mock-engine';
import { isObject, type JsonObject, resolveSchema, wrapperMember } from '@proseapi/openapi-model';

/** `Notification` → `notificationId`; records of no known kind keep their id in `id`. */
function idField(kind: string | undefined): string {
  return kind ? `${kind.charAt(0).toLowerCase()}${kind.slice(1)}Id` : 'id';
}

function isIdField(key: string): boolean {
  return key === 'id' || key.endsWith('Id');
}

/** A path value as a field: a number where the text is one. */
function typedId(value: string): string | number {
  return /^[0-9]{1,15}$/.test(value) ? Number(value) : value;
}

export const representation: Representation = {
  locate(doc, schema) {
    const wrapper = wrapperMember(doc, schema);
    if (wrapper) return { path: [wrapper[0]], many: false, schema: wrapper[1], links: undefined };
    return plainJson.locate(doc, schema);
  },
  fields: (resource) => resource,
  fieldsSchema: (_doc, resourceSchema) => resourceSchema,
  // Bodies reach the world in their JSON form (see `receive`): one key around the fields.
  bodyFields(body) {
    const members = isObject(body) ? Object.values(body) : [];
    return members.length === 1 && isObject(members[0]) ? { ...members[0] } : {};
  },
  compose: (id, kind, fields) => ({ [idField(kind)]: typedId(id), ...fields }),
  idOf(resource: JsonObject) {
    const key = Object.keys(resource).find(isIdField);
    const value = key === undefined ? undefined : resource[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  },
  // The object's name: its schema's XML element name.
  kindOf(doc, recordSchema) {
    const resolved = resolveSchema(doc, recordSchema);
    const xml = isObject(resolved) && isObject(resolved.xml) ? resolved.xml : undefined;
    return typeof xml?.name === 'string' ? xml.name : undefined;
  },
};
