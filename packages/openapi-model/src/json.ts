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
