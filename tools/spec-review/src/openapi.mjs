// @ts-check
/** Small helpers over a bundled OpenAPI document (local `#/` references only). */

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Follows local references until a non-reference node.
 * @param {any} doc
 * @param {any} node
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  for (let i = 0; i < 32 && current && typeof current === 'object' && '$ref' in current; i++) {
    const ref = String(current.$ref);
    if (!ref.startsWith('#/')) throw new Error(`Not a local reference: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((acc, key) => acc?.[key], doc);
  }
  return current;
}

/**
 * Every operation of the document.
 * @param {any} doc
 * @returns {Array<{ path: string, method: string, operation: any, pathItem: any }>}
 */
export function listOperations(doc) {
  const out = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const pathItem = deref(doc, rawItem);
    for (const method of METHODS) {
      if (pathItem?.[method]) out.push({ path, method, operation: pathItem[method], pathItem });
    }
  }
  return out;
}

/**
 * A path template with parameter names erased, so `/a/{id}` and `/a/{other}` compare equal.
 * @param {string} path
 */
export function templateKey(path) {
  return (path.split('?')[0] ?? path).replace(/\{[^}]+\}/g, '{}');
}
