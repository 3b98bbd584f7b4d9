/**
 * Validators of one description, looked up by key: the parameters of each operation,
 * each request body media type, each response media type, and the resource inside each
 * successful answer (for stored records). The keys are the same whether the validators
 * were compiled at build time (`compile/`) or are compiled at run time (`ajv.ts`).
 */

import {
  closesExactly,
  isObject,
  type JsonObject,
  type OperationModel,
  pointerGet,
  type SpecModel,
} from '@proseapi/openapi-model';
import type { ErrorObject } from 'ajv';

/** A compiled validator: `true` when the data is valid, with Ajv's errors otherwise. */
export type ValidateFn = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export type { ErrorObject };

export interface Validators {
  get(key: string): ValidateFn | undefined;
  /** `true` when the validators were compiled by a build, not at run time. */
  readonly precompiled: boolean;
  /** Settles once the validators can be used (the run-time compiler is loaded on demand). */
  readonly ready?: Promise<void>;
  /**
   * Whether the build checked the example records of a collection (by key, `/a/{}/b`) against
   * the collection's schema and found that every one fits: a world seeds them as they are.
   */
  examplesFit?(collection: string): boolean;
}

/**
 * Validators looked up once per owner (an operation, a media type's model, an answer's
 * envelope), none kept as `null`. A run-time validator missing now may come once its compiler
 * has loaded, so that miss is not kept.
 */
export class ValidatorCache<O extends object> {
  private readonly kept = new WeakMap<O, ValidateFn | null>();

  constructor(private readonly validators: Validators) {}

  /** The validator `key()` names, for this owner. */
  get(owner: O, key: () => string): ValidateFn | undefined {
    let validate = this.kept.get(owner);
    if (validate === undefined) {
      validate = this.validators.get(key()) ?? null;
      if (validate || this.validators.precompiled) this.kept.set(owner, validate);
    }
    return validate ?? undefined;
  }
}

/**
 * Where the resource sits in a successful answer of this schema, for the validator of
 * stored records: the dialect's representation says (JSON:API: `data`, or its items).
 */
export type ResourceSchemaOf = (doc: unknown, responseSchema: unknown) => unknown;

export const SPEC_ID = 'spec.json';

export function paramsKey(op: OperationModel): string {
  return `P ${op.key}`;
}

export function bodyKey(op: OperationModel, mediaType: string): string {
  return `B ${op.key} ${mediaType}`;
}

export function responseKey(op: OperationModel, status: string, mediaType: string): string {
  return `R ${op.key} ${status} ${mediaType}`;
}

/** Key of the validator of one resource inside a successful answer. */
export function resourceKey(op: OperationModel, status: string, mediaType: string): string {
  return `I ${op.key} ${status} ${mediaType}`;
}

/**
 * Key of the validator of a response media type's schema closed to undeclared members (see
 * `closedDocument`); compiled only on request, for the schemas `closesExactly` accepts.
 */
export function closedKey(op: OperationModel, status: string, mediaType: string): string {
  return `C ${op.key} ${status} ${mediaType}`;
}

/** Header parameters are read and checked under their lower-case names. */
function wireName(param: OperationModel['params'][number]): string {
  return param.in === 'header' ? param.name.toLowerCase() : param.name;
}

/** The JSON Schema that the parsed parameters of an operation must satisfy. */
export function paramsSchema(op: OperationModel): Record<string, unknown> {
  const groups: Record<string, { properties: Record<string, unknown>; required: string[] }> = {
    path: { properties: {}, required: [] },
    query: { properties: {}, required: [] },
    header: { properties: {}, required: [] },
    cookie: { properties: {}, required: [] },
  };
  for (const param of op.params) {
    const group = groups[param.in];
    if (!group) continue;
    const name = wireName(param);
    group.properties[name] = param.schema ?? {};
    if (param.required) group.required.push(name);
  }
  const properties: Record<string, unknown> = {};
  for (const [name, group] of Object.entries(groups)) {
    properties[name] = { type: 'object', properties: group.properties, required: group.required };
  }
  return { type: 'object', properties };
}

/** The id under which the closed copy of the document is registered (see `closedKey`). */
export const CLOSED_ID = 'closed.json';

/** Rewrites local `$ref`s so that they point into the document registered as `id`. */
function rewriteRefs(value: unknown, id = SPEC_ID): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, id));
  if (!isObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#')) {
      result[key] = `${id}${child}`;
    } else if (key === 'const' || key === 'enum' || key === 'default' || key === 'examples') {
      result[key] = child;
    } else {
      result[key] = rewriteRefs(child, id);
    }
  }
  return result;
}

/** Every schema the engine validates with, by key (see the key functions above). */
export function collectSchemas(
  model: SpecModel,
  resourceSchemaOf?: ResourceSchemaOf,
): Map<string, unknown> {
  const schemas = new Map<string, unknown>();
  for (const op of model.operations) {
    schemas.set(paramsKey(op), rewriteRefs(paramsSchema(op)));
    for (const media of op.body?.content ?? []) {
      if (media.schema !== undefined) {
        schemas.set(bodyKey(op, media.mediaType), rewriteRefs(media.schema));
      }
    }
    for (const response of op.responses) {
      for (const media of response.content) {
        if (media.schema === undefined) continue;
        schemas.set(responseKey(op, response.status, media.mediaType), rewriteRefs(media.schema));
        const resource =
          resourceSchemaOf && response.status.startsWith('2')
            ? resourceSchemaOf(model.doc, media.schema)
            : undefined;
        if (resource !== undefined) {
          schemas.set(resourceKey(op, response.status, media.mediaType), rewriteRefs(resource));
        }
      }
    }
  }
  return schemas;
}

/**
 * The closed schemas of the response media types whose undeclared members a closed
 * validator finds exactly (`closesExactly`), by `closedKey`, taken from `closed` (the
 * document's `closedDocument`, to be registered as `CLOSED_ID`).
 */
export function collectClosedSchemas(model: SpecModel, closed: JsonObject): Map<string, unknown> {
  const schemas = new Map<string, unknown>();
  for (const op of model.operations) {
    for (const response of op.responses) {
      for (const media of response.content) {
        if (media.schema === undefined) continue;
        // The model's schema must be the one at its pointer, which leads to its closed copy.
        if (pointerGet(model.doc, media.schemaPointer) !== media.schema) continue;
        if (!closesExactly(model.doc, media.schema)) continue;
        const schema = pointerGet(closed, media.schemaPointer);
        if (schema === undefined) continue;
        schemas.set(
          closedKey(op, response.status, media.mediaType),
          rewriteRefs(schema, CLOSED_ID),
        );
      }
    }
  }
  return schemas;
}

/** A short, stable fingerprint of a document (53-bit string hash of its JSON text). */
export function hashSpec(doc: unknown): string {
  const text = JSON.stringify(doc);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${text.length.toString(16)}-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16)}`;
}
