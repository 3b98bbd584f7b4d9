/**
 * Making records: a new resource holds what the request gives (those of its body's fields
 * the record's schema names, the ids its path names, the kind of resource its operation
 * answers with) and the time;
 * members the schema requires and the request leaves out are filled from the schema,
 * never from other records.
 */
import { isObject, type JsonObject, resolveSchema } from '@proseapi/openapi-model';
import { conform, fillValue } from '../engine/conform.js';
import type { Validators } from '../engine/validation.js';
import type { Collection } from './model.js';
import type { Representation } from './representation.js';
import type { Store } from './store.js';

/** Names of the fields that record when a resource was created and last changed. */
export interface Timestamps {
  created?: string;
  updated?: string;
}

export interface RecordsOptions {
  doc: JsonObject;
  representation: Representation;
  validators: Validators;
  store: Store;
  now: () => Date;
  timestamps: Timestamps;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path value as a field: numbers where the text is a number. */
export function typedId(value: string): string | number {
  return /^[0-9]+$/.test(value) && value.length < 16 ? Number(value) : value;
}

interface FieldInfo {
  /** The fields' schema members. */
  names: Set<string>;
  /** Member → enum values. */
  enums: Map<string, unknown[]>;
  /** Required members and their schemas. */
  required: [string, unknown][];
  /** The parameters above the collection that are fields too, with their place in the path. */
  parentFields: [string, number][];
  /** The timestamp fields the schema has. */
  created: string | undefined;
  updated: string | undefined;
  /** The collection's examples have UUIDs for ids. */
  uuidIds: boolean;
}

export class Records {
  private readonly fieldInfo = new WeakMap<Collection, FieldInfo>();
  /** The last time stamped and its text: requests of the same millisecond share it. */
  private lastTime = Number.NaN;
  private lastStamp = '';

  constructor(readonly options: RecordsOptions) {}

  private info(collection: Collection): FieldInfo {
    let info = this.fieldInfo.get(collection);
    if (!info) {
      const { doc, representation, timestamps } = this.options;
      const schema = resolveSchema(
        doc,
        representation.fieldsSchema(doc, collection.resourceSchema),
      );
      const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
      const enums = new Map<string, unknown[]>();
      for (const [name, member] of Object.entries(properties)) {
        const resolved = resolveSchema(doc, member);
        if (isObject(resolved) && Array.isArray(resolved.enum)) enums.set(name, resolved.enum);
      }
      const required = (isObject(schema) && Array.isArray(schema.required) ? schema.required : [])
        .filter((name): name is string => typeof name === 'string')
        .map((name): [string, unknown] => [name, properties[name] ?? {}]);
      const names = new Set(Object.keys(properties));
      const parentFields: [string, number][] = [];
      collection.parentNames.forEach((name, index) => {
        if (names.has(name)) parentFields.push([name, index]);
      });
      const exampleId = collection.examples[0]?.id;
      const has = (name: string | undefined) => (name && names.has(name) ? name : undefined);
      info = {
        names,
        enums,
        required,
        parentFields,
        created: has(timestamps.created),
        updated: has(timestamps.updated),
        uuidIds: typeof exampleId === 'string' && UUID.test(exampleId),
      };
      this.fieldInfo.set(collection, info);
    }
    return info;
  }

  /** The first candidate the field's `enum` allows (the first candidate when it has none). */
  enumValue(collection: Collection, field: string, candidates: readonly unknown[]): unknown {
    const allowed = this.info(collection).enums.get(field);
    if (allowed) {
      const found = candidates.find((c) => allowed.includes(c));
      if (found !== undefined) return found;
    }
    return candidates[0];
  }

  /** Writes a set of candidate values, each through `enumValue`. */
  applySet(
    collection: Collection,
    fields: JsonObject,
    set: Readonly<Record<string, readonly unknown[]>> | undefined,
  ): void {
    for (const [name, candidates] of Object.entries(set ?? {})) {
      fields[name] = this.enumValue(collection, name, candidates);
    }
  }

  /** Stamps the update time (and the creation time of a new resource) where the schema has them. */
  touch(collection: Collection, fields: JsonObject, created: boolean): void {
    this.stamp(this.info(collection), fields, created);
  }

  private stamp(info: FieldInfo, fields: JsonObject, created: boolean): void {
    // The clock is read (and its time written out) on every call, fields or not: a clock
    // that moves on as it is read gives the same times as ever.
    const date = this.options.now();
    const time = date.getTime();
    if (time !== this.lastTime) {
      // An invalid date (NaN) is never equal to the last one: it throws here, as ever.
      this.lastStamp = date.toISOString();
      this.lastTime = time;
    }
    const now = this.lastStamp;
    if (created && info.created) fields[info.created] = now;
    if (info.updated) fields[info.updated] = now;
  }

  /**
   * A new resource of a collection from the fields a request (or a seed) gives; the
   * parents' ids fill the fields named after them, the timestamps are set unless given.
   * `fresh`: the fields share no object with anything else (a parsed body), so a
   * resource that already fits is kept as it is.
   */
  build(
    collection: Collection,
    id: string,
    parents: readonly string[],
    given: JsonObject,
    kind: string | undefined,
    fresh = false,
  ): JsonObject {
    const fields: JsonObject = {};
    const info = this.info(collection);
    for (const [name, index] of info.parentFields) {
      const value = parents[index];
      if (value !== undefined) fields[name] = typedId(value);
    }
    this.stamp(info, fields, true);
    Object.assign(fields, this.fieldsOf(info, given));
    for (const [name, schema] of info.required) {
      if (!(name in fields)) fields[name] = fillValue(schema, this.options.doc);
    }
    const resource = this.options.representation.compose(id, kind ?? collection.kind, fields);
    return this.fit(collection, resource, fresh);
  }

  /**
   * The fields of a body that the record's schema names (all of them when it names none): a
   * request member that says where the record goes, say, is not one of its fields.
   */
  declared(collection: Collection, given: JsonObject): JsonObject {
    return this.fieldsOf(this.info(collection), given);
  }

  private fieldsOf({ names }: FieldInfo, given: JsonObject): JsonObject {
    if (names.size === 0) return given;
    const fields: JsonObject = {};
    for (const name of Object.keys(given)) if (names.has(name)) fields[name] = given[name];
    return fields;
  }

  /**
   * The resource bent to its collection's schema. A `fresh` resource that already fits is
   * kept as it is; otherwise `conform` makes a fitting copy.
   */
  fit(collection: Collection, resource: JsonObject, fresh = false): JsonObject {
    if (collection.resourceSchema === undefined) return resource;
    if (fresh && collection.resourceKey) {
      if (this.options.validators.get(collection.resourceKey)?.(resource)) return resource;
    }
    const result = conform(resource, collection.resourceSchema, this.options.doc);
    return isObject(result) ? result : resource;
  }

  /**
   * An example record of the description, fitted like a fresh one; kept as it is when the
   * build already found every example of its collection to fit (no validator is loaded for it).
   */
  fitExample(collection: Collection, resource: JsonObject): JsonObject {
    if (this.options.validators.examplesFit?.(collection.key)) return resource;
    return this.fit(collection, resource, true);
  }

  /** A new id: a UUID where the collection's examples use them (or `uuid` is asked), else the next number. */
  newId(collection: Collection, kind?: 'uuid' | 'number'): string {
    if (kind === 'uuid' || (kind === undefined && this.info(collection).uuidIds)) {
      return globalThis.crypto.randomUUID();
    }
    return this.options.store.table(collection.key).nextId();
  }
}
