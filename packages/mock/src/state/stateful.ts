import { conform, generateValue } from '../engine/generate.js';
import type { ActionRule, MockLayer, WorldWriter } from '../engine/layer.js';
import {
  isObject,
  type JsonObject,
  type OperationModel,
  resolveSchema,
  type SpecModel,
  splitPath,
} from '../engine/openapi.js';
import { responseKey, type Validators } from '../engine/validation.js';
import type { Collection, Envelope, StateModel } from './model.js';
import { normalizeTemplate, type Store, type StoredRecord } from './store.js';

/** What the stateful layer made of a request. */
export type Outcome =
  | { type: 'response'; status: number; media: string | undefined; body: unknown }
  | { type: 'problem'; status: number; title: string }
  /** Nothing stateful applies (or the state could not be shown validly): answer from the document. */
  | { type: 'document'; invalidState?: boolean };

export interface StatefulRequest {
  op: OperationModel;
  /** Path parameters as the URL wrote them. */
  rawPath: Record<string, string>;
  /** Path parameters typed after their schemas. */
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** The query string's pairs, to build pagination links from. */
  pairs: [string, string][];
  body: unknown;
  origin: string;
  pathname: string;
}

const PARAM = /^\{([^}]+)\}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMPS = ['created_at', 'updated_at'];

/** The members of a resource that hold its fields: `attributes` in JSON:API, the resource itself otherwise. */
export function attributesOf(resource: JsonObject): JsonObject {
  return isObject(resource.attributes) ? resource.attributes : resource;
}

/** The attributes a request body carries: `data.attributes` in JSON:API, a flat body as it is. */
export function bodyAttributes(body: unknown): JsonObject {
  if (!isObject(body)) return {};
  if (isObject(body.data)) {
    return isObject(body.data.attributes) ? { ...body.data.attributes } : {};
  }
  if ('data' in body) return {};
  return { ...body };
}

function typedId(value: string): string | number {
  return /^[0-9]+$/.test(value) ? Number(value) : value;
}

export interface StatefulOptions {
  spec: SpecModel;
  model: StateModel;
  store: Store;
  layer: MockLayer | undefined;
  validators: Validators;
  now: () => Date;
}

/**
 * The generic stateful behaviour: collections found from the document's paths answer
 * create, read, list (with filters and pages), update and delete from an in-memory
 * store; a layer's action rules add what CRUD does not express.
 */
export class StatefulEngine {
  private readonly rules = new Map<string, ActionRule>();
  private readonly layerCollections = new Set<string>();
  /** JSON text of the example each collection's new resources start from. */
  private readonly exampleTexts = new WeakMap<Collection, string>();
  private readonly doc: JsonObject;

  constructor(private readonly options: StatefulOptions) {
    this.doc = options.spec.doc;
    for (const template of options.layer?.collections ?? []) {
      this.layerCollections.add(normalizeTemplate(template));
    }
    for (const op of options.spec.operations) {
      const normalized = normalizeTemplate(op.path);
      const rule = options.layer?.rules?.find(
        (r) => r.method === op.method && normalized.endsWith(r.path),
      );
      if (rule) this.rules.set(op.key, rule);
    }
  }

  /** The action rule that applies to an operation, if any. */
  ruleFor(op: OperationModel): ActionRule | undefined {
    return this.rules.get(op.key);
  }

  private tracked(key: string): boolean {
    return (
      this.layerCollections.has(key) || this.options.model.collections.get(key)?.described === true
    );
  }

  private collectionInfo(template: string): Collection {
    const key = normalizeTemplate(template);
    const known = this.options.model.collections.get(key);
    if (known) return known;
    const segments = splitPath(template);
    const literals = segments.filter((s) => !PARAM.test(s));
    return {
      key,
      template,
      parentNames: segments.filter((s) => PARAM.test(s)).map((s) => s.slice(1, -1)),
      name: literals[literals.length - 1] ?? '',
      resourceSchema: undefined,
      examples: [],
      described: false,
    };
  }

  private readonly ancestry = new Map<string, { name: string; key: string; index: number }[]>();

  /** The templated segments of an operation's path and the collections they name. */
  private ancestorsOf(op: OperationModel): { name: string; key: string; index: number }[] {
    let list = this.ancestry.get(op.key);
    if (!list) {
      const segments = op.segments;
      list = [];
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

  /** 404 when a resource named on the way down the path (a reseller, an account …) does not exist. */
  private checkAncestors(request: StatefulRequest, skipLast: boolean): Outcome | undefined {
    const ancestors = this.ancestorsOf(request.op);
    const lastIndex = request.op.segments.length - 1;
    const parents: string[] = [];
    for (const { name, key, index } of ancestors) {
      if (skipLast && index === lastIndex) break;
      const value = request.rawPath[name] ?? '';
      if (this.tracked(key) && !this.options.store.table(key).get(parents, value)) {
        return { type: 'problem', status: 404, title: 'Resource not found' };
      }
      parents.push(value);
    }
    return undefined;
  }

  private parentsOf(collection: Collection, rawPath: Record<string, string>): string[] | undefined {
    const parents: string[] = [];
    for (const name of collection.parentNames) {
      const value = rawPath[name];
      if (value === undefined) return undefined;
      parents.push(value);
    }
    return parents;
  }

  /** Picks the first candidate value the attribute's `enum` allows (the first candidate if it has none). */
  enumValue(collection: Collection, attribute: string, candidates: unknown[]): unknown {
    const resource = resolveSchema(this.doc, collection.resourceSchema);
    let attributes: unknown = resource;
    if (isObject(resource) && isObject(resource.properties) && resource.properties.attributes) {
      attributes = resolveSchema(this.doc, resource.properties.attributes);
    }
    const property =
      isObject(attributes) && isObject(attributes.properties)
        ? resolveSchema(this.doc, attributes.properties[attribute])
        : undefined;
    if (isObject(property) && Array.isArray(property.enum)) {
      const allowed = property.enum;
      const found = candidates.find((c) => allowed.includes(c));
      if (found !== undefined) return found;
    }
    return candidates[0];
  }

  private applySet(
    collection: Collection,
    attributes: JsonObject,
    set: Record<string, unknown[]> | undefined,
  ) {
    for (const [name, candidates] of Object.entries(set ?? {})) {
      attributes[name] = this.enumValue(collection, name, candidates);
    }
  }

  private touch(attributes: JsonObject, created: boolean): void {
    const now = this.options.now().toISOString();
    if (created && 'created_at' in attributes) attributes.created_at = now;
    if ('updated_at' in attributes) attributes.updated_at = now;
  }

  /** A new resource of a collection, shaped after the document's examples of it. */
  buildResource(
    collection: Collection,
    id: string,
    parents: string[],
    attributes: JsonObject,
    fresh = false,
  ): JsonObject {
    const example = collection.examples[0];
    let base: JsonObject;
    if (example) {
      // A parse of the example's JSON text is a fresh copy, and cheaper than structuredClone.
      let text = this.exampleTexts.get(collection);
      if (text === undefined) {
        text = JSON.stringify(example);
        this.exampleTexts.set(collection, text);
      }
      base = JSON.parse(text) as JsonObject;
    } else if (collection.resourceSchema !== undefined) {
      const generated = generateValue(collection.resourceSchema, {
        doc: this.doc,
        seed: 7,
        dynamic: false,
      });
      base = isObject(generated) ? generated : {};
    } else base = { type: collection.name, attributes: {} };
    const resource: JsonObject = { ...base, id };
    const target = isObject(resource.attributes) ? { ...resource.attributes } : resource;
    Object.assign(target, attributes);
    collection.parentNames.forEach((name, index) => {
      if (name in target && parents[index] !== undefined) {
        target[name] = typedId(parents[index] as string);
      }
    });
    const now = this.options.now().toISOString();
    for (const stamp of TIMESTAMPS) {
      if (stamp in target && !(stamp in attributes)) target[stamp] = now;
    }
    if (target !== resource) resource.attributes = target;
    return this.conformResource(collection, resource, fresh);
  }

  /**
   * The resource bent to its collection's schema. A `fresh` resource (one that shares no
   * object with anything else, such as one built from a parsed request body) that already
   * fits is kept as it is; otherwise `conform` makes a fitting copy.
   */
  private conformResource(collection: Collection, resource: JsonObject, fresh = false): JsonObject {
    if (collection.resourceSchema === undefined) return resource;
    if (fresh && collection.resourceKey) {
      if (this.options.validators.get(collection.resourceKey)?.(resource)) return resource;
    }
    const result = conform(resource, collection.resourceSchema, this.doc);
    return isObject(result) ? result : resource;
  }

  private newId(collection: Collection, kind?: 'uuid' | 'number'): string {
    const exampleId = collection.examples[0]?.id;
    if (
      kind === 'uuid' ||
      (kind === undefined && typeof exampleId === 'string' && UUID.test(exampleId))
    ) {
      return globalThis.crypto.randomUUID();
    }
    return this.options.store.table(collection.key).nextId();
  }

  /** The seeding interface handed to a world layer. */
  writer(): WorldWriter {
    return {
      put: (template, parents, id, attributes) => {
        const collection = this.collectionInfo(template);
        const parentValues = parents.map(String);
        const resource = this.buildResource(collection, String(id), parentValues, attributes);
        this.options.store
          .table(collection.key)
          .put({ id: String(id), parents: parentValues, resource });
      },
    };
  }

  /**
   * Adds the resources the document's own examples name (and the parents their
   * example paths go through), so that every documented example request finds what
   * it asks for.
   */
  seedFromExamples(): void {
    const { spec, model, store } = this.options;
    for (const op of spec.operations) {
      const values = this.examplePath(op);
      if (!values) continue;
      const rule = this.rules.get(op.key);
      const behaviour = model.behaviour(op);
      // Every resource the example path names exists (the last segment of a lookup
      // action is a document number, not an id).
      const skipLast = rule?.target !== undefined && rule.target.kind !== 'item';
      const segments = op.segments;
      const parents: string[] = [];
      for (let i = 0; i < segments.length; i++) {
        const match = PARAM.exec(segments[i] as string);
        if (!match) continue;
        if (skipLast && i === segments.length - 1) break;
        const value = values[match[1] as string] as string;
        const key = normalizeTemplate(`/${segments.slice(0, i).join('/')}`);
        if (this.tracked(key)) {
          const table = store.table(key);
          if (!table.get(parents, value)) {
            const collection = this.collectionInfo(`/${segments.slice(0, i).join('/')}`);
            const resource = this.buildResource(collection, value, [...parents], {});
            table.put({ id: value, parents: [...parents], resource });
          }
        }
        parents.push(value);
      }
      // The record a lookup action looks for (by document number …) exists.
      if (rule?.target?.kind === 'lookup') this.seedLookupTarget(op, rule.target, values);
      // The resources the operation's answers show exist.
      if (behaviour.kind === 'none' || behaviour.kind === 'create') continue;
      const collection = behaviour.collection;
      const ownParents = this.parentsOf(collection, values);
      if (!ownParents) continue;
      const table = store.table(collection.key);
      for (const example of collection.examples) {
        const id = String(example.id);
        if (table.get(ownParents, id)) continue;
        const attributes = isObject(example.attributes) ? example.attributes : {};
        const resource = this.buildResource(
          collection,
          id,
          ownParents,
          structuredClone(attributes),
        );
        table.put({ id, parents: ownParents, resource });
      }
    }
  }

  /** Values of an operation's path parameters taken from the document's examples. */
  private examplePath(op: OperationModel): Record<string, string> | undefined {
    const values: Record<string, string> = {};
    for (const param of op.params) {
      if (param.in !== 'path') continue;
      const example = param.example?.value ?? firstSchemaExample(this.doc, param.schema);
      if (example === undefined || example === null || typeof example === 'object')
        return undefined;
      values[param.name] = String(example);
    }
    return values;
  }

  private seedLookupTarget(
    op: OperationModel,
    target: Extract<NonNullable<ActionRule['target']>, { kind: 'lookup' }>,
    values: Record<string, string>,
  ): void {
    const collection = this.collectionInfo(target.collection);
    const parents = this.parentsOf(collection, values);
    if (!parents) return;
    const example = op.body?.content[0]?.examples[0]?.value;
    const body = bodyAttributes(example);
    const segments = op.segments;
    const lastParam = PARAM.exec(segments[segments.length - 1] ?? '')?.[1];
    const attributes: JsonObject = {};
    for (const m of target.match) {
      const pathName = m.name === '*' ? lastParam : m.name;
      const value = m.from === 'body' ? body[m.name] : pathName ? values[pathName] : undefined;
      if (value === undefined || value === null || typeof value === 'object') return;
      attributes[m.attribute] = m.from === 'path' ? typedId(String(value)) : value;
    }
    const table = this.options.store.table(collection.key);
    const exists = table
      .list(parents)
      .some((r) =>
        Object.entries(attributes).every(
          ([name, value]) => String(this.fieldValue(collection, r, name)) === String(value),
        ),
      );
    if (exists) return;
    const id = this.newId(collection);
    table.put({ id, parents, resource: this.buildResource(collection, id, parents, attributes) });
  }

  private readRecord(collection: Collection, record: StoredRecord): StoredRecord {
    this.options.layer?.onRead?.({
      collection: collection.key,
      record,
      now: this.options.now(),
      enumValue: (attribute, candidates) => this.enumValue(collection, attribute, candidates),
    });
    return record;
  }

  private fieldValue(collection: Collection, record: StoredRecord, name: string): unknown {
    if (name === 'id') return record.resource.id;
    const attributes = attributesOf(record.resource);
    if (name in attributes) return attributes[name];
    const index = collection.parentNames.indexOf(name);
    if (index !== -1) return record.parents[index];
    return record.resource[name];
  }

  /** The test a record must pass for the operation's `filter[…]` parameters (comma: any of). */
  private matcher(
    collection: Collection,
    query: Record<string, unknown>,
  ): ((record: StoredRecord) => boolean) | undefined {
    const filter = query.filter;
    if (!isObject(filter)) return undefined;
    const wanted = Object.entries(filter).map(([name, value]) => {
      const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
      return [name, list.map((v) => v.trim())] as const;
    });
    return (record) =>
      wanted.every(([name, values]) => {
        const value = this.fieldValue(collection, record, name);
        if (value === undefined) return false;
        if (Array.isArray(value)) return value.some((v) => values.includes(String(v)));
        return values.includes(isObject(value) ? JSON.stringify(value) : String(value));
      });
  }

  private filterRecords(
    collection: Collection,
    records: StoredRecord[],
    query: Record<string, unknown>,
  ): StoredRecord[] {
    const test = this.matcher(collection, query);
    return test ? records.filter(test) : records;
  }

  private paging(request: StatefulRequest): {
    size: number;
    number: number;
    style: 'deep' | 'plain' | 'none';
  } {
    const pageParam = request.op.params.find((p) => p.in === 'query' && p.name === 'page');
    if (pageParam?.style === 'deepObject') {
      const page = isObject(request.query.page) ? request.query.page : {};
      const schema = resolveSchema(this.doc, pageParam.schema);
      const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
      const sizeSchema = resolveSchema(this.doc, props.size);
      const defaultSize =
        isObject(sizeSchema) && typeof sizeSchema.default === 'number' ? sizeSchema.default : 50;
      return {
        size: positiveInt(page.size, defaultSize),
        number: positiveInt(page.number, 1),
        style: 'deep',
      };
    }
    const perPage = request.op.params.find((p) => p.in === 'query' && p.name === 'per_page');
    if (pageParam && perPage) {
      return {
        size: positiveInt(request.query.per_page, 50),
        number: positiveInt(request.query.page, 1),
        style: 'plain',
      };
    }
    return { size: Number.MAX_SAFE_INTEGER, number: 1, style: 'none' };
  }

  private pageLink(
    request: StatefulRequest,
    style: 'deep' | 'plain',
    size: number,
    number: number,
  ): string {
    const params = new URLSearchParams();
    for (const [key, value] of request.pairs) {
      if (style === 'deep' && key.startsWith('page[')) continue;
      if (style === 'plain' && (key === 'page' || key === 'per_page')) continue;
      params.append(key, value);
    }
    if (style === 'deep') {
      params.set('page[number]', String(number));
      params.set('page[size]', String(size));
    } else {
      params.set('page', String(number));
      params.set('per_page', String(size));
    }
    return `${request.origin}${request.pathname}?${params.toString()}`;
  }

  private links(
    request: StatefulRequest,
    envelope: Envelope,
    paging: { size: number; number: number; style: 'deep' | 'plain' | 'none' },
    total: number,
  ): JsonObject | undefined {
    if (!envelope.links || paging.style === 'none') return undefined;
    const style = paging.style;
    const last = Math.max(1, Math.ceil(total / paging.size));
    const link = (n: number) => this.pageLink(request, style, paging.size, n);
    const links: JsonObject = { self: link(paging.number), first: link(1), last: link(last) };
    const schema = linksSchema(this.doc, envelope.media?.schema);
    const optional = (name: 'prev' | 'next', target: number | undefined, fallback: number) => {
      if (target !== undefined) links[name] = link(target);
      else if (schema.nullable.has(name)) links[name] = null;
      else if (schema.required.has(name)) links[name] = link(fallback);
    };
    optional('prev', paging.number > 1 ? Math.min(paging.number - 1, last) : undefined, 1);
    optional('next', paging.number < last ? paging.number + 1 : undefined, last);
    return links;
  }

  /** Wraps data in the operation's answer, shaped and checked against its schema. */
  private respond(
    op: OperationModel,
    envelope: Envelope,
    data: unknown,
    links?: JsonObject,
  ): Outcome {
    const media = envelope.media;
    if (!media)
      return { type: 'response', status: envelope.status, media: undefined, body: undefined };
    if (envelope.isNull)
      return { type: 'response', status: envelope.status, media: media.mediaType, body: null };
    const example = media.examples[0]?.value;
    const base: JsonObject = isObject(example) ? { ...example } : {};
    base.data = data;
    if (links) base.links = links;
    else if (!envelope.links) delete base.links;
    const validate = this.options.validators.get(
      responseKey(op, envelope.declared ?? String(envelope.status), media.mediaType),
    );
    // Stored records already fit their collection's schema; an answer that still does not
    // fit this operation's schema (a narrower list item, say) is bent to it first.
    if (validate?.(base)) {
      return { type: 'response', status: envelope.status, media: media.mediaType, body: base };
    }
    const body = conform(base, media.schema, this.doc);
    if (validate && !validate(body)) return { type: 'document', invalidState: true };
    return { type: 'response', status: envelope.status, media: media.mediaType, body };
  }

  /** One page of a filtered list of records, with its paging links. */
  private listAnswer(
    request: StatefulRequest,
    envelope: Envelope,
    records: StoredRecord[],
  ): Outcome {
    const paging = this.paging(request);
    const start = (paging.number - 1) * paging.size;
    const page = paging.style === 'none' ? records : records.slice(start, start + paging.size);
    return this.respond(
      request.op,
      envelope,
      page.map((r) => r.resource),
      this.links(request, envelope, paging, records.length),
    );
  }

  /** The answer's `data` for one record, in the operation's envelope (one, a list of one). */
  private dataFor(envelope: Envelope, record: StoredRecord): unknown {
    return envelope.data === 'many' ? [record.resource] : record.resource;
  }

  handle(request: StatefulRequest): Outcome {
    const { op } = request;
    const rule = this.rules.get(op.key);
    const behaviour = this.options.model.behaviour(op);
    const skipLast = rule !== undefined && rule.target !== undefined && rule.target.kind !== 'item';
    const missing = this.checkAncestors(request, skipLast || rule?.create !== undefined);
    if (missing) return missing;
    const envelope = this.options.model.envelope(op);
    if (rule) return this.action(request, rule, envelope);
    if (behaviour.kind === 'none') return { type: 'document' };
    const { collection } = behaviour;
    const table = this.options.store.table(collection.key);
    const segments = op.segments;
    const itemMatch = PARAM.exec(segments[segments.length - 1] ?? '');
    const parents = this.parentsOf(collection, request.rawPath);
    if (!parents) return { type: 'document' };
    switch (behaviour.kind) {
      case 'list': {
        const records = this.filterRecords(
          collection,
          table.list(parents).map((r) => this.readRecord(collection, r)),
          request.query,
        );
        return this.listAnswer(request, envelope, records);
      }
      case 'find': {
        const test = this.matcher(collection, request.query);
        let found: StoredRecord | undefined;
        for (const record of table.values(parents)) {
          if (!test || test(record)) {
            found = record;
            break;
          }
        }
        if (!found) return { type: 'problem', status: 404, title: 'Resource not found' };
        return this.respond(
          op,
          envelope,
          this.dataFor(envelope, this.readRecord(collection, found)),
        );
      }
      case 'create': {
        const id = this.newId(collection);
        // The body was parsed for this request alone: nothing else holds its objects.
        const resource = this.buildResource(
          collection,
          id,
          parents,
          bodyAttributes(request.body),
          true,
        );
        const record = { id, parents, resource };
        table.put(record);
        return this.respond(op, envelope, this.dataFor(envelope, record));
      }
      default:
        break;
    }
    const id = itemMatch ? (request.rawPath[itemMatch[1] as string] ?? '') : '';
    const record = table.get(parents, id);
    if (!record) return { type: 'problem', status: 404, title: 'Resource not found' };
    if (behaviour.kind === 'read') {
      return this.respond(
        op,
        envelope,
        this.dataFor(envelope, this.readRecord(collection, record)),
      );
    }
    if (behaviour.kind === 'update') {
      const resource = structuredClone(record.resource);
      const attributes = attributesOf(resource);
      Object.assign(attributes, bodyAttributes(request.body));
      this.touch(attributes, false);
      record.resource = this.conformResource(collection, resource, true);
      table.put(record);
      return this.respond(op, envelope, this.dataFor(envelope, record));
    }
    table.delete(parents, id);
    if (envelope.data === 'none') return this.respond(op, envelope, undefined);
    const shown = withoutUnshownAttributes(this.doc, envelope, record.resource);
    return this.respond(op, envelope, envelope.data === 'many' ? [shown] : shown);
  }

  private action(request: StatefulRequest, rule: ActionRule, envelope: Envelope): Outcome {
    const { store } = this.options;
    if (rule.view) {
      const collection = this.collectionInfo(rule.view.collection);
      const where = rule.view.where;
      const records = this.filterRecords(
        collection,
        store
          .table(collection.key)
          .all()
          .filter((r) => where(r.resource, request.path)),
        request.query,
      );
      return this.listAnswer(request, envelope, records);
    }
    if (rule.create) {
      const collection = this.collectionInfo(rule.create.collection);
      const parents = this.parentsOf(collection, request.rawPath);
      if (!parents) return { type: 'document' };
      const attributes = {
        ...bodyAttributes(request.body),
        ...rule.create.fromBody?.(request.body),
      };
      this.applySet(collection, attributes, rule.create.set);
      const id = this.newId(collection, rule.create.id);
      const resource = this.buildResource(collection, id, parents, attributes);
      const record = { id, parents, resource };
      store.table(collection.key).put(record);
      return this.actionAnswer(request.op, envelope, record);
    }
    const found = this.findTarget(request, rule);
    if (!found) return { type: 'problem', status: 404, title: 'Resource not found' };
    const { collection, record } = found;
    const resource = structuredClone(record.resource);
    const attributes = attributesOf(resource);
    if (rule.mergeBody) Object.assign(attributes, bodyAttributes(request.body));
    this.applySet(collection, attributes, rule.set);
    rule.apply?.(attributes, request.body);
    this.touch(attributes, false);
    record.resource = this.conformResource(collection, resource);
    store.table(collection.key).put(record);
    return this.actionAnswer(request.op, envelope, record);
  }

  private actionAnswer(op: OperationModel, envelope: Envelope, record: StoredRecord): Outcome {
    if (envelope.data === 'none' && !envelope.isNull && envelope.media) return { type: 'document' };
    return this.respond(op, envelope, this.dataFor(envelope, record));
  }

  private findTarget(
    request: StatefulRequest,
    rule: ActionRule,
  ): { collection: Collection; record: StoredRecord } | undefined {
    const target = rule.target ?? { kind: 'item' };
    const { store } = this.options;
    if (target.kind === 'item') {
      const segments = request.op.segments;
      let end = segments.length;
      if (!PARAM.test(segments[end - 1] ?? '')) end -= 1;
      const itemMatch = PARAM.exec(segments[end - 1] ?? '');
      if (!itemMatch) return undefined;
      const collection = this.collectionInfo(`/${segments.slice(0, end - 1).join('/')}`);
      const parents = this.parentsOf(collection, request.rawPath);
      if (!parents) return undefined;
      const record = store
        .table(collection.key)
        .get(parents, request.rawPath[itemMatch[1] as string] ?? '');
      return record ? { collection, record } : undefined;
    }
    const collection = this.collectionInfo(target.collection);
    const parents = this.parentsOf(collection, request.rawPath);
    if (!parents) return undefined;
    const records = store.table(collection.key).list(parents);
    if (target.kind === 'singleton') {
      const record = records[0];
      return record ? { collection, record } : undefined;
    }
    const body = bodyAttributes(request.body);
    const segments = request.op.segments;
    const lastParam = PARAM.exec(segments[segments.length - 1] ?? '')?.[1];
    const record = records.find((r) =>
      target.match.every((m) => {
        const pathName = m.name === '*' ? lastParam : m.name;
        const wanted =
          m.from === 'body' ? body[m.name] : pathName ? request.rawPath[pathName] : undefined;
        if (wanted === undefined || wanted === null) return false;
        return String(this.fieldValue(collection, r, m.attribute)) === String(wanted);
      }),
    );
    return record ? { collection, record } : undefined;
  }
}

function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function firstSchemaExample(doc: JsonObject, schema: unknown): unknown {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return undefined;
  if (Array.isArray(resolved.examples)) return resolved.examples[0];
  return resolved.example;
}

function linksSchema(
  doc: JsonObject,
  schema: unknown,
): { required: Set<string>; nullable: Set<string> } {
  const result = { required: new Set<string>(), nullable: new Set<string>() };
  const root = resolveSchema(doc, schema);
  if (!isObject(root) || !isObject(root.properties)) return result;
  const links = resolveSchema(doc, root.properties.links);
  if (!isObject(links)) return result;
  if (Array.isArray(links.required))
    for (const name of links.required) result.required.add(String(name));
  if (isObject(links.properties)) {
    for (const [name, member] of Object.entries(links.properties)) {
      const resolved = resolveSchema(doc, member);
      if (!isObject(resolved)) continue;
      const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
      const branches = [
        ...(Array.isArray(resolved.oneOf) ? resolved.oneOf : []),
        ...(Array.isArray(resolved.anyOf) ? resolved.anyOf : []),
      ];
      if (
        types.includes('null') ||
        branches.some((b) => {
          const r = resolveSchema(doc, b);
          return isObject(r) && r.type === 'null';
        })
      ) {
        result.nullable.add(name);
      }
    }
  }
  return result;
}

/**
 * A deleted resource as the delete answer shows it: optional attributes that the
 * operation's own example leaves out are left out too (a removed file, for instance).
 */
function withoutUnshownAttributes(
  doc: JsonObject,
  envelope: Envelope,
  resource: JsonObject,
): JsonObject {
  const example = envelope.media?.examples[0]?.value;
  if (!isObject(example) || !isObject(example.data) || !isObject(example.data.attributes)) {
    return resource;
  }
  if (!isObject(resource.attributes)) return resource;
  const shown = example.data.attributes;
  const item = resolveSchema(doc, envelope.itemSchema);
  const attributesSchema =
    isObject(item) && isObject(item.properties)
      ? resolveSchema(doc, item.properties.attributes)
      : undefined;
  const required = new Set(
    isObject(attributesSchema) && Array.isArray(attributesSchema.required)
      ? attributesSchema.required.map(String)
      : [],
  );
  const attributes: JsonObject = {};
  for (const [name, value] of Object.entries(resource.attributes)) {
    if (name in shown || required.has(name)) attributes[name] = value;
  }
  return { ...resource, attributes };
}
