/**
 * Parameters on the wire, both ways: reading the values of an operation's parameters
 * from a request (query styles `form`, `deepObject`, `spaceDelimited`, `pipeDelimited`;
 * `simple` for path, header and cookie), typed after their schemas, and writing values
 * back as query pairs.
 */
import { isObject, setMember } from './json.js';
import type { OperationModel, ParameterModel } from './model.js';
import { itemsSchema, propertySchema, resolveSchema, schemaTypes } from './schema.js';

export interface ParsedParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  /** By lower-case header name. */
  header: Record<string, unknown>;
  cookie: Record<string, unknown>;
}

function decodeComponent(value: string): string {
  // Nothing encoded: the text as it is.
  if (!value.includes('%') && !value.includes('+')) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Splits a raw query string (no `?`) into decoded key/value pairs, keeping their order. */
export function parseQueryString(query: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (!query) return pairs;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(part.slice(eq + 1));
    pairs.push([key, value]);
  }
  return pairs;
}

/** Writes pairs as a query string (no `?`); brackets of `deepObject` names stay readable. */
export function formatQueryString(pairs: readonly (readonly [string, string])[]): string {
  const encode = (text: string) =>
    encodeURIComponent(text).replace(/%5B/gi, '[').replace(/%5D/gi, ']');
  return pairs.map(([key, value]) => `${encode(key)}=${encodeURIComponent(value)}`).join('&');
}

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

/** Turns a string taken from a URL or a header into the type its schema asks for, where it can. */
export function coerceScalar(doc: unknown, schema: unknown, value: string): unknown {
  const types = schemaTypes(doc, schema);
  if (types.length === 0 || types.includes('string')) return value;
  if ((types.includes('integer') || types.includes('number')) && NUMBER.test(value)) {
    return Number(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('null') && value === '') return null;
  return value;
}

function coerceArray(doc: unknown, schema: unknown, values: string[]): unknown[] {
  const items = itemsSchema(doc, schema);
  return values.map((v) => coerceScalar(doc, items, v));
}

function delimiter(style: string): string {
  if (style === 'spaceDelimited') return ' ';
  if (style === 'pipeDelimited') return '|';
  return ',';
}

/** The members of a `deepObject` family (`page[size]=2&page[number]=3`), typed after the schema. */
export function decodeDeepObject(
  doc: unknown,
  name: string,
  schema: unknown,
  pairs: readonly (readonly [string, string])[],
): Record<string, unknown> | undefined {
  const prefix = `${name}[`;
  const result: Record<string, unknown> = {};
  let found = false;
  for (const [key, value] of pairs) {
    if (!key.startsWith(prefix) || !key.endsWith(']')) continue;
    const member = key.slice(prefix.length, -1);
    if (member.includes('[') || member.includes(']')) continue;
    found = true;
    const memberSchema = propertySchema(doc, schema, member);
    if (schemaTypes(doc, memberSchema).includes('array')) {
      const previous = Object.hasOwn(result, member) ? result[member] : undefined;
      const list = Array.isArray(previous) ? previous : [];
      list.push(...coerceArray(doc, memberSchema, value.split(',')));
      setMember(result, member, list);
    } else {
      setMember(result, member, coerceScalar(doc, memberSchema, value));
    }
  }
  return found ? result : undefined;
}

function parseQueryParam(
  doc: unknown,
  param: ParameterModel,
  pairs: readonly (readonly [string, string])[],
): unknown {
  if (param.style === 'deepObject') return decodeDeepObject(doc, param.name, param.schema, pairs);
  const types = schemaTypes(doc, param.schema);
  if (types.includes('object') && param.explode) {
    const resolved = resolveSchema(doc, param.schema);
    const known = isObject(resolved) && isObject(resolved.properties) ? resolved.properties : {};
    const result: Record<string, unknown> = {};
    let found = false;
    for (const [key, value] of pairs) {
      if (Object.hasOwn(known, key)) {
        result[key] = coerceScalar(doc, known[key], value);
        found = true;
      }
    }
    return found ? result : undefined;
  }
  const values: string[] = [];
  for (const [key, value] of pairs) if (key === param.name) values.push(value);
  if (values.length === 0) return undefined;
  if (types.includes('array')) {
    const parts = param.explode
      ? values
      : values.flatMap((v) => (v === '' ? [] : v.split(delimiter(param.style))));
    return coerceArray(doc, param.schema, parts);
  }
  if (types.includes('object')) {
    const parts = (values[0] as string).split(',');
    const result: Record<string, unknown> = {};
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const key = parts[i] as string;
      setMember(
        result,
        key,
        coerceScalar(doc, propertySchema(doc, param.schema, key), parts[i + 1] as string),
      );
    }
    return result;
  }
  return coerceScalar(doc, param.schema, values[0] as string);
}

function parseSimple(doc: unknown, param: ParameterModel, raw: string): unknown {
  if (schemaTypes(doc, param.schema).includes('array')) {
    return coerceArray(doc, param.schema, raw === '' ? [] : raw.split(','));
  }
  return coerceScalar(doc, param.schema, raw);
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    cookies.set(part.slice(0, eq).trim(), decodeComponent(part.slice(eq + 1).trim()));
  }
  return cookies;
}

/**
 * The fields of a form body (urlencoded or multipart) as an object typed after the
 * body's schema; a field given several times becomes an array.
 */
export function formObject(
  doc: unknown,
  schema: unknown,
  entries: readonly (readonly [string, string])[],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    const member = propertySchema(doc, schema, key);
    if (schemaTypes(doc, member).includes('array')) {
      const previous = Object.hasOwn(result, key) ? result[key] : undefined;
      const list = Array.isArray(previous) ? previous : [];
      list.push(coerceScalar(doc, itemsSchema(doc, member), raw));
      setMember(result, key, list);
    } else {
      setMember(result, key, coerceScalar(doc, member, raw));
    }
  }
  return result;
}

/**
 * Reads every declared parameter of an operation from a request, typed as its schema
 * asks. `header` is called with lower-case names; headers are keyed lower-case.
 */
export function parseParams(
  doc: unknown,
  op: Pick<OperationModel, 'params'>,
  pathValues: Readonly<Record<string, string>>,
  pairs: readonly (readonly [string, string])[],
  header: (name: string) => string | undefined,
): ParsedParams {
  const result: ParsedParams = { path: {}, query: {}, header: {}, cookie: {} };
  let cookies: Map<string, string> | undefined;
  for (const param of op.params) {
    let value: unknown;
    let name = param.name;
    if (param.in === 'path') {
      const raw = pathValues[param.name];
      if (raw !== undefined) value = parseSimple(doc, param, raw);
    } else if (param.in === 'query') {
      value = parseQueryParam(doc, param, pairs);
    } else if (param.in === 'header') {
      name = param.name.toLowerCase();
      const raw = header(name);
      if (raw !== undefined) value = parseSimple(doc, param, raw);
    } else {
      cookies ??= parseCookies(header('cookie'));
      const raw = cookies.get(param.name);
      if (raw !== undefined) value = parseSimple(doc, param, raw);
    }
    if (value !== undefined) result[param.in][name] = value;
  }
  return result;
}

function scalarText(value: unknown): string {
  return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The query pairs (not yet percent-encoded) that carry a parameter's value in its style:
 * `page[size]=2` for `deepObject`, repeated names for exploded arrays, one joined value
 * otherwise.
 */
export function queryPairs(
  param: Pick<ParameterModel, 'name' | 'style' | 'explode'>,
  value: unknown,
): [string, string][] {
  if (value === undefined) return [];
  if (isObject(value)) {
    if (param.style === 'deepObject') {
      return Object.entries(value).map(([key, member]) => [
        `${param.name}[${key}]`,
        Array.isArray(member) ? member.map(scalarText).join(',') : scalarText(member),
      ]);
    }
    if (param.explode) {
      return Object.entries(value).map(([key, member]) => [key, scalarText(member)]);
    }
    return [
      [
        param.name,
        Object.entries(value)
          .flatMap(([key, member]) => [key, scalarText(member)])
          .join(','),
      ],
    ];
  }
  if (Array.isArray(value)) {
    if (param.explode) return value.map((item) => [param.name, scalarText(item)]);
    return [[param.name, value.map(scalarText).join(delimiter(param.style))]];
  }
  return [[param.name, scalarText(value)]];
}

/** A path, header or cookie value in the `simple` style (percent-encoding left to the caller). */
export function simpleValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(scalarText).join(',');
  if (isObject(value)) {
    return Object.entries(value)
      .flatMap(([key, member]) => [key, scalarText(member)])
      .join(',');
  }
  return scalarText(value);
}
