/**
 * A read-only model of a bundled OpenAPI 3.x document: its operations, parameters,
 * bodies, responses and security, with local `$ref`s followed. Nothing here knows
 * which API the document describes.
 */

export type JsonObject = Record<string, unknown>;
export type Schema = JsonObject | boolean;

export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Reads the value a local JSON pointer (`#/a/b`) names inside `doc`. */
export function pointerGet(doc: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) return undefined;
  const path = pointer.slice(1);
  if (path === '' || path === '/') return doc;
  let current: unknown = doc;
  for (const raw of path.slice(1).split('/')) {
    if (Array.isArray(current)) current = current[Number(raw)];
    else if (isObject(current)) current = current[unescapePointer(raw)];
    else return undefined;
  }
  return current;
}

/** Follows `$ref` chains of non-schema objects (parameters, responses, examples …). */
export function deref<T = unknown>(doc: unknown, value: unknown): T {
  let current = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) break;
    seen.add(ref);
    current = pointerGet(doc, ref);
  }
  return current as T;
}

const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'externalDocs',
  'xml',
]);

/**
 * Resolves a schema's `$ref` and merges the sibling keywords that constrain (3.1 allows
 * them next to `$ref`); annotations of the sibling are kept over the target's.
 */
const resolvedCache = new WeakMap<object, WeakMap<object, JsonObject | boolean | undefined>>();

export function resolveSchema(doc: unknown, schema: unknown): JsonObject | boolean | undefined {
  if (!isObject(schema) || typeof schema.$ref !== 'string' || !isObject(doc)) {
    return resolveUncached(doc, schema);
  }
  let perDoc = resolvedCache.get(doc);
  if (!perDoc) {
    perDoc = new WeakMap();
    resolvedCache.set(doc, perDoc);
  }
  if (perDoc.has(schema)) return perDoc.get(schema);
  const resolved = resolveUncached(doc, schema);
  perDoc.set(schema, resolved);
  return resolved;
}

function resolveUncached(doc: unknown, schema: unknown): JsonObject | boolean | undefined {
  let current = schema;
  const seen = new Set<string>();
  let merged: JsonObject | undefined;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) break;
    seen.add(ref);
    const { $ref: _ignored, ...siblings } = current;
    merged = { ...siblings, ...merged };
    current = pointerGet(doc, ref);
  }
  if (current === undefined) return undefined;
  if (typeof current === 'boolean') return current;
  if (!isObject(current)) return undefined;
  if (!merged) return current;
  const result: JsonObject = { ...current };
  for (const [key, value] of Object.entries(merged)) {
    if (!ANNOTATIONS.has(key) || !(key in result)) result[key] = value;
  }
  return result;
}

export interface ExampleModel {
  name: string;
  value: unknown;
}

export interface MediaModel {
  mediaType: string;
  schema: Schema | undefined;
  /** JSON pointer of the schema inside the document. */
  schemaPointer: string;
  examples: ExampleModel[];
}

export interface ParameterModel {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema | undefined;
  style: string;
  explode: boolean;
  /** The first example the document gives for the parameter, if any. */
  example: { value: unknown } | undefined;
}

export interface ResponseModel {
  /** `200`, `4XX` or `default`. */
  status: string;
  content: MediaModel[];
}

export interface CredentialModel {
  in: 'header' | 'query' | 'cookie';
  /** Header names are lower-cased. */
  name: string;
}

/** Splits a path into its segments, ignoring a trailing slash. */
export function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

export interface OperationModel {
  /** `METHOD /path/template`, unique within the document. */
  key: string;
  operationId: string | undefined;
  method: string;
  path: string;
  /** The path template's segments (`splitPath(path)`). */
  segments: string[];
  pointer: string;
  params: ParameterModel[];
  body: { required: boolean; content: MediaModel[] } | undefined;
  responses: ResponseModel[];
  /** Alternatives; each alternative lists the credentials that must all be present. Empty: no auth. */
  security: CredentialModel[][];
}

export interface SpecModel {
  doc: JsonObject;
  operations: OperationModel[];
  /** Path template → method → operation. */
  paths: Map<string, Map<string, OperationModel>>;
  /** Path prefix of the first server URL (`''` when the server URL has none). */
  basePath: string;
  /** The first server URL with its variables' defaults filled in. */
  serverUrl: string;
  /** The media type most responses use; errors outside any operation use it. */
  defaultMediaType: string;
}

function mediaModels(doc: unknown, content: unknown, pointer: string): MediaModel[] {
  if (!isObject(content)) return [];
  const result: MediaModel[] = [];
  for (const [mediaType, rawMedia] of Object.entries(content)) {
    const media = deref<JsonObject>(doc, rawMedia);
    if (!isObject(media)) continue;
    const examples: ExampleModel[] = [];
    if (isObject(media.examples)) {
      for (const [name, rawExample] of Object.entries(media.examples)) {
        const example = deref<JsonObject>(doc, rawExample);
        if (isObject(example) && 'value' in example) examples.push({ name, value: example.value });
      }
    }
    if ('example' in media) examples.push({ name: 'example', value: media.example });
    result.push({
      mediaType: mediaType.toLowerCase(),
      schema: media.schema as Schema | undefined,
      schemaPointer: `${pointer}/${escapePointer(mediaType)}/schema`,
      examples,
    });
  }
  return result;
}

/** Where a `$ref`ed object really lives, so that pointers into it stay valid. */
function targetPointer(doc: unknown, value: unknown, fallback: string): string {
  let pointer = fallback;
  let current = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    pointer = current.$ref;
    current = pointerGet(doc, current.$ref);
  }
  return pointer;
}

function parameterModel(doc: unknown, raw: unknown): ParameterModel | undefined {
  const param = deref<JsonObject>(doc, raw);
  if (!isObject(param) || typeof param.name !== 'string' || typeof param.in !== 'string') {
    return undefined;
  }
  const location = param.in as ParameterModel['in'];
  const style =
    typeof param.style === 'string'
      ? param.style
      : location === 'query' || location === 'cookie'
        ? 'form'
        : 'simple';
  const explode = typeof param.explode === 'boolean' ? param.explode : style === 'form';
  let example: { value: unknown } | undefined;
  if ('example' in param) example = { value: param.example };
  else if (isObject(param.examples)) {
    const first = Object.values(param.examples)[0];
    const resolved = deref<JsonObject>(doc, first);
    if (isObject(resolved) && 'value' in resolved) example = { value: resolved.value };
  }
  return {
    name: location === 'header' ? param.name.toLowerCase() : param.name,
    in: location,
    required: location === 'path' ? true : param.required === true,
    schema: param.schema as Schema | undefined,
    style,
    explode,
    example,
  };
}

function securityModel(doc: JsonObject, requirements: unknown): CredentialModel[][] {
  if (!Array.isArray(requirements)) return [];
  const schemes = isObject(doc.components) ? doc.components.securitySchemes : undefined;
  const result: CredentialModel[][] = [];
  for (const requirement of requirements) {
    if (!isObject(requirement)) continue;
    const names = Object.keys(requirement);
    if (names.length === 0) return [];
    const alternative: CredentialModel[] = [];
    for (const name of names) {
      const scheme = deref<JsonObject>(doc, isObject(schemes) ? schemes[name] : undefined);
      if (!isObject(scheme)) continue;
      if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
        const location = scheme.in === 'query' || scheme.in === 'cookie' ? scheme.in : 'header';
        alternative.push({
          in: location,
          name: location === 'header' ? scheme.name.toLowerCase() : scheme.name,
        });
      } else if (
        scheme.type === 'http' ||
        scheme.type === 'oauth2' ||
        scheme.type === 'openIdConnect'
      ) {
        alternative.push({ in: 'header', name: 'authorization' });
      }
    }
    result.push(alternative);
  }
  return result;
}

function serverInfo(doc: JsonObject): { url: string; basePath: string } {
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const first = servers[0];
  if (!isObject(first) || typeof first.url !== 'string') return { url: '', basePath: '' };
  const variables = isObject(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const variable = variables[name];
    return isObject(variable) && variable.default !== undefined ? String(variable.default) : '';
  });
  let basePath = '';
  try {
    basePath = new URL(url, 'http://placeholder.invalid').pathname.replace(/\/+$/, '');
  } catch {
    basePath = '';
  }
  return { url: url.replace(/\/+$/, ''), basePath };
}

/** Indexes every operation of a bundled OpenAPI document. */
export function buildSpecModel(doc: JsonObject): SpecModel {
  const operations: OperationModel[] = [];
  const paths = new Map<string, Map<string, OperationModel>>();
  const mediaCount = new Map<string, number>();
  const rawPaths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(rawPaths)) {
    const item = deref<JsonObject>(doc, rawItem);
    if (!isObject(item)) continue;
    const itemPointer = targetPointer(doc, rawItem, `#/paths/${escapePointer(path)}`);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    const byMethod = new Map<string, OperationModel>();
    for (const method of HTTP_METHODS) {
      const op = item[method.toLowerCase()];
      if (!isObject(op)) continue;
      const pointer = `${itemPointer}/${method.toLowerCase()}`;
      const params = new Map<string, ParameterModel>();
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const param = parameterModel(doc, raw);
        if (param) params.set(`${param.in}:${param.name}`, param);
      }
      let body: OperationModel['body'];
      if (op.requestBody !== undefined) {
        const requestBody = deref<JsonObject>(doc, op.requestBody);
        if (isObject(requestBody)) {
          const bodyPointer = targetPointer(doc, op.requestBody, `${pointer}/requestBody`);
          body = {
            required: requestBody.required === true,
            content: mediaModels(doc, requestBody.content, `${bodyPointer}/content`),
          };
        }
      }
      const responses: ResponseModel[] = [];
      if (isObject(op.responses)) {
        for (const [status, rawResponse] of Object.entries(op.responses)) {
          const response = deref<JsonObject>(doc, rawResponse);
          if (!isObject(response)) continue;
          const responsePointer = targetPointer(
            doc,
            rawResponse,
            `${pointer}/responses/${escapePointer(status)}`,
          );
          const content = mediaModels(doc, response.content, `${responsePointer}/content`);
          for (const media of content) {
            mediaCount.set(media.mediaType, (mediaCount.get(media.mediaType) ?? 0) + 1);
          }
          responses.push({ status: status.toUpperCase(), content });
        }
      }
      const model: OperationModel = {
        key: `${method} ${path}`,
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        method,
        path,
        segments: splitPath(path),
        pointer,
        params: [...params.values()],
        body,
        responses,
        security: securityModel(doc, op.security !== undefined ? op.security : doc.security),
      };
      operations.push(model);
      byMethod.set(method, model);
    }
    if (byMethod.size > 0) paths.set(path, byMethod);
  }
  let defaultMediaType = 'application/json';
  let best = 0;
  for (const [mediaType, count] of mediaCount) {
    if (count > best) {
      best = count;
      defaultMediaType = mediaType;
    }
  }
  const server = serverInfo(doc);
  return {
    doc,
    operations,
    paths,
    basePath: server.basePath,
    serverUrl: server.url,
    defaultMediaType,
  };
}

/** The declared response for a status: exact code first, then `4XX`-style ranges, then `default`. */
export function findResponse(op: OperationModel, status: number): ResponseModel | undefined {
  const code = String(status);
  return (
    op.responses.find((r) => r.status === code) ??
    op.responses.find((r) => r.status === `${code[0]}XX`) ??
    op.responses.find((r) => r.status === 'DEFAULT')
  );
}

/** Whether the operation declares the status explicitly or through a range (not `default`). */
export function declaresStatus(op: OperationModel, status: number): boolean {
  const code = String(status);
  return op.responses.some((r) => r.status === code || r.status === `${code[0]}XX`);
}

/** The lowest declared 2xx status, or the first declared one. */
export function successStatus(op: OperationModel): number {
  const codes = op.responses
    .map((r) => Number(r.status))
    .filter((n) => Number.isInteger(n) && n >= 200 && n < 300)
    .sort((a, b) => a - b);
  if (codes[0] !== undefined) return codes[0];
  if (op.responses.some((r) => r.status === '2XX')) return 200;
  const first = op.responses.map((r) => Number(r.status)).find((n) => Number.isInteger(n));
  return first ?? 200;
}

/** Whether a media type carries JSON (`application/json`, `…+json`). */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === '*/*';
}

/** Whether a declared media type (maybe with wildcards) accepts a concrete one. */
export function mediaTypeMatches(declared: string, actual: string): boolean {
  if (declared === actual || declared === '*/*') return true;
  if (declared.endsWith('/*')) return actual.startsWith(declared.slice(0, -1));
  return false;
}
