import type { ErrorObject } from 'ajv';
import { isObject, type OperationModel, resolveSchema, type SpecModel } from './openapi.js';
import { paramsSchema } from './params.js';

/** A compiled validator: `true` when the data is valid, with Ajv's errors otherwise. */
export type ValidateFn = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export type { ErrorObject };

export interface Validators {
  get(key: string): ValidateFn | undefined;
  /** `true` when the validators were compiled by the package's build, not at run time. */
  readonly precompiled: boolean;
  /** Settles once the validators can be used (the run-time compiler is loaded on demand). */
  readonly ready?: Promise<void>;
}

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

/** Key of the validator of one resource inside a response's `data` member. */
export function itemKey(op: OperationModel, status: string, mediaType: string): string {
  return `I ${op.key} ${status} ${mediaType}`;
}

/**
 * The schema of one resource in a JSON:API style answer: `data` itself, or its items when
 * `data` is a list; undefined when the answer has no `data` member.
 */
export function dataItemSchema(
  doc: unknown,
  responseSchema: unknown,
): { schema: unknown; many: boolean } | undefined {
  const resolved = resolveSchema(doc, responseSchema);
  if (!isObject(resolved) || !isObject(resolved.properties) || !('data' in resolved.properties)) {
    return undefined;
  }
  const data = resolveSchema(doc, resolved.properties.data);
  if (isObject(data) && (data.type === 'array' || data.items !== undefined)) {
    return { schema: data.items, many: true };
  }
  return { schema: resolved.properties.data, many: false };
}

/** Rewrites local `$ref`s so that they point into the document registered as `spec.json`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (!isObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#')) {
      result[key] = `${SPEC_ID}${child}`;
    } else if (key === 'const' || key === 'enum' || key === 'default' || key === 'examples') {
      result[key] = child;
    } else {
      result[key] = rewriteRefs(child);
    }
  }
  return result;
}

/**
 * Every schema the engine validates with, keyed for lookup: the parameters of each
 * operation, each request body media type, each response media type and the resource
 * inside each successful response.
 */
export function collectSchemas(model: SpecModel): Map<string, unknown> {
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
        // Successful answers also get a validator of one resource, for stored records.
        const item = response.status.startsWith('2')
          ? dataItemSchema(model.doc, media.schema)
          : undefined;
        if (item?.schema !== undefined) {
          schemas.set(itemKey(op, response.status, media.mediaType), rewriteRefs(item.schema));
        }
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
