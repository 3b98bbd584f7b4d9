/** JSON pointers (RFC 6901) and the local `$ref`s of a bundled description. */
import { isObject } from './json.js';
import { memoized } from './memo.js';

/** Escapes one segment of a JSON pointer (`~` → `~0`, `/` → `~1`). */
export function escapePointer(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) return segment;
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Reads one segment of a JSON pointer back (percent-escapes of a URI fragment included). */
export function unescapePointer(segment: string): string {
  let decoded = segment;
  if (segment.includes('%')) {
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      decoded = segment;
    }
  }
  return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A pointer built from raw segments: `['paths', '/a/{b}', 'get']` → `#/paths/~1a~1{b}/get`. */
export function pointerOf(segments: readonly (string | number)[]): string {
  return `#${segments.map((s) => `/${escapePointer(String(s))}`).join('')}`;
}

/** A pointer's keys: a description names the same targets again and again. */
const pointerKeys = memoized((path): readonly string[] =>
  path.slice(1).split('/').map(unescapePointer),
);

/** The value a local JSON pointer (`#/a/b`) names inside `doc`, or `undefined`. */
export function pointerGet(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) return undefined;
  const path = pointer.slice(1);
  if (path === '' || path === '/') return doc;
  if (!path.startsWith('/')) return undefined;
  let current: unknown = doc;
  for (const key of pointerKeys(path)) {
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isObject(current) && Object.hasOwn(current, key)) current = current[key];
    else return undefined;
  }
  return current;
}

/** Why a reference could not be followed; names the reference and the pointer it came from. */
export class ReferenceResolutionError extends Error {
  constructor(
    readonly ref: string,
    reason: string,
  ) {
    super(`${reason} ${ref}`);
    this.name = 'ReferenceResolutionError';
  }
}

export interface DerefOptions {
  /**
   * Throw a `ReferenceResolutionError` for a non-local, unresolved or cyclic reference
   * (default: `false`, such a reference gives `undefined`, a cycle stops where it closes).
   */
  strict?: boolean;
}

/** Follows a chain of local `$ref`s (parameters, responses, examples, path items …). */
export function deref<T = unknown>(doc: unknown, value: unknown, options: DerefOptions = {}): T {
  let current = value;
  let seen: Set<string> | undefined;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    seen ??= new Set();
    if (seen.has(ref)) {
      if (options.strict) throw new ReferenceResolutionError(ref, 'Reference cycle at');
      break;
    }
    seen.add(ref);
    if (!ref.startsWith('#')) {
      if (options.strict)
        throw new ReferenceResolutionError(ref, 'Only local references can be resolved:');
      return undefined as T;
    }
    const next = pointerGet(doc, ref);
    if (next === undefined && options.strict) {
      throw new ReferenceResolutionError(ref, 'Unresolved reference');
    }
    current = next;
  }
  return current as T;
}

/** Where a (maybe `$ref`ed) object really lives, so that pointers into it stay valid. */
export function targetPointer(doc: unknown, value: unknown, fallback: string): string {
  if (!isObject(value) || typeof value.$ref !== 'string') return fallback;
  let pointer = fallback;
  let current: unknown = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    pointer = current.$ref;
    current = pointerGet(doc, current.$ref);
  }
  return pointer;
}
