/**
 * An independent check of a mock's answers against an OpenAPI document, for the tests.
 * It stays apart from `@proseapi/openapi-model` on purpose: it walks the raw document
 * itself and compiles its own Ajv validators, so that a mistake in the model or the
 * engine cannot hide behind itself.
 */

import { type Schema, XmlCodec } from '@proseapi/xml-codec';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** Statuses the mock may send although an operation does not declare them (HTTP-level refusals). */
const TRANSPORT_STATUSES = new Set([400, 401, 403, 404, 405, 413, 415, 422]);

const ID = 'oracle-spec.json';

const XML = /^(?:application|text)\/(?:[^;]*\+)?xml$/;

/** Whether a declared media type (`*\/*`, `text/*` or a full one) covers the one sent. */
function covers(declared: string, sent: string): boolean {
  if (declared === sent || declared === '*/*') return true;
  return declared.endsWith('/*') && sent.startsWith(declared.slice(0, -1));
}

function esc(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function follow(doc: Json, value: unknown, pointer: string): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  while (isObject(current) && typeof current.$ref === 'string') {
    at = current.$ref;
    current = at
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, part) =>
          isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined,
        doc,
      );
  }
  return { value: current, pointer: at };
}

export interface Answer {
  method: string;
  /** The request's path (no query). */
  path: string;
  status: number;
  contentType: string | null;
  body: string;
  injected?: boolean;
}

export interface Oracle {
  /** Problems of an answer; empty when it keeps to the document. */
  check(answer: Answer): string[];
  /** The document's path template a request path falls on (literal segments preferred). */
  template(path: string): string | undefined;
  /** Problems of a value against the schema of a declared response (JSON media type). */
  checkValue(method: string, template: string, status: string, value: unknown): string[];
}

export function createOracle(doc: Json): Oracle {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) {
    if (!ajv.formats[f]) ajv.addFormat(f, true);
  }
  ajv.addSchema({ ...doc, $id: ID }, ID);
  const compiled = new Map<string, ValidateFunction>();
  const compile = (pointer: string) => {
    let fn = compiled.get(pointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `${ID}${pointer}` });
      compiled.set(pointer, fn);
    }
    return fn;
  };

  const paths = isObject(doc.paths) ? doc.paths : {};
  const responsesOf = (method: string, template: string) => {
    const item = follow(doc, paths[template], `#/paths/${esc(template)}`);
    if (!isObject(item.value)) return undefined;
    const op = item.value[method.toLowerCase()];
    if (!isObject(op) || !isObject(op.responses)) return undefined;
    return {
      responses: op.responses,
      pointer: `${item.pointer}/${method.toLowerCase()}/responses`,
    };
  };
  const contentOf = (responses: Json, pointer: string, key: string) => {
    const response = follow(doc, responses[key], `${pointer}/${esc(key)}`);
    if (!isObject(response.value)) return undefined;
    const content = isObject(response.value.content) ? response.value.content : {};
    return { content, pointer: `${response.pointer}/content` };
  };
  // Error schema used when the answer's status is not declared: the first declared 4xx of the operation,
  // or the first one anywhere in the document.
  const errorPointer = (found: ReturnType<typeof responsesOf>): string | undefined => {
    const candidates: { responses: Json; pointer: string }[] = [];
    if (found) candidates.push(found);
    for (const template of Object.keys(paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
        const other = responsesOf(method, template);
        if (other) candidates.push(other);
      }
    }
    for (const { responses, pointer } of candidates) {
      for (const key of Object.keys(responses)) {
        if (!key.startsWith('4')) continue;
        const content = contentOf(responses, pointer, key);
        const media = content && Object.keys(content.content)[0];
        if (content && media) return `${content.pointer}/${esc(media)}/schema`;
      }
    }
    return undefined;
  };

  const validateJson = (pointer: string, body: string): string[] => {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`body is not JSON: ${body.slice(0, 80)}`];
    }
    const fn = compile(pointer);
    if (fn(value)) return [];
    return [`body does not match ${pointer}: ${ajv.errorsText(fn.errors)} — ${body.slice(0, 300)}`];
  };

  // XML is read into the value its schema describes (the schema's `xml` objects), then checked.
  const xml = new XmlCodec({ document: doc });
  const validateXml = (pointer: string, schema: unknown, body: string): string[] => {
    let value: unknown;
    try {
      value = xml.decode(body, schema as Schema);
    } catch (error) {
      return [`body is not XML of ${pointer}: ${(error as Error).message}`];
    }
    const fn = compile(pointer);
    if (fn(value)) return [];
    return [`body does not match ${pointer}: ${ajv.errorsText(fn.errors)} — ${body.slice(0, 300)}`];
  };

  const matchers = Object.keys(paths).map((template) => {
    const parts = template.split('/').slice(1);
    const literal = parts.filter((p) => !p.startsWith('{')).length;
    const source = parts
      .map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { template, literal, regex: new RegExp(`^/${source}/?$`) };
  });
  matchers.sort((a, b) => b.literal - a.literal);
  // Paths are relative to the first server URL's path (`https://host/v2` → `/v2`).
  const server = Array.isArray(doc.servers) && isObject(doc.servers[0]) ? doc.servers[0] : {};
  const variables = isObject(server.variables) ? server.variables : {};
  const serverUrl = String(server.url ?? '').replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const variable = variables[name];
    return isObject(variable) ? String(variable.default ?? '') : '';
  });
  const basePath = new URL(serverUrl || '/', 'http://placeholder.invalid').pathname.replace(
    /\/+$/,
    '',
  );
  const template = (path: string) => {
    const relative =
      basePath && path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
    return matchers.find((m) => m.regex.test(relative))?.template;
  };

  return {
    template,
    checkValue(method, template, status, value) {
      const found = responsesOf(method, template);
      const content = found && contentOf(found.responses, found.pointer, status);
      const media = content && Object.keys(content.content)[0];
      if (!content || !media) return [`${method} ${template} declares no body for ${status}`];
      return validateJson(`${content.pointer}/${esc(media)}/schema`, JSON.stringify(value));
    },
    check(answer) {
      const matched = template(answer.path);
      const found = matched ? responsesOf(answer.method, matched) : undefined;
      const media = (answer.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!found || answer.injected) {
        if (!found && !answer.injected && answer.status !== 404 && answer.status !== 405) {
          return [`status ${answer.status} for a request that matched no operation`];
        }
        const pointer = errorPointer(found);
        return pointer ? validateJson(pointer, answer.body) : [];
      }
      const code = String(answer.status);
      const key = [code, `${code[0]}XX`, `${code[0]}xx`, 'default'].find(
        (k) => k in found.responses,
      );
      if (!key) {
        if (!TRANSPORT_STATUSES.has(answer.status)) {
          return [`status ${answer.status} is not declared by ${answer.method} ${matched}`];
        }
        const pointer = errorPointer(found);
        return pointer ? validateJson(pointer, answer.body) : [];
      }
      const content = contentOf(found.responses, found.pointer, key);
      const declared = content ? Object.keys(content.content) : [];
      if (declared.length === 0) {
        return answer.body === '' ? [] : [`status ${code} declares no body but one was sent`];
      }
      const matching =
        declared.find((d) => d.toLowerCase() === media) ??
        declared.find((d) => covers(d.toLowerCase(), media));
      if (!matching)
        return [`content type ${media || '(none)'} is not one of ${declared.join(', ')}`];
      const schemaHolder = (content as { content: Json }).content[matching];
      if (!isObject(schemaHolder) || schemaHolder.schema === undefined) return [];
      const pointer = `${(content as { pointer: string }).pointer}/${esc(matching)}/schema`;
      if (XML.test(media)) return validateXml(pointer, schemaHolder.schema, answer.body);
      if (media.startsWith('text/')) {
        // A text body is the string value itself.
        const fn = compile(pointer);
        return fn(answer.body)
          ? []
          : [`text body does not match ${pointer}: ${ajv.errorsText(fn.errors)}`];
      }
      if (!/^application\/(?:json|[^;]*\+json)$/.test(media)) return [];
      return validateJson(pointer, answer.body);
    },
  };
}
