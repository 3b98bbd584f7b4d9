/**
 * Code samples for every operation of a bundled OpenAPI description: a curl command and, when
 * a client package is given, a TypeScript call through that openapi-fetch style client
 * (`client.GET(path, { params, body })`). Values come from the description itself (parameter
 * examples, schema examples and defaults, the first request body example), so the samples
 * follow the spec as it changes. An XML body is sent as the example document by curl, and
 * passed to the client as the value it stands for (read through the schema's `xml` objects).
 */
import { type Schema, XmlCodec } from '@proseapi/xml-codec';
import {
  type CodeSample,
  type HttpMethod,
  isJsonMediaType,
  isObject,
  type JsonValue,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
  parameterSample,
  requestBodySample,
  resolveRef,
  responseMediaType,
  serverUrl,
} from './openapi.js';

export interface CodeSampleOptions {
  /**
   * Package that exports the client factory, e.g. `@activeplatform/client`. Without one, only
   * curl samples are written.
   */
  clientPackage?: string | undefined;
  /** Name of the factory export. Default `createClient`. */
  clientFactory?: string;
  /**
   * The factory's options besides `baseUrl`, each read from an environment variable:
   * option name → variable, or → an object of such pairs (`{ auth: { accessToken: 'X' } }`).
   * Default `{ token: <tokenEnvVar> }`.
   */
  clientOptions?: Record<string, string | Record<string, string>>;
  /**
   * For a client with a method per operation rather than `client.GET(path, …)`: by
   * operationId, the call a sample makes, built from the values the sample chose. An
   * operation without an entry gets no TypeScript sample.
   */
  methods?: Record<string, (values: SampleValues) => MethodCall>;
  /**
   * Environment variable that holds the credentials in the curl sample (and, by default, the
   * client's `token`): a token, or `user:password` for HTTP Basic. Default `API_TOKEN`.
   */
  tokenEnvVar?: string;
  /** Base URL used when the description has no absolute server URL. */
  fallbackBaseUrl?: string;
  /**
   * Values the samples give parameters, by name, instead of those the description documents;
   * `null` leaves an optional parameter out (a parameter that overrides the `Accept` header,
   * say, or one that would make the sample hard to read).
   */
  parameterValues?: Record<string, JsonValue | null>;
  /** Labels of the two samples; Redoc groups samples by label. */
  labels?: { typescript?: string; curl?: string };
}

/** The values a sample chose for one operation, by where they go. */
export interface SampleValues {
  path: Record<string, JsonValue>;
  query: Record<string, JsonValue>;
  header: Record<string, JsonValue>;
  /** The body as a client takes it (an XML document read into the value it stands for). */
  body: JsonValue | undefined;
}

/** One call of a method-style client. */
export interface MethodCall {
  method: string;
  /**
   * Its arguments, written as literals; as in JSON, a property whose value is `undefined` is
   * left out (a value the sample did not choose), and an `undefined` argument is written so.
   */
  args: unknown[];
}

interface ResolvedOptions {
  clientPackage: string | undefined;
  clientFactory: string;
  clientOptions: Record<string, string | Record<string, string>>;
  tokenEnvVar: string;
  fallbackBaseUrl: string;
  typescriptLabel: string;
  curlLabel: string;
}

function resolveOptions(options: CodeSampleOptions): ResolvedOptions {
  const tokenEnvVar = options.tokenEnvVar ?? 'API_TOKEN';
  return {
    clientPackage: options.clientPackage,
    clientFactory: options.clientFactory ?? 'createClient',
    clientOptions: options.clientOptions ?? { token: tokenEnvVar },
    tokenEnvVar,
    fallbackBaseUrl: options.fallbackBaseUrl ?? 'http://localhost:8080',
    typescriptLabel: options.labels?.typescript ?? 'TypeScript',
    curlLabel: options.labels?.curl ?? 'curl',
  };
}

/** What both samples need to know about one operation, with every value chosen. */
export interface OperationCall {
  method: HttpMethod;
  path: string;
  baseUrl: string;
  pathParams: Record<string, JsonValue>;
  query: Array<{ parameter: ParameterObject; value: JsonValue }>;
  headers: Array<{ name: string; value: JsonValue }>;
  cookies: Array<{ name: string; value: JsonValue }>;
  body: { mediaType: string; value: JsonValue; schema?: JsonValue | undefined } | undefined;
  accept: string | undefined;
  auth: AuthPlacement | undefined;
}

export type AuthPlacement =
  | { kind: 'header'; name: string; prefix: string }
  | { kind: 'query'; name: string }
  | { kind: 'cookie'; name: string }
  | { kind: 'basic' };

/** How the operation's first security requirement carries credentials. */
function authPlacement(
  document: OpenApiDocument,
  entry: OperationEntry,
): AuthPlacement | undefined {
  const requirements = entry.operation.security ?? document.security ?? [];
  const schemes = resolveRef(document, document.components?.securitySchemes);
  for (const requirement of requirements) {
    for (const name of Object.keys(requirement)) {
      const scheme = isObject(schemes) ? resolveRef(document, schemes[name]) : undefined;
      if (!isObject(scheme)) continue;
      if (scheme.type === 'apiKey' && typeof scheme.name === 'string') {
        if (scheme.in === 'header') return { kind: 'header', name: scheme.name, prefix: '' };
        if (scheme.in === 'query') return { kind: 'query', name: scheme.name };
        if (scheme.in === 'cookie') return { kind: 'cookie', name: scheme.name };
      }
      if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') {
        return { kind: 'basic' };
      }
      if (scheme.type === 'http' || scheme.type === 'oauth2' || scheme.type === 'openIdConnect') {
        return { kind: 'header', name: 'Authorization', prefix: 'Bearer ' };
      }
    }
  }
  return undefined;
}

/** Chooses every value of one call. Optional parameters appear only with documented values. */
export function describeCall(
  document: OpenApiDocument,
  entry: OperationEntry,
  options: CodeSampleOptions,
): OperationCall {
  const resolved = resolveOptions(options);
  const baseUrl = serverUrl(entry.servers ?? document.servers);
  const call: OperationCall = {
    method: entry.method,
    path: entry.path,
    baseUrl: baseUrl && /^https?:\/\//.test(baseUrl) ? baseUrl : resolved.fallbackBaseUrl,
    pathParams: {},
    query: [],
    headers: [],
    cookies: [],
    body: requestBodySample(document, entry.operation),
    accept: responseMediaType(document, entry.operation),
    auth: authPlacement(document, entry),
  };
  for (const parameter of entry.parameters) {
    const required = parameter.required === true || parameter.in === 'path';
    const chosen = options.parameterValues?.[parameter.name];
    const sample =
      chosen === undefined || (chosen === null && required)
        ? parameterSample(document, parameter)
        : { value: chosen, documented: chosen !== null };
    if (!required && !sample.documented) continue;
    if (parameter.in === 'path') call.pathParams[parameter.name] = sample.value;
    else if (parameter.in === 'query') call.query.push({ parameter, value: sample.value });
    else if (parameter.in === 'header')
      call.headers.push({ name: parameter.name, value: sample.value });
    else call.cookies.push({ name: parameter.name, value: sample.value });
  }
  return call;
}

// ---------------------------------------------------------------------------------------------
// TypeScript

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function tsKey(key: string): string {
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/** Prints a JSON value as a TypeScript literal; short objects and arrays stay on one line. */
export function tsLiteral(value: JsonValue | undefined, indent = 0, width = 80): string {
  if (value === undefined || value === null) return String(value ?? 'null');
  if (typeof value === 'string') return tsString(value);
  if (typeof value !== 'object') return String(value);
  const pad = '  '.repeat(indent + 1);
  const entries = Array.isArray(value)
    ? value.map((item) => tsLiteral(item, indent + 1, width))
    : Object.entries(value).map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v, indent + 1, width)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return `${open}${close}`;
  const inline = Array.isArray(value) ? `[${entries.join(', ')}]` : `{ ${entries.join(', ')} }`;
  if (!inline.includes('\n') && indent * 2 + inline.length <= width - 8) return inline;
  return `${open}\n${entries.map((e) => `${pad}${e},`).join('\n')}\n${'  '.repeat(indent)}${close}`;
}

/** Media types whose bodies are XML documents. */
const isXmlMediaType = (mediaType: string) =>
  /^(application|text)\/(?:[\w.+-]+\+)?xml\b/i.test(mediaType);

/**
 * The value a client is given for a body: an XML example (a document) read through the body's
 * schema into the value it stands for; any other example as it is.
 */
export function clientBodyValue(
  document: OpenApiDocument,
  body: NonNullable<OperationCall['body']>,
): JsonValue {
  if (!isXmlMediaType(body.mediaType) || typeof body.value !== 'string') return body.value;
  const codec = new XmlCodec({ document: document as unknown as Record<string, unknown> });
  return codec.decode(body.value, (body.schema ?? {}) as Schema) as JsonValue;
}

/** The environment variables a TypeScript sample reads, by the factory options. */
export function clientEnvVars(options: CodeSampleOptions): string[] {
  return Object.values(resolveOptions(options).clientOptions).flatMap((v) =>
    typeof v === 'string' ? [v] : Object.values(v),
  );
}

/** The values of a call, by where they go; the body as the client takes it. */
export function sampleValues(call: OperationCall, document?: OpenApiDocument): SampleValues {
  return {
    path: call.pathParams,
    query: Object.fromEntries(call.query.map((q) => [q.parameter.name, q.value])),
    header: Object.fromEntries(call.headers.map((h) => [h.name, h.value])),
    body:
      call.body === undefined
        ? undefined
        : document
          ? clientBodyValue(document, call.body)
          : call.body.value,
  };
}

/** Whether the operation gets a TypeScript sample with these options. */
export function hasTypeScriptSample(entry: OperationEntry, options: CodeSampleOptions): boolean {
  if (options.clientPackage === undefined) return false;
  if (options.methods === undefined) return true;
  return (
    entry.operation.operationId !== undefined && entry.operation.operationId in options.methods
  );
}

export function typescriptSample(
  call: OperationCall,
  options: CodeSampleOptions,
  document?: OpenApiDocument,
  operationId?: string,
): string {
  const o = resolveOptions(options);
  if (o.clientPackage === undefined) throw new Error('typescriptSample needs a clientPackage');
  const method = options.methods === undefined ? undefined : options.methods[operationId ?? ''];
  if (options.methods !== undefined && method === undefined) {
    throw new Error(`typescriptSample: no method is given for ${operationId ?? 'the operation'}`);
  }
  const chosen = method?.(sampleValues(call, document));
  const factoryOptions = [
    `  baseUrl: ${tsString(call.baseUrl)},`,
    ...Object.entries(o.clientOptions).map(([name, variable]) =>
      typeof variable === 'string'
        ? `  ${tsKey(name)}: ${fromEnv(variable)},`
        : `  ${tsKey(name)}: { ${Object.entries(variable)
            .map(([key, v]) => `${tsKey(key)}: ${fromEnv(v)}`)
            .join(', ')} },`,
    ),
  ];
  return [
    `import { ${o.clientFactory} } from ${tsString(o.clientPackage)};`,
    '',
    `const client = ${o.clientFactory}({`,
    ...factoryOptions,
    '});',
    '',
    ...(chosen ? methodCall(chosen) : pathCall(call, document)),
    '',
  ].join('\n');
}

const fromEnv = (variable: string) => `process.env.${variable} ?? ''`;

/** A method-style call: the client throws what fails, so the sample prints what it gets. */
function methodCall(chosen: MethodCall): string[] {
  const args = chosen.args.map((arg) =>
    arg === undefined ? 'undefined' : tsLiteral(JSON.parse(JSON.stringify(arg)) as JsonValue, 1),
  );
  const inline = `const result = await client.${chosen.method}(${args.join(', ')});`;
  const lines =
    !inline.includes('\n') && inline.length <= 80
      ? [inline]
      : [`const result = await client.${chosen.method}(`, ...args.map((arg) => `  ${arg},`), ');'];
  return [...lines, 'console.log(result);'];
}

/** An openapi-fetch call, `client.GET(path, { params, body })`, and its answer or error. */
function pathCall(call: OperationCall, document?: OpenApiDocument): string[] {
  const values = sampleValues(call, document);
  const params: Record<string, JsonValue> = {};
  if (Object.keys(values.path).length > 0) params.path = values.path;
  if (call.query.length > 0) params.query = values.query;
  if (call.headers.length > 0) params.header = values.header;
  if (call.cookies.length > 0) {
    params.cookie = Object.fromEntries(call.cookies.map((c) => [c.name, c.value]));
  }
  const init: string[] = [];
  if (Object.keys(params).length > 0) init.push(`    params: ${tsLiteral(params, 2)},`);
  if (call.body !== undefined) {
    init.push(`    body: ${tsLiteral(values.body, 2)},`);
    init.push(...typescriptBodyEncoding(call.body.mediaType));
  }
  const method = call.method.toUpperCase();
  const request =
    init.length === 0
      ? [`const { data, error } = await client.${method}(${tsString(call.path)});`]
      : [
          `const { data, error } = await client.${method}(`,
          `  ${tsString(call.path)},`,
          '  {',
          ...init,
          '  },',
          ');',
        ];
  return [
    ...request,
    'if (error) {',
    '  console.error(error);',
    '} else {',
    '  console.log(data);',
    '}',
  ];
}

/**
 * openapi-fetch sends bodies as JSON, and as a form when the request's Content-Type says
 * `application/x-www-form-urlencoded`; multipart bodies need a FormData.
 */
function typescriptBodyEncoding(mediaType: string): string[] {
  if (isJsonMediaType(mediaType)) return [];
  if (mediaType.startsWith('multipart/')) {
    return [
      '    bodySerializer: (body) => {',
      '      const form = new FormData();',
      '      for (const [name, value] of Object.entries(body)) form.append(name, String(value));',
      '      return form;',
      '    },',
    ];
  }
  return [`    headers: { 'Content-Type': ${tsString(mediaType)} },`];
}

// ---------------------------------------------------------------------------------------------
// curl

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function scalarText(value: JsonValue): string {
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Encodes one value of a list: commas too, since they separate the items. */
const encode = (value: JsonValue) => encodeURIComponent(scalarText(value));
/** Encodes a whole query value, keeping commas readable (`filter[status]=a,b`). */
const encodeValue = (value: JsonValue) => encode(value).replace(/%2C/gi, ',');

/**
 * Encodes a query parameter's name; `$`, which a query may carry as it is (RFC 3986), stays
 * readable (`$expand`).
 */
const encodeName = (name: string) => encodeURIComponent(name).replace(/%24/g, '$');

/** Query pairs of one parameter after its `style` and `explode` (OpenAPI serialization rules). */
export function queryPairs(parameter: ParameterObject, value: JsonValue): string[] {
  const name = encodeName(parameter.name);
  const style = parameter.style ?? 'form';
  const explode = parameter.explode ?? style === 'form';
  if (style === 'deepObject' && isObject(value)) {
    const pairs: string[] = [];
    const walk = (prefix: string, node: JsonValue) => {
      if (isObject(node)) {
        for (const [key, child] of Object.entries(node))
          walk(`${prefix}[${encodeURIComponent(key)}]`, child);
      } else if (Array.isArray(node)) {
        pairs.push(`${prefix}=${node.map(encode).join(',')}`);
      } else {
        pairs.push(`${prefix}=${encodeValue(node)}`);
      }
    };
    walk(name, value);
    return pairs;
  }
  const delimiter = style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
  if (Array.isArray(value)) {
    return explode
      ? value.map((item) => `${name}=${encodeValue(item)}`)
      : [`${name}=${value.map(encode).join(delimiter)}`];
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    return explode
      ? entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeValue(v)}`)
      : [`${name}=${entries.map(([k, v]) => `${encodeURIComponent(k)},${encode(v)}`).join(',')}`];
  }
  return [`${name}=${encodeValue(value)}`];
}

function pathValue(value: JsonValue): string {
  if (Array.isArray(value)) return value.map(encode).join(',');
  if (isObject(value))
    return Object.entries(value)
      .map(([k, v]) => `${k},${encode(v)}`)
      .join(',');
  return encode(value);
}

export function callUrl(call: OperationCall): string {
  const path = call.path.replace(/\{([^}]+)\}/g, (whole, name: string) =>
    name in call.pathParams ? pathValue(call.pathParams[name] as JsonValue) : whole,
  );
  const pairs = call.query.flatMap((q) => queryPairs(q.parameter, q.value));
  return `${call.baseUrl}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
}

export function curlSample(call: OperationCall, options: CodeSampleOptions): string {
  const o = resolveOptions(options);
  const token = `$${o.tokenEnvVar}`;
  const url = callUrl(call);
  // The credentials in the query come from the shell, so that URL is double-quoted and its
  // own text escaped for it.
  const quotedUrl =
    call.auth?.kind === 'query'
      ? `"${url.replace(/[\\"$`]/g, '\\$&')}${url.includes('?') ? '&' : '?'}${encodeName(call.auth.name).replace(/\$/g, '\\$')}=${token}"`
      : shellQuote(url);
  // -g keeps curl from reading the brackets of `page[size]` style names as a glob.
  const first = `curl${/[[\]]/.test(url) ? ' -g' : ''} -X ${call.method.toUpperCase()} ${quotedUrl}`;
  const lines: string[] = [];
  if (call.auth?.kind === 'header')
    lines.push(`-H "${call.auth.name}: ${call.auth.prefix}${token}"`);
  if (call.auth?.kind === 'basic') lines.push(`-u "${token}"`);
  if (call.accept) lines.push(`-H ${shellQuote(`Accept: ${call.accept}`)}`);
  for (const header of call.headers) {
    lines.push(`-H ${shellQuote(`${header.name}: ${scalarText(header.value)}`)}`);
  }
  const cookies = call.cookies.map((c) => `${c.name}=${encode(c.value)}`);
  if (call.auth?.kind === 'cookie') cookies.push(`${call.auth.name}=${token}`);
  if (cookies.length > 0) lines.push(`--cookie "${cookies.join('; ')}"`);
  if (call.body) lines.push(...curlBody(call.body.mediaType, call.body.value));
  return `${[first, ...lines].join(' \\\n  ')}\n`;
}

function curlBody(mediaType: string, value: JsonValue): string[] {
  const contentType = `-H ${shellQuote(`Content-Type: ${mediaType}`)}`;
  if (isJsonMediaType(mediaType)) {
    return [contentType, `--data-raw ${shellQuote(JSON.stringify(value, null, 2))}`];
  }
  if (mediaType === 'application/x-www-form-urlencoded' && isObject(value)) {
    return Object.entries(value).map(
      ([k, v]) => `--data-urlencode ${shellQuote(`${k}=${scalarText(v)}`)}`,
    );
  }
  if (mediaType.startsWith('multipart/') && isObject(value)) {
    return Object.entries(value).map(([k, v]) => `-F ${shellQuote(`${k}=${scalarText(v)}`)}`);
  }
  return [contentType, `--data-binary ${shellQuote(scalarText(value))}`];
}

// ---------------------------------------------------------------------------------------------
// The document pass

/** The samples for one operation: TypeScript first (when there is a client), then curl. */
export function operationSamples(
  document: OpenApiDocument,
  entry: OperationEntry,
  options: CodeSampleOptions,
): CodeSample[] {
  const o = resolveOptions(options);
  const call = describeCall(document, entry, options);
  const curl = { lang: 'Shell', label: o.curlLabel, source: curlSample(call, options) };
  if (!hasTypeScriptSample(entry, options)) return [curl];
  return [
    {
      lang: 'TypeScript',
      label: o.typescriptLabel,
      source: typescriptSample(call, options, document, entry.operation.operationId),
    },
    curl,
  ];
}

/**
 * A copy of the document in which every operation carries `x-codeSamples`. Samples already in
 * the description are kept, except those with the label of a generated one, which is replaced.
 */
export function addCodeSamples(
  document: OpenApiDocument,
  options: CodeSampleOptions,
): OpenApiDocument {
  const copy = structuredClone(document);
  for (const entry of listOperations(copy)) {
    const generated = operationSamples(copy, entry, options);
    const labels = new Set(generated.map((s) => s.label));
    const kept = (entry.operation['x-codeSamples'] ?? []).filter((s) => !labels.has(s.label));
    entry.operation['x-codeSamples'] = [...generated, ...kept];
  }
  return copy;
}

export type { CodeSample, OpenApiDocument } from './openapi.js';
