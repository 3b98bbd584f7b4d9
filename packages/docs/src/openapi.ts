/**
 * Just enough of an OpenAPI 3.x document model to walk a bundled description: operations,
 * their parameters and bodies, local `$ref`s, and the example values they carry.
 * Nothing here knows which API it is reading.
 */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface OpenApiDocument {
  openapi: string;
  info: JsonObject & { title: string };
  servers?: ServerObject[];
  security?: SecurityRequirement[];
  paths?: Record<string, PathItem>;
  components?: JsonObject;
  [extension: string]: unknown;
}

export interface ServerObject {
  url: string;
  variables?: Record<string, { default: string }>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface PathItem {
  parameters?: unknown[];
  servers?: ServerObject[];
  [field: string]: unknown;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, JsonValue>;
  security?: SecurityRequirement[];
  servers?: ServerObject[];
  'x-codeSamples'?: CodeSample[];
  [extension: string]: unknown;
}

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  style?: string;
  explode?: boolean;
  schema?: JsonValue;
  example?: JsonValue;
  examples?: Record<string, JsonValue>;
  content?: Record<string, JsonValue>;
}

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

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  /** Path-level and operation-level parameters, resolved; the operation's win on a clash. */
  parameters: ParameterObject[];
  servers: ServerObject[] | undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows local references (`#/components/...`) until a non-reference value is reached. */
export function resolveRef(document: OpenApiDocument, value: unknown): unknown {
  let current = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`Only local references can be resolved: ${ref}`);
    if (seen.has(ref)) throw new Error(`Reference cycle at ${ref}`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((segment) => decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), document);
    if (current === undefined) throw new Error(`Unresolved reference ${ref}`);
  }
  return current;
}

const isHttpMethod = (key: string): key is HttpMethod =>
  (HTTP_METHODS as readonly string[]).includes(key);

/** Every operation of the document, in the order the document lists them. */
export function listOperations(document: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [path, rawItem] of Object.entries(document.paths ?? {})) {
    const item = resolveRef(document, rawItem) as PathItem;
    const shared = (item.parameters ?? []).map((p) => resolveRef(document, p) as ParameterObject);
    for (const method of Object.keys(item).filter(isHttpMethod)) {
      const operation = item[method] as OperationObject | undefined;
      if (typeof operation !== 'object' || operation === null) continue;
      const own = (operation.parameters ?? []).map(
        (p) => resolveRef(document, p) as ParameterObject,
      );
      const key = (p: ParameterObject) => `${p.in}:${p.name}`;
      const ownKeys = new Set(own.map(key));
      entries.push({
        path,
        method,
        operation,
        parameters: [...shared.filter((p) => !ownKeys.has(key(p))), ...own],
        servers: operation.servers ?? item.servers,
      });
    }
  }
  return entries;
}

/** A value found in the description, or a placeholder made up from a schema's type. */
export interface SampleValue {
  value: JsonValue;
  /** true when the value comes from an example, a default, a const or an enum. */
  documented: boolean;
}

/** The first value of an `examples` map (Example Objects or references to them). */
export function firstExampleValue(
  document: OpenApiDocument,
  examples: unknown,
): JsonValue | undefined {
  if (!isObject(examples)) return undefined;
  for (const raw of Object.values(examples)) {
    const example = resolveRef(document, raw);
    if (isObject(example) && 'value' in example) return example.value as JsonValue;
  }
  return undefined;
}

function exampleOf(document: OpenApiDocument, holder: JsonObject): JsonValue | undefined {
  if ('example' in holder) return holder.example as JsonValue;
  return firstExampleValue(document, holder.examples);
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
 * Objects keep their required properties and the optional ones that have documented values.
 */
export function sampleFromSchema(
  document: OpenApiDocument,
  rawSchema: unknown,
  depth = 0,
): SampleValue {
  const schema = resolveRef(document, rawSchema);
  if (!isObject(schema) || depth > 8) return { value: null, documented: false };
  if ('example' in schema) return { value: schema.example as JsonValue, documented: true };
  if (Array.isArray(schema.examples) && schema.examples.length > 0) {
    return { value: schema.examples[0] as JsonValue, documented: true };
  }
  if ('default' in schema) return { value: schema.default as JsonValue, documented: true };
  if ('const' in schema) return { value: schema.const as JsonValue, documented: true };
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return { value: schema.enum[0] as JsonValue, documented: true };
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      return sampleFromSchema(document, options[0], depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const parts = schema.allOf.map((part) => sampleFromSchema(document, part, depth + 1));
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
      const sample = sampleFromSchema(document, property, depth + 1);
      if (required.has(name) || sample.documented) value[name] = sample.value;
      documented ||= sample.documented;
    }
    return { value, documented };
  }
  if (type === 'array') {
    const item = sampleFromSchema(document, schema.items, depth + 1);
    return { value: [item.value], documented: item.documented };
  }
  if (type === 'integer' || type === 'number') return { value: 1, documented: false };
  if (type === 'boolean') return { value: true, documented: false };
  if (type === 'string') {
    const format = typeof schema.format === 'string' ? schema.format : '';
    return { value: FORMAT_PLACEHOLDERS[format] ?? 'string', documented: false };
  }
  return { value: null, documented: false };
}

/** The value a code sample passes for a parameter: example, then schema-derived. */
export function parameterSample(
  document: OpenApiDocument,
  parameter: ParameterObject,
): SampleValue {
  const own = exampleOf(document, parameter as unknown as JsonObject);
  if (own !== undefined) return { value: own, documented: true };
  if (isObject(parameter.content)) {
    const media = Object.values(parameter.content)[0];
    if (isObject(media)) {
      const fromMedia = exampleOf(document, media);
      if (fromMedia !== undefined) return { value: fromMedia, documented: true };
      return sampleFromSchema(document, media.schema);
    }
  }
  return sampleFromSchema(document, parameter.schema);
}

export interface BodySample {
  mediaType: string;
  value: JsonValue;
}

/** Prefers a JSON media type; takes its first example, else a value built from the schema. */
export function requestBodySample(
  document: OpenApiDocument,
  operation: OperationObject,
): BodySample | undefined {
  const body = resolveRef(document, operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const mediaTypes = Object.keys(body.content);
  const mediaType = mediaTypes.find((m) => isJsonMediaType(m)) ?? mediaTypes[0];
  if (mediaType === undefined) return undefined;
  const media = body.content[mediaType];
  if (!isObject(media)) return undefined;
  const example = exampleOf(document, media);
  if (example !== undefined) return { mediaType, value: example };
  return { mediaType, value: sampleFromSchema(document, media.schema).value };
}

export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType);
}

/** The media type of the first successful response that has a body. */
export function responseMediaType(
  document: OpenApiDocument,
  operation: OperationObject,
): string | undefined {
  const codes = Object.keys(operation.responses ?? {}).sort();
  // Success answers first; an operation whose success has no body still accepts the media
  // type of its error answers.
  const ordered = codes
    .filter((c) => /^2/.test(c))
    .concat(codes.filter((c) => c === 'default'))
    .concat(codes.filter((c) => !/^2/.test(c) && c !== 'default'));
  for (const code of ordered) {
    const response = resolveRef(document, operation.responses?.[code]);
    if (isObject(response) && isObject(response.content)) {
      const first = Object.keys(response.content)[0];
      if (first !== undefined) return first;
    }
  }
  return undefined;
}

/** The first server URL with its variables set to their defaults. */
export function serverUrl(servers: ServerObject[] | undefined): string | undefined {
  const server = servers?.[0];
  if (!server) return undefined;
  return server.url
    .replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole)
    .replace(/\/+$/, '');
}
