/** JSONPath (RFC 9535) for the nodes of a document that a JSON pointer names. */
import { unescapePointer } from '@proseapi/openapi-model';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** One member or index of a path: `.name`, `['/a/{b}']`, `[0]`. */
export function pathSegment(segment: string | number): string {
  if (typeof segment === 'number') return `[${segment}]`;
  if (NAME.test(segment)) return `.${segment}`;
  return `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** The segments of a local JSON pointer (`#/a/b~1c` → `['a', 'b/c']`). */
export function pointerSegments(pointer: string): string[] {
  const path = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (path === '' || path === '/') return [];
  return path.slice(1).split('/').map(unescapePointer);
}

/**
 * The JSONPath of the node a pointer names in `doc`: members by name, array items by index
 * (a segment is an index where the document holds an array).
 */
export function jsonPathOf(doc: unknown, pointer: string): string {
  let current: unknown = doc;
  let out = '$';
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(current)) {
      out += pathSegment(Number(segment));
      current = current[Number(segment)];
    } else {
      out += pathSegment(segment);
      current =
        typeof current === 'object' && current !== null
          ? (current as Record<string, unknown>)[segment]
          : undefined;
    }
  }
  return out;
}

/** A string as a JSONPath literal in single quotes. */
export function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
