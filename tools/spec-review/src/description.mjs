// @ts-check
/**
 * A multi-file OpenAPI description read the way a bundler reads it, keeping what a bundle
 * loses: for every object of the resolved document, the source file and JSON pointer it came
 * from, and for every operation, the source locations it is made of.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { METHODS } from './openapi.mjs';

/**
 * @typedef {{ file: string, pointer: string }} Origin
 * @typedef {{ key: string, method: string, path: string, operationId: string | undefined,
 *   node: any }} OperationInfo
 * @typedef {{ root: string, document: any, origin: WeakMap<object, Origin>,
 *   operations: OperationInfo[], usedBy: Map<string, Set<string>> }} Description
 */

/** Keywords whose value maps names the author chose (never keywords) to nodes. */
export const NAME_MAPS = new Set([
  'paths',
  'webhooks',
  'properties',
  'patternProperties',
  '$defs',
  'dependentSchemas',
  'responses',
  'headers',
  'encoding',
  'variables',
  'mapping',
  'schemas',
  'parameters',
  'requestBodies',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
]);

/** @param {string} pointer e.g. "#/paths/~1a/get" */
export function pointerSegments(pointer) {
  const body = pointer.replace(/^#/, '');
  if (body === '' || body === '/') return [];
  return body
    .slice(1)
    .split('/')
    .map((s) => safeDecode(s).replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** @param {string[]} segments */
export function toPointer(segments) {
  return `#${segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')}`;
}

/**
 * @param {any} node
 * @param {string[]} segments
 */
export function at(node, segments) {
  let current = node;
  for (const s of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = current[s];
  }
  return current;
}

/** @type {WeakMap<object, string>} */
const canonicalText = new WeakMap();
/**
 * JSON with sorted keys, so that equal values give equal text (remembered per object).
 * @param {unknown} value
 * @returns {string}
 */
export function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const known = canonicalText.get(value);
  if (known !== undefined) return known;
  /** @type {string} */
  const text = Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical(/** @type {any} */ (value)[k])}`)
        .join(',')}}`;
  canonicalText.set(value, text);
  return text;
}

/**
 * Reads a description from its root file and resolves every `$ref`, local or to another file.
 * A reference that loops back into itself stays a `$ref` (to `file#pointer`).
 * @param {string} rootFile
 * @returns {Description}
 */
export function readDescription(rootFile) {
  const root = resolve(rootFile);
  /** @type {Map<string, any>} */
  const files = new Map();
  /** @param {string} file */
  const load = (file) => {
    if (!files.has(file)) {
      let text;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new Error(`${file}: cannot be read (referenced by the description)`);
      }
      try {
        files.set(file, parse(text, { maxAliasCount: -1 }));
      } catch (error) {
        throw new Error(`${file}: not valid YAML or JSON: ${/** @type {Error} */ (error).message}`);
      }
    }
    return files.get(file);
  };
  /** @type {WeakMap<object, Origin>} */
  const origin = new WeakMap();
  /** @type {Map<string, any>} */
  const done = new Map();
  /** @type {Set<string>} */
  const busy = new Set();

  /**
   * @param {string} file
   * @param {string[]} segments
   * @returns {any}
   */
  const resolveAt = (file, segments) => {
    const key = `${file}${toPointer(segments)}`;
    if (done.has(key)) return done.get(key);
    if (busy.has(key)) return { $ref: key };
    const raw = at(load(file), segments);
    if (raw === undefined) {
      throw new Error(`${file}: nothing at ${toPointer(segments)} (a $ref points there)`);
    }
    busy.add(key);
    const value = resolveValue(file, segments, raw);
    busy.delete(key);
    done.set(key, value);
    return value;
  };

  /**
   * @param {string} file
   * @param {string[]} segments
   * @param {any} raw
   * @returns {any}
   */
  const resolveValue = (file, segments, raw) => {
    if (raw === null || typeof raw !== 'object') return raw;
    if (typeof raw.$ref === 'string') {
      const [target = '', fragment = ''] = raw.$ref.split('#');
      const targetFile = target === '' ? file : resolve(dirname(file), decodeURI(target));
      const resolved = resolveAt(targetFile, pointerSegments(`#${fragment}`));
      const siblings = Object.keys(raw).filter((k) => k !== '$ref');
      if (siblings.length === 0 || resolved === null || typeof resolved !== 'object') {
        return resolved;
      }
      // OpenAPI 3.1: keywords next to $ref (a description, a summary) apply on top of the target.
      const merged = { ...resolved };
      for (const k of siblings) merged[k] = resolveValue(file, [...segments, k], raw[k]);
      origin.set(merged, { file, pointer: toPointer(segments) });
      return merged;
    }
    const out = Array.isArray(raw) ? [] : {};
    origin.set(out, { file, pointer: toPointer(segments) });
    for (const [k, v] of Object.entries(raw)) {
      /** @type {any} */ (out)[k] = resolveValue(file, [...segments, k], v);
    }
    return out;
  };

  const document = resolveAt(root, []);
  const operations = listResolvedOperations(document);
  return { root, document, origin, operations, usedBy: indexUses(document, operations, origin) };
}

/**
 * @param {any} document resolved
 * @returns {OperationInfo[]}
 */
function listResolvedOperations(document) {
  /** @type {OperationInfo[]} */
  const out = [];
  for (const [path, item] of Object.entries(document?.paths ?? {})) {
    for (const method of METHODS) {
      const node = /** @type {any} */ (item)?.[method];
      if (node && typeof node === 'object') {
        out.push({
          key: `${method.toUpperCase()} ${path}`,
          method,
          path,
          operationId: typeof node.operationId === 'string' ? node.operationId : undefined,
          node,
        });
      }
    }
  }
  return out;
}

/**
 * For every source location an operation is made of (`file#pointer` of each object it
 * reaches), the operations that use it.
 * @param {any} document
 * @param {OperationInfo[]} operations
 * @param {WeakMap<object, Origin>} origin
 */
function indexUses(document, operations, origin) {
  /** @type {Map<string, Set<string>>} */
  const usedBy = new Map();
  const schemes = document?.components?.securitySchemes ?? {};
  for (const op of operations) {
    const seen = new Set();
    /** @param {any} node */
    const walk = (node) => {
      if (node === null || typeof node !== 'object' || seen.has(node)) return;
      seen.add(node);
      const o = origin.get(node);
      if (o) {
        const key = `${o.file}${o.pointer}`;
        const set = usedBy.get(key) ?? new Set();
        usedBy.set(key, set);
        set.add(op.key);
      }
      for (const v of Object.values(node)) walk(v);
    };
    const item = document.paths[op.path];
    walk(op.node);
    for (const k of ['parameters', 'servers']) walk(item?.[k]);
    for (const requirement of op.node.security ?? document.security ?? []) {
      for (const name of Object.keys(requirement ?? {})) walk(schemes[name]);
    }
  }
  return usedBy;
}

/**
 * The operations that use a source location: the object there, or the nearest object that
 * holds it.
 * @param {Description} description
 * @param {string} file absolute
 * @param {string} pointer
 * @returns {string[]}
 */
export function operationsUsing(description, file, pointer) {
  const segments = pointerSegments(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const set = description.usedBy.get(`${file}${toPointer(segments.slice(0, n))}`);
    if (set) return [...set];
  }
  return [];
}
