// @ts-check
/**
 * Records request/answer pairs from a mock of an API, for every operation of its bundled
 * description: the requests are built from the description's own examples, the answers are
 * what the mock sends. Another program then checks both against the description.
 *
 * Per operation:
 * - stateless, a valid request: the mock's default answer;
 * - stateless, a valid request with `Prefer: code=…, example=…` for every declared answer and
 *   each of its named examples (errors included);
 * - stateless, the request without its credential (when the operation is secured);
 * - stateless, a body of the wrong JSON type (when it takes one), and a body that is not JSON
 *   (when it also declares a 400 answer: the mock answers 400 to it);
 * - stateful (a fresh world), the valid request: what the mock's world answers.
 *
 * Credentials are sent to the mock but recorded as `redacted`.
 */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const REDACTED = 'redacted';

/**
 * @typedef {(request: Request) => Promise<Response>} FetchLike
 * @typedef {{ method: string, url: string, headers: Record<string, string>, body: string | null }} RecordedRequest
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} RecordedResponse
 * @typedef {{ label: string, operationId: string, requestValid: boolean,
 *   request: RecordedRequest, response: RecordedResponse }} RecordedPair
 * @typedef {{ name: string, in: string, style?: string, explode?: boolean, required?: boolean,
 *   schema?: any, example?: unknown, examples?: Record<string, any>, content?: Record<string, any> }} Parameter
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Follows local references.
 * @param {Record<string, any>} doc
 * @param {unknown} node
 * @returns {any}
 */
export function deref(doc, node) {
  let current = node;
  for (let i = 0; i < 32 && isObject(current) && typeof current.$ref === 'string'; i++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported, found ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce(
        (n, key) => (isObject(n) || Array.isArray(n) ? /** @type {any} */ (n)[key] : undefined),
        /** @type {unknown} */ (doc),
      );
  }
  return current;
}

/**
 * The first server's URL with its variables at their defaults.
 * @param {Record<string, any>} doc
 */
export function baseUrlOf(doc) {
  const server = doc.servers?.[0];
  if (!server) return 'http://localhost';
  return Object.entries(server.variables ?? {}).reduce(
    (url, [name, v]) => url.replaceAll(`{${name}}`, String(/** @type {any} */ (v).default)),
    String(server.url),
  );
}

/**
 * An example value: the node's own, else its first named one, else one from its schema (its
 * examples, default, const or first enum value, else a plain value of its type).
 * @param {Record<string, any>} doc
 * @param {{ example?: unknown, examples?: Record<string, any>, schema?: unknown }} node
 * @returns {{ found: boolean, value?: unknown }}
 */
function exampleOf(doc, node) {
  if ('example' in node) return { found: true, value: node.example };
  for (const example of Object.values(node.examples ?? {})) {
    const resolved = deref(doc, example);
    if (isObject(resolved) && 'value' in resolved) return { found: true, value: resolved.value };
  }
  const schema = deref(doc, node.schema);
  if (isObject(schema)) {
    if (Array.isArray(schema.examples) && schema.examples.length > 0) {
      return { found: true, value: schema.examples[0] };
    }
    for (const key of ['example', 'default', 'const']) {
      if (key in schema) return { found: true, value: schema[key] };
    }
    if (Array.isArray(schema.enum) && schema.enum.length > 0)
      return { found: true, value: schema.enum[0] };
    const type = [schema.type].flat()[0];
    if (type in PLAIN_VALUES) return { found: true, value: PLAIN_VALUES[type] };
  }
  return { found: false };
}

/** A value of each primitive type, for a parameter nothing gives an example of. */
const PLAIN_VALUES = /** @type {Record<string, unknown>} */ ({
  integer: 1,
  number: 1,
  string: '1',
  boolean: true,
});

/** @param {string} text */
const encode = (text) => encodeURIComponent(text);

/** @param {unknown} value */
const scalar = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Query string pairs for one parameter value, after its style (form, deepObject,
 * spaceDelimited, pipeDelimited) and explode.
 * @param {Parameter} p
 * @param {unknown} value
 * @returns {string[]}
 */
function serializeQuery(p, value) {
  const style = p.style ?? 'form';
  const explode = p.explode ?? style === 'form';
  const name = encode(p.name);
  if (style === 'deepObject' && isObject(value)) {
    return Object.entries(value).map(
      ([k, v]) =>
        `${name}[${encode(k)}]=${encode(Array.isArray(v) ? v.map(scalar).join(',') : scalar(v))}`,
    );
  }
  if (Array.isArray(value)) {
    if (explode) return value.map((v) => `${name}=${encode(scalar(v))}`);
    const sep = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
    return [`${name}=${encode(value.map(scalar).join(sep))}`];
  }
  if (isObject(value)) {
    if (explode) return Object.entries(value).map(([k, v]) => `${encode(k)}=${encode(scalar(v))}`);
    return [`${name}=${encode(Object.entries(value).flat().map(scalar).join(','))}`];
  }
  return [`${name}=${encode(scalar(value))}`];
}

/**
 * A value of a JSON type the schema does not take, or undefined when none is sure.
 * @param {Record<string, any>} doc
 * @param {unknown} schemaNode
 */
function wrongTypeBody(doc, schemaNode) {
  const schema = deref(doc, schemaNode);
  if (!isObject(schema)) return undefined;
  /** @type {string[] | undefined} */
  let types;
  if (schema.type !== undefined) types = [schema.type].flat();
  else {
    const branches = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(branches)) {
      const branchTypes = branches.map((b) => deref(doc, b)?.type);
      if (branchTypes.every((t) => t !== undefined)) types = branchTypes.flat();
    }
  }
  if (!types) return undefined;
  if (!types.includes('array')) return [];
  if (!types.includes('object')) return {};
  if (!types.includes('string')) return 'not a body';
  return undefined;
}

/**
 * Every operation of a description with what its requests need.
 * @param {Record<string, any>} doc
 */
export function operationsOf(doc) {
  const out = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of METHODS) {
      const op = item?.[method];
      if (!isObject(op)) continue;
      /** @type {Map<string, Parameter>} */
      const params = new Map();
      for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const p = deref(doc, raw);
        params.set(`${p.in} ${p.name}`, p);
      }
      const security = op.security ?? doc.security ?? [];
      const schemes = security.flatMap((/** @type {Record<string, unknown>} */ req) =>
        Object.keys(req).map((name) => deref(doc, doc.components?.securitySchemes?.[name])),
      );
      out.push({
        path,
        method,
        operationId: String(op.operationId ?? `${method} ${path}`),
        parameters: [...params.values()],
        requestBody: deref(doc, op.requestBody),
        responses: /** @type {Record<string, any>} */ (op.responses ?? {}),
        schemes: schemes.filter(isObject),
      });
    }
  }
  return out;
}

/**
 * @typedef {ReturnType<typeof operationsOf>[number]} OperationInfo
 * @typedef {{ credential: boolean, body: 'example' | 'wrong-type' | 'not-json', prefer?: string }} Variant
 */

/**
 * The request of one variant; `valid` says whether the description accepts it.
 * @param {Record<string, any>} doc
 * @param {OperationInfo} op
 * @param {string} baseUrl
 * @param {string} credential
 * @param {Variant} variant
 * @returns {{ request: Request, recorded: RecordedRequest, valid: boolean } | undefined}
 *   undefined when the variant does not apply to the operation
 */
function buildRequest(doc, op, baseUrl, credential, variant) {
  let valid = true;
  let path = op.path;
  /** @type {string[]} */
  const query = [];
  /** @type {Record<string, string>} */
  const headers = {};
  /** @type {string[]} */
  const cookies = [];
  /** @type {string[]} */
  const secretCookies = [];
  /** @type {string[]} */
  const secretQuery = [];
  for (const p of op.parameters) {
    // Optional parameters are sent when the description gives them an example of their own.
    if (!p.required && !('example' in p) && !isObject(p.examples)) continue;
    const { found, value } = exampleOf(doc, p);
    if (!found) {
      if (p.required) valid = false;
      continue;
    }
    if (p.in === 'path') path = path.replaceAll(`{${p.name}}`, encode(scalar(value)));
    else if (p.in === 'query') query.push(...serializeQuery(p, value));
    else if (p.in === 'header')
      headers[p.name] = Array.isArray(value) ? value.map(scalar).join(',') : scalar(value);
    else if (p.in === 'cookie') cookies.push(`${p.name}=${encode(scalar(value))}`);
  }
  /** @type {Record<string, string>} */
  const secret = {};
  if (op.schemes.length === 0 && !variant.credential) return undefined;
  if (variant.credential) {
    for (const scheme of op.schemes) {
      if (scheme.type === 'apiKey' && scheme.in === 'header') secret[scheme.name] = credential;
      else if (scheme.type === 'apiKey' && scheme.in === 'query') secretQuery.push(scheme.name);
      else if (scheme.type === 'apiKey' && scheme.in === 'cookie') secretCookies.push(scheme.name);
      else if (scheme.type === 'http')
        secret.Authorization = `${scheme.scheme === 'basic' ? 'Basic' : 'Bearer'} ${credential}`;
    }
  } else {
    valid = false;
  }
  /** @param {string} value */
  const cookieHeader = (value) =>
    [...cookies, ...secretCookies.map((name) => `${name}=${encode(value)}`)].join('; ');
  if (cookies.length > 0 || secretCookies.length > 0) headers.Cookie = cookieHeader(credential);
  if (variant.prefer) headers.Prefer = variant.prefer;

  /** @type {string | null} */
  let body = null;
  const content = op.requestBody?.content;
  if (isObject(content)) {
    const [mediaType, media] = Object.entries(content)[0] ?? [];
    if (mediaType && isObject(media)) {
      headers['Content-Type'] = mediaType;
      const { found, value } = exampleOf(doc, media);
      if (variant.body === 'example') {
        if (found) body = JSON.stringify(value);
        else if (op.requestBody.required) valid = false;
      } else if (variant.body === 'wrong-type') {
        const wrong = wrongTypeBody(doc, media.schema);
        if (wrong === undefined) return undefined;
        body = JSON.stringify(wrong);
        valid = false;
      } else {
        body = '{"unterminated": ';
        valid = false;
      }
    }
  }
  if (variant.body !== 'example' && body === null) return undefined;

  /** @param {string} value */
  const url = (value) => {
    const all = [...query, ...secretQuery.map((name) => `${encode(name)}=${encode(value)}`)];
    return `${baseUrl}${path}${all.length > 0 ? `?${all.join('&')}` : ''}`;
  };
  const request = new Request(url(credential), {
    method: op.method.toUpperCase(),
    headers: { ...headers, ...secret },
    body,
  });
  const recorded = {
    method: op.method.toUpperCase(),
    url: url(REDACTED),
    headers: {
      ...headers,
      ...(headers.Cookie ? { Cookie: cookieHeader(REDACTED) } : {}),
      ...Object.fromEntries(Object.keys(secret).map((k) => [k, REDACTED])),
    },
    body,
  };
  return { request, recorded, valid };
}

/**
 * The `Prefer` headers that select every declared answer and each of its named examples.
 * @param {Record<string, any>} doc
 * @param {OperationInfo} op
 */
export function preferences(doc, op) {
  /** @type {string[]} */
  const out = [];
  for (const [key, raw] of Object.entries(op.responses)) {
    const exact = /^[1-5][0-9][0-9]$/.test(key);
    const response = deref(doc, raw);
    const names = Object.values(response?.content ?? {}).flatMap((media) =>
      Object.keys(/** @type {any} */ (media)?.examples ?? {}),
    );
    if (names.length === 0) {
      if (exact) out.push(`code=${key}`);
      continue;
    }
    for (const name of [...new Set(names)]) {
      out.push(exact ? `code=${key}, example=${name}` : `example=${name}`);
    }
  }
  return out;
}

/**
 * Whether an operation declares a 400 answer (or a 4XX range, or a default).
 * @param {OperationInfo} op
 */
export function declaresBadRequest(op) {
  return ['400', '4XX', '4xx', 'default'].some((key) => key in op.responses);
}

/**
 * @param {Request} request
 * @param {FetchLike} fetch
 * @returns {Promise<RecordedResponse>}
 */
async function answer(request, fetch) {
  const response = await fetch(request);
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: await response.text(),
  };
}

/**
 * Records the pairs of every operation.
 * @param {{ doc: Record<string, any>, createFetch: (mode: 'stateless' | 'stateful') => FetchLike,
 *   credential: string }} options
 * @returns {Promise<RecordedPair[]>}
 */
export async function recordPairs({ doc, createFetch, credential }) {
  const baseUrl = baseUrlOf(doc);
  const stateless = createFetch('stateless');
  /** @type {RecordedPair[]} */
  const pairs = [];
  for (const op of operationsOf(doc)) {
    /** @type {Array<[string, Variant, FetchLike]>} */
    const variants = [
      ['stateless', { credential: true, body: 'example' }, stateless],
      ...preferences(doc, op).map(
        (prefer) =>
          /** @type {[string, Variant, FetchLike]} */ ([
            `stateless, Prefer: ${prefer}`,
            { credential: true, body: 'example', prefer },
            stateless,
          ]),
      ),
      ['stateless, no credential', { credential: false, body: 'example' }, stateless],
      ['stateless, body of the wrong type', { credential: true, body: 'wrong-type' }, stateless],
      ...(declaresBadRequest(op)
        ? [
            /** @type {[string, Variant, FetchLike]} */ ([
              'stateless, body not JSON',
              { credential: true, body: 'not-json' },
              stateless,
            ]),
          ]
        : []),
      ['stateful', { credential: true, body: 'example' }, createFetch('stateful')],
    ];
    for (const [what, variant, fetch] of variants) {
      const built = buildRequest(doc, op, baseUrl, credential, variant);
      if (!built) continue;
      pairs.push({
        label: `${op.operationId} (${what})`,
        operationId: op.operationId,
        requestValid: built.valid,
        request: built.recorded,
        response: await answer(built.request, fetch),
      });
    }
  }
  return pairs;
}
