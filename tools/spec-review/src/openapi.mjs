// @ts-check
/**
 * Small helpers over a bundled OpenAPI document (local `#/` references only), on
 * `@proseapi/openapi-model`.
 */
import {
  deref as followRef,
  HTTP_METHODS,
  listOperations as modelListOperations,
  templateKey as modelTemplateKey,
  ReferenceResolutionError,
} from '@proseapi/openapi-model';

/** The HTTP methods a path item may hold, as plain strings to test any key against. */
export const METHODS = /** @type {string[]} */ ([...HTTP_METHODS]);

/**
 * Follows local references until a non-reference node; a reference into another file is
 * an error, one that leads nowhere gives `undefined`.
 * @param {any} doc
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  try {
    return followRef(doc, node, { strict: true });
  } catch (error) {
    if (error instanceof ReferenceResolutionError && !error.message.startsWith('Only local')) {
      return followRef(doc, node);
    }
    throw error;
  }
}

/**
 * Every operation of the document.
 * @param {any} doc
 * @returns {Array<{ path: string, method: string, operation: any, pathItem: any }>}
 */
export function listOperations(doc) {
  return modelListOperations(doc).map(({ path, method, operation, pathItem }) => ({
    path,
    method,
    operation,
    pathItem,
  }));
}

/**
 * A path template with parameter names erased, so `/a/{id}` and `/a/{other}` compare equal.
 * @param {string} path
 */
export function templateKey(path) {
  return modelTemplateKey(path);
}
