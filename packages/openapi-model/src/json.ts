/** A JSON object as the description holds it. */
export type JsonObject = Record<string, unknown>;

/** A JSON Schema: an object, or `true`/`false`. */
export type Schema = JsonObject | boolean;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets a member as an own data property, whatever its name: a `__proto__` taken from a
 * request stays a member (for a checker to refuse) instead of replacing the prototype.
 */
export function setMember(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * `JSON.stringify`, with every character past ASCII written as a `\u` escape: the same value,
 * in a text that Node.js reads and parses as one byte per character (a single character past
 * Latin-1 would make the whole text, and the parse of it, two bytes per character).
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
