/**
 * Bounds on the values that reach the mock from outside (request bodies, parameters,
 * state files): how deep they nest, how many members they hold, and which member names
 * are refused because they would reach an object's prototype. A value within the bounds
 * can be stored, answered and saved without running out of stack.
 */

export interface ValueLimits {
  /** Deepest nesting of objects and arrays (a scalar at the top is depth 0). */
  depth: number;
  /** Most members and items, counted over the whole value. */
  members: number;
}

export const DEFAULT_VALUE_LIMITS: ValueLimits = { depth: 64, members: 100_000 };

/** Member names that reach a prototype when an object is built from them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/** What breaks the bounds, and where: the members on the way (array positions as numbers). */
export interface ValueFault {
  kind: 'depth' | 'members' | 'key';
  path: (string | number)[];
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

function pathOf(frame: Frame | undefined, last?: string | number): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let f = frame; f?.key !== undefined; f = f.parent) path.unshift(f.key);
  return path;
}

/**
 * Walks a value without recursion and gives its approximate size as JSON text (in
 * characters), or the first fault against the bounds.
 */
export function measureValue(
  value: unknown,
  limits: ValueLimits,
): { size: number; fault?: undefined } | { size?: undefined; fault: ValueFault } {
  // Most values are within bounds: a walk that keeps no path answers for them; only a
  // value past the bounds is walked again, keeping the way to its first fault.
  const size = quickSize(value, limits);
  return size === undefined ? faultOf(value, limits) : { size };
}

/** The size of a value within the bounds; `undefined` when it breaks them. Same walk as `faultOf`. */
function quickSize(value: unknown, limits: ValueLimits): number | undefined {
  let size = 0;
  let members = 0;
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop() as number;
    if (current === null || typeof current !== 'object') {
      size += typeof current === 'string' ? current.length + 2 : 6;
      continue;
    }
    if (depth >= limits.depth) return undefined;
    size += 2;
    if (Array.isArray(current)) {
      members += current.length;
      if (members > limits.members) return undefined;
      for (let i = current.length - 1; i >= 0; i--) {
        size += 1;
        values.push(current[i]);
        depths.push(depth + 1);
      }
      continue;
    }
    const keys = Object.keys(current);
    members += keys.length;
    if (members > limits.members) return undefined;
    for (const key of keys) {
      if (PROTOTYPE_KEYS.has(key)) return undefined;
      size += key.length + 4;
      values.push((current as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return size;
}

/** The walk of `quickSize`, keeping the way to each value, for the first fault of a value. */
function faultOf(
  value: unknown,
  limits: ValueLimits,
): { size: number; fault?: undefined } | { size?: undefined; fault: ValueFault } {
  let size = 0;
  let members = 0;
  const stack: Frame[] = [{ value, depth: 0, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const current = frame.value;
    if (current === null || typeof current !== 'object') {
      size += typeof current === 'string' ? current.length + 2 : 6;
      continue;
    }
    if (frame.depth >= limits.depth) return { fault: { kind: 'depth', path: pathOf(frame) } };
    size += 2;
    if (Array.isArray(current)) {
      members += current.length;
      if (members > limits.members) return { fault: { kind: 'members', path: pathOf(frame) } };
      for (let i = current.length - 1; i >= 0; i--) {
        size += 1;
        stack.push({ value: current[i], depth: frame.depth + 1, parent: frame, key: i });
      }
      continue;
    }
    const keys = Object.keys(current);
    members += keys.length;
    if (members > limits.members) return { fault: { kind: 'members', path: pathOf(frame) } };
    for (const key of keys) {
      if (PROTOTYPE_KEYS.has(key)) return { fault: { kind: 'key', path: pathOf(frame, key) } };
      size += key.length + 4;
      stack.push({
        value: (current as Record<string, unknown>)[key],
        depth: frame.depth + 1,
        parent: frame,
        key,
      });
    }
  }
  return { size };
}

/** A fault's place as a JSON pointer (`/data/attributes/extra`). */
export function faultPointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
