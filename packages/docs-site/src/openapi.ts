/**
 * Just enough of an OpenAPI 3.x document model to walk a bundled description: operations,
 * their parameters and bodies, local `$ref`s, and the example values they carry.
 * Nothing here knows which API it is reading. The walking, the references and the samples
 * are those of `@proseapi/openapi-model`; this module gives them the types the docs use.
 */
import {
  deref,
  HTTP_METHODS as METHODS,
  firstExampleValue as modelFirstExampleValue,
  listOperations as modelListOperations,
  parameterSample as modelParameterSample,
  sampleFromSchema as modelSampleFromSchema,
  serverUrl as modelServerUrl,
} from '@proseapi/openapi-model';

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

export const HTTP_METHODS = METHODS;
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
  return deref(document, value, { strict: true });
}

/** Every operation of the document, in the order the document lists them. */
export function listOperations(document: OpenApiDocument): OperationEntry[] {
  return modelListOperations(document).map((entry) => ({
    path: entry.path,
    method: entry.method,
    operation: entry.operation as OperationObject,
    parameters: entry.parameters as unknown as ParameterObject[],
    servers: entry.servers as ServerObject[] | undefined,
  }));
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
  return modelFirstExampleValue(document, examples) as JsonValue | undefined;
}

function exampleOf(document: OpenApiDocument, holder: JsonObject): JsonValue | undefined {
  if ('example' in holder) return holder.example as JsonValue;
  return firstExampleValue(document, holder.examples);
}

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
  return modelSampleFromSchema(document, rawSchema, depth) as SampleValue;
}

/** The value a code sample passes for a parameter: example, then schema-derived. */
export function parameterSample(
  document: OpenApiDocument,
  parameter: ParameterObject,
): SampleValue {
  return modelParameterSample(document, parameter as unknown as JsonObject) as SampleValue;
}

export interface BodySample {
  mediaType: string;
  value: JsonValue;
  /** The schema of the media type, to read an XML example into the value it stands for. */
  schema?: JsonValue | undefined;
}

/**
 * The media types of a body, best first: those the description does not mark `x-assumed`
 * (documented forms) before assumed ones, and among each, JSON before other forms.
 */
export function preferredMediaTypes(content: JsonObject): string[] {
  const rank = (mediaType: string) => {
    const media = content[mediaType];
    const assumed = isObject(media) && 'x-assumed' in media;
    return (assumed ? 2 : 0) + (isJsonMediaType(mediaType) ? 0 : 1);
  };
  return Object.keys(content)
    .map((mediaType, index) => ({ mediaType, index }))
    .sort((a, b) => rank(a.mediaType) - rank(b.mediaType) || a.index - b.index)
    .map((e) => e.mediaType);
}

/**
 * The body a sample sends: the preferred media type (see `preferredMediaTypes`), its first
 * example, else a value built from its schema. An XML example is the document, as a string.
 */
export function requestBodySample(
  document: OpenApiDocument,
  operation: OperationObject,
): BodySample | undefined {
  const body = resolveRef(document, operation.requestBody);
  if (!isObject(body) || !isObject(body.content)) return undefined;
  const mediaType = preferredMediaTypes(body.content)[0];
  if (mediaType === undefined) return undefined;
  const media = body.content[mediaType];
  if (!isObject(media)) return undefined;
  const example = exampleOf(document, media);
  const value = example !== undefined ? example : sampleFromSchema(document, media.schema).value;
  return { mediaType, value, schema: media.schema };
}

export function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType);
}

/** The preferred media type (see `preferredMediaTypes`) of the first response that has a body, successes first. */
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
      const first = preferredMediaTypes(response.content)[0];
      if (first !== undefined) return first;
    }
  }
  return undefined;
}

/** The first server URL with its variables set to their defaults. */
export function serverUrl(servers: ServerObject[] | undefined): string | undefined {
  return modelServerUrl(servers);
}
