/**
 * A schema read along a value: which schema nodes of the document apply at each place of the
 * value (references followed, `allOf` opened, the `oneOf`/`anyOf` branches the value can
 * take), with the JSON pointer of each node, and the members of the value that no schema
 * there names. For tools that judge real traffic against a description.
 */
import { isObject, type JsonObject } from './json.js';
import { pointerGet } from './pointer.js';
import { schemaTypes } from './schema.js';

/** One schema node of the document and where it lives. */
export interface SchemaNode {
  /** JSON pointer of the node (`#/components/schemas/Note/properties/id`). */
  pointer: string;
  node: JsonObject | boolean;
}

/** The schemas that apply at one place of a value. */
export interface SchemaPlace {
  /** The nodes that apply to the value there. */
  nodes: SchemaNode[];
  /** Every node passed from the root schema to there, outermost first, `nodes` included. */
  way: SchemaNode[];
}

/** A member of an object that no schema applying to the object names. */
export interface UndeclaredMember {
  /** The member's place in the value, as pointer segments (array indices as numbers). */
  path: (string | number)[];
  /** The first schema at the object that names members: where this one would be declared. */
  holder: SchemaNode;
  /** Every node passed from the root schema to the object. */
  way: SchemaNode[];
}

/** The JSON type of a value, in JSON Schema's words. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function takes(types: string[], type: string): boolean {
  return types.includes(type) || (type === 'integer' && types.includes('number'));
}

const escapeSegment = (segment: string) =>
  segment.includes('~') || segment.includes('/')
    ? segment.replace(/~/g, '~0').replace(/\//g, '~1')
    : segment;
const child = (pointer: string, ...segments: string[]) => {
  let out = pointer;
  for (const segment of segments) out += `/${escapeSegment(segment)}`;
  return out;
};

/**
 * The applicable nodes of schemas with no `oneOf`/`anyOf` on the way, which do not depend on
 * the value: by document, then by schema node and pointer.
 */
const fixedNodes = new WeakMap<object, WeakMap<object, Map<string, SchemaNode[]>>>();

/**
 * The nodes that apply to a value under a schema: the schema itself, the targets of its
 * `$ref`s, the members of `allOf`, and the branches of `oneOf`/`anyOf` the value can take
 * (by type, then by required members; all of them when none fits or no value is given).
 */
export function applicableNodes(
  doc: unknown,
  schema: unknown,
  pointer: string,
  value?: { value: unknown },
): SchemaNode[] {
  const byNode = isObject(doc) && isObject(schema) ? fixedNodes.get(doc) : undefined;
  const known = byNode?.get(schema as object)?.get(pointer);
  if (known) return known.slice();
  const out: SchemaNode[] = [];
  const seen = new Set<string>();
  let branches = false;
  const visit = (raw: unknown, at: string) => {
    if (typeof raw === 'boolean') {
      out.push({ pointer: at, node: raw });
      return;
    }
    if (!isObject(raw) || seen.has(at) || out.length > 256) return;
    seen.add(at);
    out.push({ pointer: at, node: raw });
    if (typeof raw.$ref === 'string' && raw.$ref.startsWith('#')) {
      visit(pointerGet(doc, raw.$ref), raw.$ref);
    }
    if (Array.isArray(raw.allOf)) {
      raw.allOf.forEach((s, i) => {
        visit(s, child(at, 'allOf', String(i)));
      });
    }
    for (const key of ['oneOf', 'anyOf'] as const) {
      const list = raw[key];
      if (!Array.isArray(list)) continue;
      branches = true;
      let chosen = list.map((s, i) => ({ s, i }));
      if (value) {
        const type = jsonType(value.value);
        const byType = chosen.filter(({ s }) => {
          const types = schemaTypes(doc, s);
          return types.length === 0 || takes(types, type);
        });
        const members = isObject(value.value) ? value.value : undefined;
        const byRequired = members
          ? byType.filter(({ s }) =>
              applicableNodes(doc, s, '#').every(
                ({ node }) =>
                  !isObject(node) ||
                  !Array.isArray(node.required) ||
                  node.required.every((name) => typeof name !== 'string' || name in members),
              ),
            )
          : byType;
        chosen = byRequired.length > 0 ? byRequired : byType.length > 0 ? byType : chosen;
      }
      for (const { s, i } of chosen) visit(s, child(at, key, String(i)));
    }
  };
  visit(schema, pointer);
  if (!branches && isObject(doc) && isObject(schema)) {
    const nodes = fixedNodes.get(doc) ?? new WeakMap<object, Map<string, SchemaNode[]>>();
    fixedNodes.set(doc, nodes);
    const byPointer = nodes.get(schema) ?? new Map<string, SchemaNode[]>();
    nodes.set(schema, byPointer);
    byPointer.set(pointer, out.slice());
  }
  return out;
}

/** Regular expressions of `patternProperties`, compiled once; `undefined` for an invalid one. */
const patterns = new Map<string, RegExp | undefined>();
function pattern(source: string): RegExp | undefined {
  if (!patterns.has(source)) {
    let compiled: RegExp | undefined;
    try {
      compiled = new RegExp(source, 'u');
    } catch {}
    patterns.set(source, compiled);
  }
  return patterns.get(source);
}

/** Whether any of these nodes names a member (as `stepInto` would find a schema for it). */
function names(nodes: SchemaNode[], name: string): boolean {
  for (const { node } of nodes) {
    if (!isObject(node)) continue;
    if (isObject(node.properties) && Object.hasOwn(node.properties, name)) return true;
    if (isObject(node.patternProperties)) {
      for (const source of Object.keys(node.patternProperties)) {
        if (pattern(source)?.test(name)) return true;
      }
    }
    if (isObject(node.additionalProperties) || node.additionalProperties === true) return true;
  }
  return false;
}

/** The nodes one step down: a member of an object (by name) or an item of an array (by index). */
function stepInto(nodes: SchemaNode[], segment: string | number): SchemaNode[] {
  const next: SchemaNode[] = [];
  for (const { pointer, node } of nodes) {
    if (!isObject(node)) continue;
    if (typeof segment === 'number') {
      if (Array.isArray(node.prefixItems) && segment < node.prefixItems.length) {
        next.push({
          pointer: child(pointer, 'prefixItems', String(segment)),
          node: node.prefixItems[segment] as JsonObject,
        });
      } else if (isObject(node.items) || typeof node.items === 'boolean') {
        next.push({ pointer: child(pointer, 'items'), node: node.items });
      }
      continue;
    }
    if (isObject(node.properties) && Object.hasOwn(node.properties, segment)) {
      next.push({
        pointer: child(pointer, 'properties', segment),
        node: node.properties[segment] as JsonObject,
      });
      continue;
    }
    let matched = false;
    if (isObject(node.patternProperties)) {
      for (const [source, schema] of Object.entries(node.patternProperties)) {
        if (pattern(source)?.test(segment)) {
          next.push({
            pointer: child(pointer, 'patternProperties', source),
            node: schema as JsonObject,
          });
          matched = true;
        }
      }
    }
    if (!matched && (isObject(node.additionalProperties) || node.additionalProperties === true)) {
      next.push({
        pointer: child(pointer, 'additionalProperties'),
        node: node.additionalProperties as JsonObject,
      });
    }
  }
  return next;
}

/**
 * The schemas that apply at a place of a value (given as pointer segments), and the nodes
 * passed on the way there. With the value at hand, `oneOf`/`anyOf` branches it cannot take
 * are left out.
 */
export function schemaAt(
  doc: unknown,
  schema: unknown,
  pointer: string,
  path: readonly (string | number)[],
  root?: { value: unknown },
): SchemaPlace {
  let current: unknown = root?.value;
  let nodes = applicableNodes(doc, schema, pointer, root);
  const way = [...nodes];
  for (const raw of path) {
    // An index where the value is an array, or where the pointer writes one (`*` or digits).
    const text = String(raw);
    const index =
      typeof raw === 'number' ||
      Array.isArray(current) ||
      (current === undefined && (text === '*' || /^\d+$/.test(text)));
    const segment = index ? (text === '*' ? 0 : Number(text)) : text;
    current =
      isObject(current) || Array.isArray(current)
        ? (current as Record<string | number, unknown>)[segment]
        : undefined;
    const here = root && current !== undefined ? { value: current } : undefined;
    let next = stepInto(nodes, segment);
    if (next.length === 0 && index && typeof raw === 'string' && text !== '*') {
      next = stepInto(nodes, text);
    }
    nodes = next.flatMap((n) => applicableNodes(doc, n.node, n.pointer, here));
    way.push(...nodes);
  }
  return { nodes, way };
}

/** Whether these nodes leave an object's members open on purpose (a map, or a free-form object). */
function openObject(nodes: SchemaNode[]): boolean {
  let names = false;
  for (const { node } of nodes) {
    if (node === true) continue;
    if (!isObject(node)) continue;
    if (isObject(node.properties)) names = true;
    const extra = node.additionalProperties;
    if (extra === true || isObject(extra)) return true;
    if (isObject(node.patternProperties) || isObject(node.unevaluatedProperties)) return true;
  }
  return !names;
}

/**
 * Members of a value that no schema applying to their object names, at any depth. Objects
 * whose schemas keep them open on purpose (`additionalProperties: true` or a schema, pattern
 * properties, or no named members at all) have none. Stops after `limit` objects and arrays.
 */
export function undeclaredMembers(
  doc: unknown,
  schema: unknown,
  pointer: string,
  value: unknown,
  limit = 20_000,
): UndeclaredMember[] {
  const found: UndeclaredMember[] = [];
  let budget = limit;
  // The nodes passed on the way, as a chain from the innermost step; spelt out only for a find.
  type Way = { nodes: SchemaNode[]; outer: Way | undefined };
  const spell = (way: Way): SchemaNode[] => {
    const steps: SchemaNode[][] = [];
    for (let at: Way | undefined = way; at; at = at.outer) steps.push(at.nodes);
    return steps.reverse().flat();
  };
  // Only objects and arrays hold members: a scalar needs no schema read.
  const holds = (member: unknown) => member !== null && typeof member === 'object';
  const walk = (nodes: SchemaNode[], current: unknown, path: (string | number)[], way: Way) => {
    if (--budget < 0 || nodes.length === 0) return;
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        if (!holds(item)) return;
        const next = stepInto(nodes, index).flatMap((n) =>
          applicableNodes(doc, n.node, n.pointer, { value: item }),
        );
        walk(next, item, [...path, index], { nodes: next, outer: way });
      });
      return;
    }
    if (!isObject(current)) return;
    const open = openObject(nodes);
    const holder = nodes.find((n) => isObject(n.node) && isObject(n.node.properties));
    for (const [name, member] of Object.entries(current)) {
      // A scalar needs only to be named; the schemas below it are not read.
      const next = holds(member) ? stepInto(nodes, name) : undefined;
      if (next ? next.length === 0 : !names(nodes, name)) {
        if (!open && holder) found.push({ path: [...path, name], holder, way: spell(way) });
        continue;
      }
      if (!next) continue;
      const applied = next.flatMap((n) =>
        applicableNodes(doc, n.node, n.pointer, { value: member }),
      );
      walk(applied, member, [...path, name], { nodes: applied, outer: way });
    }
  };
  const start = applicableNodes(doc, schema, pointer, { value });
  walk(start, value, [], { nodes: start, outer: undefined });
  return found;
}
