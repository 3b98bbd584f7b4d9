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
 * A text (JSON, or JavaScript source) with every character past ASCII written as a `\u`
 * escape, which both languages read back as the same character. Node.js reads and parses an
 * ASCII text as one byte per character; a single character past Latin-1 would make the whole
 * text two bytes per character.
 */
export function asciiEscaped(text: string): string {
  return text.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `JSON.stringify` in ASCII (`asciiEscaped`): the same value, read faster. */
export function asciiJson(value: unknown): string {
  return asciiEscaped(JSON.stringify(value));
}
