/**
 * Bending a value until it fits a schema. Stored state goes through it before it is
 * served, so that what the mock answers keeps to the description even after odd updates.
 */
import { isObject, type JsonObject, resolveSchema } from '@proseapi/openapi-model';
import { generateValue } from '@proseapi/openapi-model/generate';

const filled = new WeakMap<object, WeakMap<object, { text: string } | { value: unknown }>>();

/**
 * The value the generator gives a schema with a fixed seed. It is the same every time,
 * so it is generated once per document and schema object and copied afterwards.
 */
export function fillValue(schema: unknown, doc: JsonObject, seed = 1): unknown {
  if (!isObject(schema) || seed !== 1) return generateValue(schema, { doc, seed, dynamic: false });
  let perDoc = filled.get(doc);
  if (!perDoc) {
    perDoc = new WeakMap();
    filled.set(doc, perDoc);
  }
  let kept = perDoc.get(schema);
  if (kept === undefined) {
    const text = JSON.stringify(generateValue(schema, { doc, seed, dynamic: false }) ?? null);
    const value: unknown = JSON.parse(text);
    // A scalar is handed out as it is; an object or a list is a fresh copy each time.
    kept = value !== null && typeof value === 'object' ? { text } : { value };
    perDoc.set(schema, kept);
  }
  return 'value' in kept ? kept.value : JSON.parse(kept.text);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function declaredTypes(schema: JsonObject): string[] | undefined {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (isObject(schema.properties) || schema.required !== undefined) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return undefined;
}

function typeAllowed(types: string[], actual: string): boolean {
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

const regexCache = new Map<string, RegExp | null>();
function patternOf(source: string): RegExp | null {
  let regex = regexCache.get(source);
  if (regex === undefined) {
    try {
      regex = new RegExp(source, 'u');
    } catch {
      regex = null;
    }
    regexCache.set(source, regex);
  }
  return regex;
}

/** The branch of a `oneOf`/`anyOf` whose type fits the value best. */
function pickBranch(doc: JsonObject, branches: unknown[], value: unknown): unknown {
  const actual = jsonType(value);
  let fallback: unknown;
  for (const branch of branches) {
    const resolved = resolveSchema(doc, branch);
    if (!isObject(resolved)) continue;
    const types = declaredTypes(resolved);
    if ('const' in resolved) {
      if (deepEqual(resolved.const, value)) return branch;
      continue;
    }
    if (!types || typeAllowed(types, actual)) {
      if (actual !== 'object' || !isObject(resolved.properties) || !isObject(value)) return branch;
      const keys = Object.keys(resolved.properties);
      if (
        Object.keys(value).every((k) => keys.includes(k) || resolved.additionalProperties !== false)
      )
        return branch;
      fallback ??= branch;
    }
  }
  return fallback ?? branches[0];
}

/**
 * Bends a value so that it fits a schema: members the schema forbids are dropped,
 * required ones that are missing are generated, mistyped scalars are converted or
 * replaced.
 */
export function conform(value: unknown, schema: unknown, doc: JsonObject, depth = 0): unknown {
  if (schema === undefined || schema === true || depth > 24) return value;
  const resolved = resolveSchema(doc, schema);
  if (resolved === undefined || resolved === true) return value;
  if (resolved === false) return undefined;
  let current = value;
  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) current = conform(current, part, doc, depth + 1);
  }
  if ('const' in resolved) return resolved.const;
  if (Array.isArray(resolved.enum)) {
    return resolved.enum.some((e) => deepEqual(e, current)) ? current : resolved.enum[0];
  }
  const branches = (resolved.oneOf ?? resolved.anyOf) as unknown;
  if (Array.isArray(branches) && branches.length > 0) {
    current = conform(current, pickBranch(doc, branches, current), doc, depth + 1);
  }
  const types = declaredTypes(resolved);
  const actual = jsonType(current);
  if (types && !typeAllowed(types, actual)) {
    if (types.includes('string') && (actual === 'number' || actual === 'integer')) {
      current = String(current);
    } else if (
      (types.includes('integer') || types.includes('number')) &&
      typeof current === 'string' &&
      current.trim() !== '' &&
      Number.isFinite(Number(current))
    ) {
      current = types.includes('integer') ? Math.trunc(Number(current)) : Number(current);
    } else if (types.includes('integer') && actual === 'number') {
      current = Math.trunc(current as number);
    } else if (types.includes('boolean') && (current === 'true' || current === 'false')) {
      current = current === 'true';
    } else if (types.includes('null') && current === undefined) {
      current = null;
    } else {
      return fillValue(schema, doc);
    }
  }
  if (isObject(current)) {
    const properties = isObject(resolved.properties) ? resolved.properties : {};
    const patterns = isObject(resolved.patternProperties) ? resolved.patternProperties : undefined;
    const result: JsonObject = {};
    for (const [key, child] of Object.entries(current)) {
      if (key in properties) {
        const next = conform(child, properties[key], doc, depth + 1);
        if (next !== undefined) result[key] = next;
      } else if (patterns && Object.keys(patterns).some((p) => patternOf(p)?.test(key))) {
        result[key] = child;
      } else if (resolved.additionalProperties === false) {
        // not allowed here: dropped
      } else if (isObject(resolved.additionalProperties)) {
        result[key] = conform(child, resolved.additionalProperties, doc, depth + 1);
      } else {
        result[key] = child;
      }
    }
    if (Array.isArray(resolved.required)) {
      for (const name of resolved.required as string[]) {
        if (!(name in result)) {
          result[name] = fillValue(properties[name] ?? {}, doc);
        }
      }
    }
    return result;
  }
  if (Array.isArray(current)) {
    const items = resolved.items;
    let result =
      items === undefined ? current : current.map((v) => conform(v, items, doc, depth + 1));
    if (typeof resolved.maxItems === 'number') result = result.slice(0, resolved.maxItems);
    const min = typeof resolved.minItems === 'number' ? resolved.minItems : 0;
    while (result.length < min) {
      result = [...result, fillValue(items ?? {}, doc, result.length + 1)];
    }
    return result;
  }
  if (typeof current === 'string') {
    const tooShort = typeof resolved.minLength === 'number' && current.length < resolved.minLength;
    const tooLong = typeof resolved.maxLength === 'number' && current.length > resolved.maxLength;
    const pattern = typeof resolved.pattern === 'string' ? patternOf(resolved.pattern) : null;
    if (tooShort || tooLong || (pattern && !pattern.test(current))) {
      return fillValue(schema, doc);
    }
  }
  if (typeof current === 'number') {
    if (typeof resolved.minimum === 'number' && current < resolved.minimum) return resolved.minimum;
    if (typeof resolved.maximum === 'number' && current > resolved.maximum) return resolved.maximum;
  }
  return current;
}
