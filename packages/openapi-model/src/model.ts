/**
 * A read-only model of a bundled description for tools that act on requests and answers
 * (a mock, a validator): each operation's parameters, bodies, responses and security,
 * with local `$ref`s followed and the JSON pointer of every schema kept.
 */
import { isObject, type JsonObject, type Schema } from './json.js';
import { listOperations, serverUrl, splitPath } from './operations.js';
import { deref, escapePointer, targetPointer } from './pointer.js';

export interface ExampleModel {
  name: string;
  value: unknown;
}

export interface MediaModel {
  /** Lower-case media type, as the description declares it (wildcards kept). */
  mediaType: string;
  schema: Schema | undefined;
  /** JSON pointer of the schema inside the document. */
  schemaPointer: string;
  /** Named examples first, then `example` (named `example`). */
  examples: ExampleModel[];
}

export interface ParameterModel {
  /** The name as declared. */
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema | undefined;
  style: string;
  explode: boolean;
  /** The first example the description gives for the parameter, if any. */
  example: { value: unknown } | undefined;
}

export interface ResponseModel {
  /** `200`, `4XX` or `DEFAULT` (upper-case). */
  status: string;
  /** Shared by every operation that `$ref`s the same response: read, never changed. */
  content: MediaModel[];
}

/** One security scheme an operation may be called with. */
export interface SecuritySchemeModel {
  /** The scheme's name under `components.securitySchemes`. */
  name: string;
  type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  /** `apiKey`: where the key travels. */
  in: 'header' | 'query' | 'cookie' | undefined;
  /** `apiKey`: the header, query or cookie name (as declared). */
  parameterName: string | undefined;
  /** `http`: the authentication scheme, lower-case (`basic`, `bearer`). */
  scheme: string | undefined;
}

export interface OperationModel {
  /** `METHOD /path/template`, unique within the document. */
  key: string;
  operationId: string | undefined;
  /** Upper-case method. */
  method: string;
  path: string;
  /** The path template's segments (`splitPath(path)`). */
  segments: string[];
  pointer: string;
  params: ParameterModel[];
  body: { required: boolean; content: MediaModel[] } | undefined;
  responses: ResponseModel[];
  /**
   * Alternatives; each lists the schemes that must all be satisfied. Empty: no security.
   * Operations that take the document's security share this list: read, never changed.
   */
  security: SecuritySchemeModel[][];
  /** The Operation Object as written (extensions included). */
  raw: JsonObject;
}

export interface SpecModel {
  doc: JsonObject;
  operations: OperationModel[];
  /** Path template → upper-case method → operation. */
  paths: Map<string, Map<string, OperationModel>>;
  /** Path prefix of the first server URL (`''` when the server URL has none). */
  basePath: string;
  /** The first server URL with its variables' defaults filled in (`''` without servers). */
  serverUrl: string;
  /** The media type most responses use. */
  defaultMediaType: string;
}

/** A Media Type Object's examples: named ones first, then `example`. */
function examplesOf(doc: JsonObject, media: JsonObject): ExampleModel[] {
  const examples: ExampleModel[] = [];
  const named = media.examples;
  if (isObject(named)) {
    for (const name of Object.keys(named)) {
      const example = deref<JsonObject>(doc, named[name]);
      if (isObject(example) && 'value' in example) examples.push({ name, value: example.value });
    }
  }
  if ('example' in media) examples.push({ name: 'example', value: media.example });
  return examples;
}

/**
 * The media types of a `content` map. `seen` holds the examples of each Media Type Object
 * already read: operations that share a response (a `$ref` to one error answer, say) share
 * its list of examples, which no reader changes.
 */
function mediaModels(
  doc: JsonObject,
  content: unknown,
  pointer: string,
  seen: Map<JsonObject, ExampleModel[]>,
): MediaModel[] {
  if (!isObject(content)) return [];
  const result: MediaModel[] = [];
  // Keys, not entries: a start-up walks every media type and example of the description.
  for (const mediaType of Object.keys(content)) {
    const media = deref<JsonObject>(doc, content[mediaType]);
    if (!isObject(media)) continue;
    let examples = seen.get(media);
    if (!examples) {
      examples = examplesOf(doc, media);
      seen.set(media, examples);
    }
    result.push({
      mediaType: mediaType.toLowerCase(),
      schema: media.schema as Schema | undefined,
      schemaPointer: `${pointer}/${escapePointer(mediaType)}/schema`,
      examples,
    });
  }
  return result;
}

function parameterModel(doc: JsonObject, param: JsonObject): ParameterModel | undefined {
  if (typeof param.name !== 'string' || typeof param.in !== 'string') return undefined;
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
    const resolved = deref<JsonObject>(doc, Object.values(param.examples)[0]);
    if (isObject(resolved) && 'value' in resolved) example = { value: resolved.value };
  }
  return {
    name: param.name,
    in: location,
    required: location === 'path' ? true : param.required === true,
    schema: param.schema as Schema | undefined,
    style,
    explode,
    example,
  };
}

const SCHEME_TYPES = new Set(['apiKey', 'http', 'oauth2', 'openIdConnect', 'mutualTLS']);

function securityModel(doc: JsonObject, requirements: unknown): SecuritySchemeModel[][] {
  if (!Array.isArray(requirements)) return [];
  const schemes = isObject(doc.components) ? doc.components.securitySchemes : undefined;
  const result: SecuritySchemeModel[][] = [];
  for (const requirement of requirements) {
    if (!isObject(requirement)) continue;
    const names = Object.keys(requirement);
    // An empty requirement makes the security optional.
    if (names.length === 0) return [];
    const alternative: SecuritySchemeModel[] = [];
    for (const name of names) {
      const scheme = deref<JsonObject>(doc, isObject(schemes) ? schemes[name] : undefined);
      if (!isObject(scheme) || typeof scheme.type !== 'string' || !SCHEME_TYPES.has(scheme.type)) {
        continue;
      }
      const location =
        scheme.type !== 'apiKey'
          ? undefined
          : scheme.in === 'query' || scheme.in === 'cookie'
            ? scheme.in
            : 'header';
      alternative.push({
        name,
        type: scheme.type as SecuritySchemeModel['type'],
        in: location,
        parameterName: typeof scheme.name === 'string' ? scheme.name : undefined,
        scheme: typeof scheme.scheme === 'string' ? scheme.scheme.toLowerCase() : undefined,
      });
    }
    result.push(alternative);
  }
  return result;
}

const models = new WeakMap<object, SpecModel>();

/** Indexes every operation of a bundled description (once per document object). */
export function buildSpecModel(doc: JsonObject): SpecModel {
  const cached = models.get(doc);
  if (cached) return cached;
  const operations: OperationModel[] = [];
  const paths = new Map<string, Map<string, OperationModel>>();
  const mediaCount = new Map<string, number>();
  const seen = new Map<JsonObject, ExampleModel[]>();
  // Most operations take the document's security, and answer errors with a `$ref` to one of
  // a few shared responses: each of those is read once.
  const securities = new Map<unknown, SecuritySchemeModel[][]>();
  const sharedResponses = new Map<string, { response: unknown; content: MediaModel[] }>();
  const securityOf = (requirements: unknown): SecuritySchemeModel[][] => {
    let security = securities.get(requirements);
    if (!security) {
      security = securityModel(doc, requirements);
      securities.set(requirements, security);
    }
    return security;
  };
  for (const entry of listOperations(doc)) {
    const { operation: op, pointer } = entry;
    const method = entry.method.toUpperCase();
    const params: ParameterModel[] = [];
    for (const raw of entry.parameters) {
      const param = parameterModel(doc, raw);
      if (param) params.push(param);
    }
    let body: OperationModel['body'];
    if (op.requestBody !== undefined) {
      const requestBody = deref<JsonObject>(doc, op.requestBody);
      if (isObject(requestBody)) {
        const bodyPointer = targetPointer(doc, op.requestBody, `${pointer}/requestBody`);
        body = {
          required: requestBody.required === true,
          content: mediaModels(doc, requestBody.content, `${bodyPointer}/content`, seen),
        };
      }
    }
    const responses: ResponseModel[] = [];
    const rawResponses = op.responses;
    if (isObject(rawResponses)) {
      for (const status of Object.keys(rawResponses)) {
        const rawResponse = rawResponses[status];
        const ref = isObject(rawResponse) ? rawResponse.$ref : undefined;
        let shared = typeof ref === 'string' ? sharedResponses.get(ref) : undefined;
        if (!shared) {
          const response = deref<JsonObject>(doc, rawResponse);
          const responsePointer = targetPointer(
            doc,
            rawResponse,
            `${pointer}/responses/${escapePointer(status)}`,
          );
          shared = {
            response,
            content: isObject(response)
              ? mediaModels(doc, response.content, `${responsePointer}/content`, seen)
              : [],
          };
          if (typeof ref === 'string') sharedResponses.set(ref, shared);
        }
        if (!isObject(shared.response)) continue;
        const { content } = shared;
        for (const media of content) {
          mediaCount.set(media.mediaType, (mediaCount.get(media.mediaType) ?? 0) + 1);
        }
        responses.push({ status: status.toUpperCase(), content });
      }
    }
    const model: OperationModel = {
      key: `${method} ${entry.path}`,
      operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
      method,
      path: entry.path,
      segments: splitPath(entry.path),
      pointer,
      params,
      body,
      responses,
      security: securityOf(op.security !== undefined ? op.security : doc.security),
      raw: op,
    };
    operations.push(model);
    let byMethod = paths.get(entry.path);
    if (!byMethod) {
      byMethod = new Map();
      paths.set(entry.path, byMethod);
    }
    byMethod.set(method, model);
  }
  let defaultMediaType = 'application/json';
  let best = 0;
  for (const [mediaType, count] of mediaCount) {
    if (count > best) {
      best = count;
      defaultMediaType = mediaType;
    }
  }
  const url = serverUrl(doc.servers, '') ?? '';
  let basePath = '';
  try {
    basePath = new URL(url || '/', 'http://placeholder.invalid').pathname.replace(/\/+$/, '');
  } catch {
    basePath = '';
  }
  const model: SpecModel = {
    doc,
    operations,
    paths,
    basePath,
    serverUrl: url,
    defaultMediaType,
  };
  models.set(doc, model);
  return model;
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

/** The lowest declared 2xx status; 200 for a `2XX` range; else the first declared one. */
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
