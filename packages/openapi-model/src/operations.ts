/** The operations of a bundled description, as the document writes them. */
import { isObject, type JsonObject } from './json.js';
import { memoized } from './memo.js';
import { deref, escapePointer, targetPointer } from './pointer.js';

/** The methods a path item may hold, in the order OpenAPI lists them (lower-case, as written). */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export function isHttpMethod(value: string): value is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(value);
}

/** One operation of the document, with its path item and parameters resolved. */
export interface OperationEntry {
  path: string;
  method: HttpMethod;
  /** The Operation Object, as written. */
  operation: JsonObject;
  /** The Path Item Object it belongs to (its `$ref` followed). */
  pathItem: JsonObject;
  /** JSON pointer of the operation where it really lives (`#/paths/~1a/get`). */
  pointer: string;
  /** Path-level and operation-level parameters, resolved; the operation's win on a clash. */
  parameters: JsonObject[];
  /** `servers` of the operation, else of its path item. */
  servers: unknown[] | undefined;
}

const listed = new WeakMap<object, OperationEntry[]>();

/**
 * Every operation of the document, in the order the document lists paths and OpenAPI
 * lists methods. The result is computed once per document object.
 */
export function listOperations(doc: JsonObject): OperationEntry[] {
  const cached = listed.get(doc);
  if (cached) return cached;
  const entries: OperationEntry[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = deref<JsonObject>(doc, rawItem);
    if (!isObject(pathItem)) continue;
    const itemPointer = targetPointer(doc, rawItem, `#/paths/${escapePointer(path)}`);
    const shared = resolvedParameters(doc, pathItem.parameters);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const own = resolvedParameters(doc, operation.parameters);
      const ownKeys = new Set(own.map(parameterKey));
      entries.push({
        path,
        method,
        operation,
        pathItem,
        pointer: `${itemPointer}/${method}`,
        parameters: [...shared.filter((p) => !ownKeys.has(parameterKey(p))), ...own],
        servers: Array.isArray(operation.servers)
          ? operation.servers
          : Array.isArray(pathItem.servers)
            ? pathItem.servers
            : undefined,
      });
    }
  }
  listed.set(doc, entries);
  return entries;
}

function resolvedParameters(doc: JsonObject, raw: unknown): JsonObject[] {
  if (!Array.isArray(raw)) return [];
  const result: JsonObject[] = [];
  for (const item of raw) {
    const parameter = deref<JsonObject>(doc, item);
    if (isObject(parameter)) result.push(parameter);
  }
  return result;
}

function parameterKey(parameter: JsonObject): string {
  return `${String(parameter.in)}:${String(parameter.name)}`;
}

/** A path template with its parameter names erased: `/a/{id}` and `/a/{other}` compare equal. */
export const templateKey: (path: string) => string = memoized((path) =>
  (path.split('?')[0] ?? path).replace(/\{[^}]+\}/g, '{}'),
);

/** Splits a path into its segments, ignoring a trailing slash. */
export function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

/**
 * The first server URL with its variables set to their defaults, without a trailing slash.
 * A variable without a default stays as written, or becomes `missing` when one is given.
 */
export function serverUrl(servers: unknown, missing?: string): string | undefined {
  const server = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== 'string') return undefined;
  const variables = isObject(server.variables) ? server.variables : {};
  return server.url
    .replace(/\{([^}]+)\}/g, (whole, name: string) => {
      const variable = variables[name];
      return isObject(variable) && variable.default !== undefined
        ? String(variable.default)
        : (missing ?? whole);
    })
    .replace(/\/+$/, '');
}
