/**
 * Values the description itself gives (examples, defaults, constants), and a plain,
 * repeatable value built from a schema when it gives none. For random values that
 * satisfy a schema, see `./generate`.
 */
import { isObject, type JsonObject } from './json.js';
import { deref } from './pointer.js';

/** The first value of an `examples` map (Example Objects or references to them). */
export function firstExampleValue(doc: unknown, examples: unknown): unknown {
  if (!isObject(examples)) return undefined;
  for (const raw of Object.values(examples)) {
    const example = deref(doc, raw, { strict: true });
    if (isObject(example) && 'value' in example) return example.value;
  }
  return undefined;
}

/**
 * The example a Parameter or Media Type Object carries: `example`, else the first of
 * `examples`; with `schema: true`, else its schema's `example` or first `examples` entry.
 */
export function exampleOf(
  doc: unknown,
  holder: JsonObject,
  options: { schema?: boolean } = {},
): unknown {
  if ('example' in holder) return holder.example;
  const first = firstExampleValue(doc, holder.examples);
  if (first !== undefined || !options.schema) return first;
  const schema = deref(doc, holder.schema);
  if (!isObject(schema)) return undefined;
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples)) return schema.examples[0];
  return undefined;
}

/** A value for a schema, and whether the description documents it. */
export interface SampleValue {
  value: unknown;
  /** `true` when the value comes from an example, a default, a const or an enum. */
  documented: boolean;
}

const FORMAT_PLACEHOLDERS: Record<string, string> = {
  date: '2024-01-31',
  'date-time': '2024-01-31T12:00:00Z',
  email: 'user@example.org',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.org/resource',
  url: 'https://example.org/resource',
};

/**
 * A value for a schema: its example, default, const or first enum member when it has one,
 * otherwise an object built from its properties, otherwise a placeholder of its type.
 * Objects keep their required properties and the optional ones that have documented
 * values. The same schema always gives the same value.
 */
export function sampleFromSchema(doc: unknown, rawSchema: unknown, depth = 0): SampleValue {
  const schema = deref(doc, rawSchema, { strict: true });
  if (!isObject(schema) || depth > 8) return { value: null, documented: false };
  if ('example' in schema) return { value: schema.example, documented: true };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) {
    return { value: schema.examples[0], documented: true };
  }
  if ('default' in schema) return { value: schema.default, documented: true };
  if ('const' in schema) return { value: schema.const, documented: true };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return { value: schema.enum[0], documented: true };
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      return sampleFromSchema(doc, options[0], depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const parts = schema.allOf.map((part) => sampleFromSchema(doc, part, depth + 1));
    if (!parts.every((part) => isObject(part.value))) {
      return parts.find((part) => part.documented) ?? (parts[0] as SampleValue);
    }
    return {
      value: Object.assign({}, ...parts.map((part) => part.value)) as JsonObject,
      documented: parts.some((part) => part.documented),
    };
  }
  const type = Array.isArray(schema.type)
    ? (schema.type.find((t) => t !== 'null') as string | undefined)
    : (schema.type as string | undefined);
  if (type === 'object' || (type === undefined && isObject(schema.properties))) {
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const value: JsonObject = {};
    let documented = false;
    for (const [name, property] of Object.entries(
      isObject(schema.properties) ? schema.properties : {},
    )) {
      const sample = sampleFromSchema(doc, property, depth + 1);
      if (required.has(name) || sample.documented) value[name] = sample.value;
      documented ||= sample.documented;
    }
    return { value, documented };
  }
  if (type === 'array') {
    const item = sampleFromSchema(doc, schema.items, depth + 1);
    return { value: [item.value], documented: item.documented };
  }
  if (type === 'integer' || type === 'number')
    return { value: numberPlaceholder(schema), documented: false };
  if (type === 'boolean') return { value: true, documented: false };
  if (type === 'string') {
    const format = typeof schema.format === 'string' ? schema.format : '';
    return { value: FORMAT_PLACEHOLDERS[format] ?? 'string', documented: false };
  }
  return { value: null, documented: false };
}

/** 1, or the whole number nearest to it that the schema's bounds allow. */
function numberPlaceholder(schema: JsonObject): number {
  const bound = (key: string) =>
    typeof schema[key] === 'number' ? (schema[key] as number) : undefined;
  let value = 1;
  const minimum = bound('minimum');
  const above = bound('exclusiveMinimum');
  const maximum = bound('maximum');
  const below = bound('exclusiveMaximum');
  if (minimum !== undefined && value < minimum) value = Math.ceil(minimum);
  if (above !== undefined && value <= above) value = Math.floor(above) + 1;
  if (maximum !== undefined && value > maximum) value = Math.floor(maximum);
  if (below !== undefined && value >= below) value = Math.ceil(below) - 1;
  return value;
}

/**
 * The value a request would send for a parameter: its own example, else the example of
 * its `content` media type (or a sample of that schema), else a sample of its schema.
 */
export function parameterSample(doc: unknown, parameter: JsonObject): SampleValue {
  const own = exampleOf(doc, parameter);
  if (own !== undefined) return { value: own, documented: true };
  if (isObject(parameter.content)) {
    const media = Object.values(parameter.content)[0];
    if (isObject(media)) {
      const fromMedia = exampleOf(doc, media);
      if (fromMedia !== undefined) return { value: fromMedia, documented: true };
      return sampleFromSchema(doc, media.schema);
    }
  }
  return sampleFromSchema(doc, parameter.schema);
}
