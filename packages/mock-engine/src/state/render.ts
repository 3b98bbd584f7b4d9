/**
 * Rendering records as an operation's answer: one page of a list with its page links,
 * or one record, placed where the representation says inside the operation's own
 * example, then checked against the operation's schema (and bent to it when needed).
 */
import {
  isObject,
  type JsonObject,
  type OperationModel,
  resolveSchema,
} from '@proseapi/openapi-model';
import { conform } from '../engine/conform.js';
import { responseKey, ValidatorCache, type Validators } from '../engine/validation.js';
import type { Outcome, WorldRequest } from '../engine/world.js';
import { type Envelope, exampleRecords } from './model.js';
import type { Representation } from './representation.js';
import type { StoredRecord } from './store.js';

/** One page a list request asks for. */
export interface Page {
  size: number;
  number: number;
  /**
   * The query string (form-encoded, no `?`) of a link to page `n` of the same size: the
   * request's other pairs kept, the paging ones replaced.
   */
  linkQuery(pairs: readonly [string, string][]): (n: number) => string;
}

/** How an API asks for a page of a list. */
export interface Paging {
  /** The page a request of this operation asks for; `undefined`: the operation is not paged so. */
  page(op: OperationModel, query: Record<string, unknown>): Page | undefined;
}

interface LinksShape {
  required: Set<string>;
  nullable: Set<string>;
}

function isNullable(doc: JsonObject, schema: unknown): boolean {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return false;
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (types.includes('null')) return true;
  const branches = [
    ...(Array.isArray(resolved.oneOf) ? resolved.oneOf : []),
    ...(Array.isArray(resolved.anyOf) ? resolved.anyOf : []),
  ];
  return branches.some((b) => {
    const r = resolveSchema(doc, b);
    return isObject(r) && r.type === 'null';
  });
}

function memberSchema(doc: JsonObject, schema: unknown, path: readonly string[]): unknown {
  let current = schema;
  for (const step of path) {
    const resolved = resolveSchema(doc, current);
    current =
      isObject(resolved) && isObject(resolved.properties) ? resolved.properties[step] : undefined;
  }
  return current;
}

/** A copy of `base` with `value` at `path`, copying only the objects on the way. */
function placed(base: unknown, path: readonly string[], value: unknown): unknown {
  const last = path.length - 1;
  if (last < 0) return value;
  const root: JsonObject = isObject(base) ? { ...base } : {};
  let copy = root;
  for (let i = 0; i < last; i++) {
    const key = path[i] as string;
    const inner = copy[key];
    const next: JsonObject = isObject(inner) ? { ...inner } : {};
    copy[key] = next;
    copy = next;
  }
  copy[path[last] as string] = value;
  return root;
}

export class Renderer {
  private readonly linkShapes = new Map<string, LinksShape>();
  /** The validator of each envelope's answer. */
  private readonly answerValidators: ValidatorCache<Envelope>;

  constructor(
    private readonly doc: JsonObject,
    private readonly representation: Representation,
    validators: Validators,
    private readonly paging: Paging | undefined,
  ) {
    this.answerValidators = new ValidatorCache(validators);
  }

  private linksShape(op: OperationModel, envelope: Envelope): LinksShape {
    let shape = this.linkShapes.get(op.key);
    if (!shape) {
      shape = { required: new Set(), nullable: new Set() };
      const links = resolveSchema(
        this.doc,
        memberSchema(this.doc, envelope.media?.schema, envelope.location?.links ?? []),
      );
      if (isObject(links)) {
        if (Array.isArray(links.required)) {
          for (const name of links.required) shape.required.add(String(name));
        }
        if (isObject(links.properties)) {
          for (const [name, member] of Object.entries(links.properties)) {
            if (isNullable(this.doc, member)) shape.nullable.add(name);
          }
        }
      }
      this.linkShapes.set(op.key, shape);
    }
    return shape;
  }

  private links(
    request: WorldRequest,
    envelope: Envelope,
    page: Page,
    total: number,
  ): JsonObject | undefined {
    if (!envelope.location?.links) return undefined;
    const last = Math.max(1, Math.ceil(total / page.size));
    const base = `${request.origin}${request.pathname}?`;
    const query = page.linkQuery(request.pairs);
    const link = (n: number) => base + query(n);
    const links: JsonObject = { self: link(page.number), first: link(1), last: link(last) };
    const shape = this.linksShape(request.op, envelope);
    const optional = (name: 'prev' | 'next', target: number | undefined, fallback: number) => {
      if (target !== undefined) links[name] = link(target);
      else if (shape.nullable.has(name)) links[name] = null;
      else if (shape.required.has(name)) links[name] = link(fallback);
    };
    optional('prev', page.number > 1 ? Math.min(page.number - 1, last) : undefined, 1);
    optional('next', page.number < last ? page.number + 1 : undefined, last);
    return links;
  }

  /** Wraps data in the operation's answer, shaped and checked against its schema. */
  respond(op: OperationModel, envelope: Envelope, data: unknown, links?: JsonObject): Outcome {
    const media = envelope.media;
    if (!media)
      return { type: 'answer', status: envelope.status, mediaType: undefined, value: undefined };
    if (envelope.isNull)
      return { type: 'answer', status: envelope.status, mediaType: media.mediaType, value: null };
    const location = envelope.location;
    let value: unknown = data;
    if (location) {
      value = placed(media.examples[0]?.value, location.path, data);
      if (links && location.links) value = placed(value, location.links, links);
    }
    const validate = this.answerValidators.get(envelope, () =>
      responseKey(op, envelope.declared ?? String(envelope.status), media.mediaType),
    );
    const answer = (body: unknown): Outcome => ({
      type: 'answer',
      status: envelope.status,
      mediaType: media.mediaType,
      value: body,
    });
    // Stored records already fit their collection's schema; an answer that still does not
    // fit this operation's schema (a narrower list item, say) is bent to it first.
    if (!validate || validate(value)) return answer(value);
    const bent = conform(value, media.schema, this.doc);
    if (!validate(bent)) return { type: 'document', invalidState: true };
    return answer(bent);
  }

  /** One page of a list of records, with its page links. */
  list(request: WorldRequest, envelope: Envelope, records: StoredRecord[]): Outcome {
    const page = this.paging?.page(request.op, request.params.query);
    if (!page)
      return this.respond(
        request.op,
        envelope,
        records.map((r) => r.resource),
      );
    const start = (page.number - 1) * page.size;
    return this.respond(
      request.op,
      envelope,
      records.slice(start, start + page.size).map((r) => r.resource),
      this.links(request, envelope, page, records.length),
    );
  }

  /** The answer's data for one record: the record, or a list of one. */
  one(op: OperationModel, envelope: Envelope, resource: JsonObject): Outcome {
    return this.respond(op, envelope, envelope.location?.many ? [resource] : resource);
  }

  /**
   * A deleted resource as the delete answer shows it: optional fields that the
   * operation's own example leaves out are left out too (a removed file, for instance).
   */
  deleted(op: OperationModel, envelope: Envelope, resource: JsonObject): Outcome {
    if (!envelope.location) return this.respond(op, envelope, undefined);
    const example = exampleRecords(envelope.media, envelope.location)[0];
    if (!example) return this.one(op, envelope, resource);
    const { representation, doc } = this;
    const shown = representation.fields(example);
    const fieldsSchema = resolveSchema(
      doc,
      representation.fieldsSchema(doc, envelope.location.schema),
    );
    const required = new Set(
      isObject(fieldsSchema) && Array.isArray(fieldsSchema.required)
        ? fieldsSchema.required.map(String)
        : [],
    );
    const copy = structuredClone(resource);
    const fields = representation.fields(copy);
    for (const name of Object.keys(fields)) {
      if (!(name in shown) && !required.has(name)) delete fields[name];
    }
    return this.one(op, envelope, copy);
  }
}
