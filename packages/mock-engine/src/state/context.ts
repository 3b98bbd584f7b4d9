/** The parts of a stateful world that reading, changing and seeding records share. */
import {
  isObject,
  type JsonObject,
  type OperationModel,
  resolveSchema,
} from '@proseapi/openapi-model';
import type { Filtering } from './filters.js';
import type { Collection, StateModel } from './model.js';
import type { Records } from './records.js';
import type { Renderer } from './render.js';
import type { Representation } from './representation.js';
import type { Store, StoredRecord } from './store.js';
import { normalizeTemplate } from './store.js';

/** What a dialect may change when a stored record is read (a task moving on in time). */
export interface ReadContext {
  /** A copy of the record's fields; change it in place. */
  fields: JsonObject;
  enumValue(field: string, candidates: readonly unknown[]): unknown;
  now: Date;
}

/** A change made to the records of one collection whenever one of them is read. */
export interface ReadHook {
  /** The collection (a path template). */
  collection: string;
  /** Returns `true` when it changed the fields (they are then stored). */
  update(context: ReadContext): boolean;
}

const PARAM = /^\{([^}]+)\}$/;

export interface WorldPartsOptions {
  doc: JsonObject;
  model: StateModel;
  store: Store;
  records: Records;
  renderer: Renderer;
  representation: Representation;
  filtering: Filtering | undefined;
  onRead: readonly ReadHook[];
  now: () => Date;
  /** Collections the dialect keeps beyond those the description reaches (path templates). */
  collections: readonly string[];
}

export class WorldParts {
  readonly doc: JsonObject;
  readonly model: StateModel;
  readonly store: Store;
  readonly records: Records;
  readonly renderer: Renderer;
  readonly representation: Representation;
  private readonly extra: Set<string>;
  private readonly ancestry = new Map<string, { name: string; key: string; index: number }[]>();
  private readonly fieldNames = new Map<string, Set<string>>();
  private readonly readHooks = new Map<string, ReadHook['update']>();

  constructor(private readonly options: WorldPartsOptions) {
    this.doc = options.doc;
    this.model = options.model;
    this.store = options.store;
    this.records = options.records;
    this.renderer = options.renderer;
    this.representation = options.representation;
    this.extra = new Set(options.collections.map(normalizeTemplate));
    for (const hook of options.onRead) {
      this.readHooks.set(normalizeTemplate(hook.collection), hook.update);
    }
  }

  /** Whether the world keeps the records of this collection (key). */
  tracked(key: string): boolean {
    return this.extra.has(key) || this.model.collections.get(key)?.described === true;
  }

  collection(template: string): Collection {
    return this.model.collection(template, false);
  }

  /** The field names of a collection's resources. */
  fields(collection: Collection): Set<string> {
    let names = this.fieldNames.get(collection.key);
    if (!names) {
      const schema = resolveSchema(
        this.doc,
        this.representation.fieldsSchema(this.doc, collection.resourceSchema),
      );
      names = new Set(
        isObject(schema) && isObject(schema.properties) ? Object.keys(schema.properties) : [],
      );
      this.fieldNames.set(collection.key, names);
    }
    return names;
  }

  /** The values of the parameters above a collection, from a request's path. */
  parentsOf(collection: Collection, rawPath: Record<string, string>): string[] | undefined {
    const parents: string[] = [];
    for (const name of collection.parentNames) {
      const value = rawPath[name];
      if (value === undefined) return undefined;
      parents.push(value);
    }
    return parents;
  }

  /** The templated segments of an operation's path and the collections they name. */
  ancestors(op: OperationModel): { name: string; key: string; index: number }[] {
    let list = this.ancestry.get(op.key);
    if (!list) {
      list = [];
      const segments = op.segments;
      for (let i = 0; i < segments.length; i++) {
        const match = PARAM.exec(segments[i] as string);
        if (!match) continue;
        list.push({
          name: match[1] as string,
          key: normalizeTemplate(`/${segments.slice(0, i).join('/')}`),
          index: i,
        });
      }
      this.ancestry.set(op.key, list);
    }
    return list;
  }

  /** Whether every resource the path names on the way down exists (the last one too unless skipped). */
  ancestorsExist(op: OperationModel, rawPath: Record<string, string>, skipLast: boolean): boolean {
    const lastIndex = op.segments.length - 1;
    const parents: string[] = [];
    for (const { name, key, index } of this.ancestors(op)) {
      if (skipLast && index === lastIndex) break;
      const value = rawPath[name] ?? '';
      if (this.tracked(key) && !this.store.table(key).get(parents, value)) return false;
      parents.push(value);
    }
    return true;
  }

  /** A field of a record: `id`, one of its fields, or the value of a parameter above it. */
  fieldValue(collection: Collection, record: StoredRecord, name: string): unknown {
    if (name === 'id') return this.representation.idOf(record.resource);
    const fields = this.representation.fields(record.resource);
    if (name in fields) return fields[name];
    const index = collection.parentNames.indexOf(name);
    if (index !== -1) return record.parents[index];
    return record.resource[name];
  }

  /** A record as it is read: the dialect's read hook may move it on (and it is then stored). */
  read(collection: Collection, record: StoredRecord): StoredRecord {
    const hook = this.readHooks.get(collection.key);
    if (!hook) return record;
    const resource = structuredClone(record.resource);
    const changed = hook({
      fields: this.representation.fields(resource),
      enumValue: (field, candidates) => this.records.enumValue(collection, field, candidates),
      now: this.options.now(),
    });
    if (!changed) return record;
    const next = { ...record, resource: this.records.fit(collection, resource, true) };
    this.store.table(collection.key).put(next);
    return next;
  }

  /** The test of the request's filter conditions (comma-separated: any of), if it sets any. */
  matcher(
    collection: Collection,
    op: OperationModel,
    query: Record<string, unknown>,
  ): ((record: StoredRecord) => boolean) | undefined {
    const conditions = this.options.filtering?.conditions(op, query, this.fields(collection)) ?? [];
    if (conditions.length === 0) return undefined;
    return (record) =>
      conditions.every(([name, values]) => {
        const value = this.fieldValue(collection, record, name);
        if (value === undefined) return false;
        if (Array.isArray(value)) return value.some((v) => values.includes(String(v)));
        return values.includes(isObject(value) ? JSON.stringify(value) : String(value));
      });
  }

  filter(
    collection: Collection,
    records: StoredRecord[],
    op: OperationModel,
    query: Record<string, unknown>,
  ): StoredRecord[] {
    const test = this.matcher(collection, op, query);
    return test ? records.filter(test) : records;
  }
}
