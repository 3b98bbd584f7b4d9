import { isObject, type OperationModel, type ParameterModel, resolveSchema } from './openapi.js';

export interface ParsedParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  cookie: Record<string, unknown>;
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Splits a raw query string into decoded key/value pairs, keeping their order. */
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

function schemaTypes(doc: unknown, schema: unknown): { types: string[]; resolved: unknown } {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return { types: [], resolved };
  let types: string[] = [];
  if (typeof resolved.type === 'string') types = [resolved.type];
  else if (Array.isArray(resolved.type)) types = resolved.type.filter((t) => typeof t === 'string');
  else if (isObject(resolved.properties)) types = ['object'];
  else if (resolved.items !== undefined) types = ['array'];
  else {
    const branches = (resolved.oneOf ?? resolved.anyOf ?? resolved.allOf) as unknown;
    if (Array.isArray(branches)) {
      for (const branch of branches) types.push(...schemaTypes(doc, branch).types);
    }
  }
  return { types, resolved };
}

const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

/** Turns a string taken from a URL or header into the type its schema asks for, where it can. */
export function coerceScalar(doc: unknown, schema: unknown, value: string): unknown {
  const { types } = schemaTypes(doc, schema);
  if (types.length === 0 || types.includes('string')) return value;
  if ((types.includes('integer') || types.includes('number')) && NUMBER.test(value)) {
    return Number(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('null') && value === '') return null;
  return value;
}

function propertySchema(doc: unknown, schema: unknown, name: string): unknown {
  const resolved = resolveSchema(doc, schema);
  if (!isObject(resolved)) return undefined;
  if (isObject(resolved.properties) && name in resolved.properties) {
    return resolved.properties[name];
  }
  if (isObject(resolved.additionalProperties)) return resolved.additionalProperties;
  return undefined;
}

function itemsSchema(doc: unknown, schema: unknown): unknown {
  const resolved = resolveSchema(doc, schema);
  return isObject(resolved) ? resolved.items : undefined;
}

function coerceArray(doc: unknown, schema: unknown, values: string[]): unknown[] {
  const items = itemsSchema(doc, schema);
  return values.map((v) => coerceScalar(doc, items, v));
}

function splitter(style: string): string {
  if (style === 'spaceDelimited') return ' ';
  if (style === 'pipeDelimited') return '|';
  return ',';
}

function parseQueryParam(
  doc: unknown,
  param: ParameterModel,
  pairs: [string, string][],
): unknown | undefined {
  const { types } = schemaTypes(doc, param.schema);
  if (param.style === 'deepObject') {
    const prefix = `${param.name}[`;
    const result: Record<string, unknown> = {};
    let found = false;
    for (const [key, value] of pairs) {
      if (!key.startsWith(prefix) || !key.endsWith(']')) continue;
      const member = key.slice(prefix.length, -1);
      if (member.includes('[') || member.includes(']')) continue;
      found = true;
      const memberSchema = propertySchema(doc, param.schema, member);
      const memberTypes = schemaTypes(doc, memberSchema).types;
      if (memberTypes.includes('array')) {
        const previous = result[member];
        const list = Array.isArray(previous) ? previous : [];
        list.push(...coerceArray(doc, memberSchema, value.split(',')));
        result[member] = list;
      } else {
        result[member] = coerceScalar(doc, memberSchema, value);
      }
    }
    return found ? result : undefined;
  }
  const values = pairs.filter(([key]) => key === param.name).map(([, value]) => value);
  if (types.includes('object') && param.explode) {
    const resolved = resolveSchema(doc, param.schema);
    const known = isObject(resolved) && isObject(resolved.properties) ? resolved.properties : {};
    const result: Record<string, unknown> = {};
    let found = false;
    for (const [key, value] of pairs) {
      if (key in known) {
        result[key] = coerceScalar(doc, known[key], value);
        found = true;
      }
    }
    return found ? result : undefined;
  }
  if (values.length === 0) return undefined;
  if (types.includes('array')) {
    const parts = param.explode
      ? values
      : values.flatMap((v) => (v === '' ? [] : v.split(splitter(param.style))));
    return coerceArray(doc, param.schema, parts);
  }
  if (types.includes('object')) {
    const parts = (values[0] as string).split(',');
    const result: Record<string, unknown> = {};
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const key = parts[i] as string;
      result[key] = coerceScalar(
        doc,
        propertySchema(doc, param.schema, key),
        parts[i + 1] as string,
      );
    }
    return result;
  }
  return coerceScalar(doc, param.schema, values[0] as string);
}

function parseSimple(doc: unknown, param: ParameterModel, raw: string): unknown {
  const { types } = schemaTypes(doc, param.schema);
  if (types.includes('array'))
    return coerceArray(doc, param.schema, raw === '' ? [] : raw.split(','));
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
  entries: [string, string][],
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, raw] of entries) {
    const member = propertySchema(doc, schema, key);
    const { types } = schemaTypes(doc, member);
    if (types.includes('array')) {
      const list = Array.isArray(result[key]) ? (result[key] as unknown[]) : [];
      list.push(coerceScalar(doc, itemsSchema(doc, member), raw));
      result[key] = list;
    } else {
      result[key] = coerceScalar(doc, member, raw);
    }
  }
  return result;
}

/** Reads every declared parameter of an operation from a request, typed as its schema asks. */
export function parseParams(
  doc: unknown,
  op: OperationModel,
  pathValues: Record<string, string>,
  pairs: [string, string][],
  header: (name: string) => string | undefined,
): ParsedParams {
  const result: ParsedParams = { path: {}, query: {}, header: {}, cookie: {} };
  let cookies: Map<string, string> | undefined;
  for (const param of op.params) {
    let value: unknown;
    if (param.in === 'path') {
      const raw = pathValues[param.name];
      if (raw !== undefined) value = parseSimple(doc, param, raw);
    } else if (param.in === 'query') {
      value = parseQueryParam(doc, param, pairs);
    } else if (param.in === 'header') {
      const raw = header(param.name);
      if (raw !== undefined) value = parseSimple(doc, param, raw);
    } else {
      cookies ??= parseCookies(header('cookie'));
      const raw = cookies.get(param.name);
      if (raw !== undefined) value = parseSimple(doc, param, raw);
    }
    if (value !== undefined) result[param.in][param.name] = value;
  }
  return result;
}

/** The JSON Schema that the parsed parameters of an operation must satisfy. */
export function paramsSchema(op: OperationModel): Record<string, unknown> {
  const groups: Record<string, { properties: Record<string, unknown>; required: string[] }> = {
    path: { properties: {}, required: [] },
    query: { properties: {}, required: [] },
    header: { properties: {}, required: [] },
    cookie: { properties: {}, required: [] },
  };
  for (const param of op.params) {
    const group = groups[param.in];
    if (!group) continue;
    group.properties[param.name] = param.schema ?? {};
    if (param.required) group.required.push(param.name);
  }
  const properties: Record<string, unknown> = {};
  for (const [name, group] of Object.entries(groups)) {
    properties[name] = { type: 'object', properties: group.properties, required: group.required };
  }
  return { type: 'object', properties };
}
