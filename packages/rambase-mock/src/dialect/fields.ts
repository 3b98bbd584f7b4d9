/**
 * `$expand` and `$select` on an object's fields, read from its schema: a field marked
 * `x-expand` is left out unless `$expand` names its path; `$select` keeps the fields it
 * names (dotted XML names, a group bringing its fields; case is ignored) and those `$expand`
 * adds. Nothing here lists a field: the schema says which ones exist and which expand.
 */
import { isObject, type JsonObject, resolveSchema } from '@proseapi/openapi-model';

/** One field of an object: its JSON key, its XML name, its `$expand` path, and its own fields. */
export interface FieldNode {
  key: string;
  name: string;
  expand: string | undefined;
  /** The fields of an object, or of each item of a list. */
  children: FieldNode[];
  /** The XML name of a list's items (`MessageParameter`), which a path may name too. */
  itemName: string | undefined;
}

const MAX_DEPTH = 12;

function xmlName(schema: unknown): string | undefined {
  return isObject(schema) && isObject(schema.xml) && typeof schema.xml.name === 'string'
    ? schema.xml.name
    : undefined;
}

/** The fields of an object schema, with the fields of their own objects and list items. */
export function fieldTree(doc: JsonObject, schema: unknown, depth = 0): FieldNode[] {
  const resolved = resolveSchema(doc, schema);
  if (depth > MAX_DEPTH || !isObject(resolved) || !isObject(resolved.properties)) return [];
  return Object.entries(resolved.properties).map(([key, raw]) => {
    const member = resolveSchema(doc, raw);
    const own = isObject(raw) ? raw : {};
    const expand = own['x-expand'] ?? (isObject(member) ? member['x-expand'] : undefined);
    const items = isObject(member) ? member.items : undefined;
    const itemSchema = items === undefined ? undefined : resolveSchema(doc, items);
    return {
      key,
      name: xmlName(own) ?? xmlName(member) ?? key,
      expand: typeof expand === 'string' ? expand : undefined,
      children: fieldTree(doc, items ?? raw, depth + 1),
      itemName: xmlName(isObject(items) ? items : undefined) ?? xmlName(itemSchema),
    };
  });
}

/** Every expandable field: its `$expand` path and the JSON keys that lead to it. */
export function expandable(tree: FieldNode[], prefix: string[] = []): [string, string[]][] {
  return tree.flatMap((node) => [
    ...(node.expand ? [[node.expand, [...prefix, node.key]] as [string, string[]]] : []),
    ...expandable(node.children, [...prefix, node.key]),
  ]);
}

/** The JSON keys a dotted name leads to, or `undefined` when no field has that name. */
export function fieldPath(tree: FieldNode[], dotted: string): string[] | undefined {
  const path: string[] = [];
  let level = tree;
  let last: FieldNode | undefined;
  for (const segment of dotted.split('.').map((s) => s.trim().toLowerCase())) {
    if (last?.itemName?.toLowerCase() === segment) continue;
    const node = level.find(
      (n) => n.name.toLowerCase() === segment || n.key.toLowerCase() === segment,
    );
    if (!node) return undefined;
    path.push(node.key);
    level = node.children;
    last = node;
  }
  return path.length > 0 ? path : undefined;
}

type Paths = string[][];

/** The value with only the members on the paths (a path that ends keeps all below it). */
function keep(value: unknown, paths: Paths): unknown {
  if (paths.some((p) => p.length === 0)) return value;
  if (Array.isArray(value)) return value.map((item) => keep(item, paths));
  if (!isObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    const below = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    if (below.length > 0) result[key] = keep(member, below);
  }
  return result;
}

/** The value without the members on the paths (in every item of a list on the way). */
function drop(value: unknown, paths: Paths): unknown {
  if (Array.isArray(value)) return value.map((item) => drop(item, paths));
  if (!isObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    const below = paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    if (below.some((p) => p.length === 0)) continue;
    result[key] = below.length > 0 ? drop(member, below) : member;
  }
  return result;
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isObject(current) ? current[key] : undefined;
  return current;
}

/** A copy of `target` with `value` at `path`, the objects on the way made where missing. */
function withValue(target: JsonObject, path: readonly string[], value: unknown): JsonObject {
  const [head, ...rest] = path as [string, ...string[]];
  const copy = { ...target };
  const child = isObject(copy[head]) ? (copy[head] as JsonObject) : {};
  copy[head] = rest.length === 0 ? value : withValue(child, rest, value);
  return copy;
}

/** What a request asks of an object's fields. */
export interface FieldRequest {
  /** `$expand` paths, as sent. */
  expand: readonly string[];
  /** `$select` names, as sent (`undefined`: every field). */
  select: readonly string[] | undefined;
}

/** The first `$select` name no field has, if any. */
export function unknownSelection(tree: FieldNode[], select: readonly string[]): string | undefined {
  return select.find((name) => name.trim() !== '' && fieldPath(tree, name) === undefined);
}

/**
 * One object's fields as the request asks for them. `fuller` are other copies of the same
 * object (the description's examples) that an expanded field may be taken from when the
 * object itself lacks it.
 */
export function shapeFields(
  tree: FieldNode[],
  fields: JsonObject,
  request: FieldRequest,
  fuller: readonly JsonObject[] = [],
): JsonObject {
  const asked = new Set(request.expand.map((p) => p.trim().toLowerCase()));
  const all = expandable(tree);
  const expanded = all.filter(([path]) => asked.has(path.toLowerCase())).map(([, keys]) => keys);
  const hidden = all.filter(([path]) => !asked.has(path.toLowerCase())).map(([, keys]) => keys);
  let value = fields;
  for (const keys of expanded) {
    if (valueAt(value, keys) !== undefined) continue;
    const found = fuller.map((other) => valueAt(other, keys)).find((v) => v !== undefined);
    if (found !== undefined) value = withValue(value, keys, structuredClone(found));
  }
  value = drop(value, hidden) as JsonObject;
  if (request.select === undefined) return value;
  const selected = request.select
    .map((name) => fieldPath(tree, name))
    .filter((path): path is string[] => path !== undefined);
  return keep(value, [...selected, ...expanded]) as JsonObject;
}
