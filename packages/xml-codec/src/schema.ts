import { XmlCodecError } from './errors.js';

/** The OpenAPI XML Object, with OpenAPI 3.2's `nodeType` for text content. */
export interface XmlObject {
  name?: string;
  namespace?: string;
  prefix?: string;
  attribute?: boolean;
  wrapped?: boolean;
  nodeType?: 'element' | 'attribute' | 'text' | 'cdata' | 'none';
}

/** The parts of an OpenAPI 3.1 Schema Object the codec reads; everything else is ignored. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema;
  unevaluatedProperties?: Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  xml?: XmlObject;
  [keyword: string]: unknown;
}
export type Schema = SchemaObject | boolean;

export type ScalarType = 'integer' | 'number' | 'boolean' | 'string';

export interface Namespace {
  prefix: string | undefined;
  uri: string | undefined;
}

export interface AttributeMember {
  key: string;
  node: 'attribute';
  name: string;
  shape: Shape;
  pointer: string;
}
export interface TextMember {
  key: string;
  node: 'text';
  shape: Shape;
  pointer: string;
}
export interface ElementMember {
  key: string;
  node: 'element';
  name: string;
  ns: Namespace;
  shape: Shape;
  pointer: string;
}
export interface ListMember {
  key: string;
  node: 'list';
  /** The wrapper element, or `undefined` when the items repeat directly in the parent. */
  wrapper: { name: string; ns: Namespace } | undefined;
  item: { name: string; ns: Namespace };
  items: Shape;
  pointer: string;
}
/** How one property of an object travels in XML. */
export type Member = AttributeMember | TextMember | ElementMember | ListMember;

export interface ObjectShape {
  members: Member[];
  /** What may appear beyond the members: nothing, anything, or values of one schema. */
  extra: 'closed' | 'open' | Shape;
  /** Members by the element that carries them (an unwrapped list by its item name). */
  byElement: Map<string, ElementMember | ListMember>;
  byAttribute: Map<string, AttributeMember>;
  text: TextMember | undefined;
}

export interface ArrayShape {
  items: Shape;
  /** The item element's name when the items' schema gives one. */
  itemName: string | undefined;
  itemNs: Namespace;
}

/**
 * A schema compiled for the codec: which JSON types it allows and, for objects and arrays, how
 * their parts map to XML. The parts of objects and arrays compile on first use, so recursive
 * schemas work. `any` stands for a schema that says nothing about the value (`{}`, `true`).
 */
export interface Shape {
  pointer: string;
  scalars: ScalarType[];
  nullable: boolean;
  any: boolean;
  isObject: boolean;
  isArray: boolean;
  object(): ObjectShape;
  array(): ArrayShape;
  /** The element name the schema gives itself: `xml.name`, else its component's name. */
  name: string | undefined;
  ns: Namespace;
}

const XML_NAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/;
const SCALARS: readonly ScalarType[] = ['integer', 'number', 'boolean', 'string'];

/** Keywords that say what kind of value a schema takes. */
export const STRUCTURAL = [
  '$ref',
  'type',
  'properties',
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'allOf',
  'oneOf',
  'anyOf',
  'enum',
  'const',
];

function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function qualified(ns: Namespace, local: string): string {
  return ns.prefix ? `${ns.prefix}:${local}` : local;
}

function checkName(name: string, pointer: string): string {
  if (!XML_NAME.test(name)) {
    throw new XmlCodecError(pointer, `"${name}" is not a valid XML element or attribute name`);
  }
  return name;
}

function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

interface Resolved {
  schema: Schema;
  pointer: string;
  /** The component a `$ref` led to, whose name a root element takes by default. */
  componentName: string | undefined;
}

/**
 * Compiles schemas of one document. `$ref`s are local JSON pointers (`#/…`) into it; the
 * keywords written beside a `$ref` win over its target's (an `xml` object key by key).
 */
export class SchemaCompiler {
  readonly #document: unknown;
  /** Schemas whose kind is being worked out, to stop `allOf: [{ $ref: self }]` loops. */
  readonly #building = new Set<unknown>();

  constructor(document: unknown) {
    this.#document = document;
  }

  #lookup(ref: string, pointer: string): unknown {
    if (!ref.startsWith('#')) {
      throw new XmlCodecError(pointer, `only local $refs are supported, not ${ref}`);
    }
    let node: unknown = this.#document;
    for (const token of ref.slice(1).split('/').slice(1).map(unescapeToken)) {
      node =
        typeof node === 'object' && node !== null && Object.hasOwn(node, token)
          ? (node as Record<string, unknown>)[token]
          : undefined;
      if (node === undefined) {
        throw new XmlCodecError(pointer, `$ref ${ref} does not resolve in the document`);
      }
    }
    if (typeof node !== 'boolean' && (typeof node !== 'object' || node === null)) {
      throw new XmlCodecError(pointer, `$ref ${ref} does not point to a schema`);
    }
    return node;
  }

  resolve(schema: Schema, pointer: string): Resolved {
    let current: Schema = schema;
    let at = pointer;
    let componentName: string | undefined;
    const seen = new Set<string>();
    const overrides: SchemaObject[] = [];
    while (typeof current === 'object' && typeof current.$ref === 'string') {
      const ref: string = current.$ref;
      if (seen.has(ref)) throw new XmlCodecError(at, `$ref ${ref} leads back to itself`);
      seen.add(ref);
      const { $ref: _ref, ...siblings } = current;
      if (Object.keys(siblings).length > 0) overrides.push(siblings);
      current = this.#lookup(ref, at) as Schema;
      at = ref;
      const component = /^#\/components\/schemas\/([^/]+)$/.exec(ref)?.[1];
      if (component !== undefined) componentName = unescapeToken(component);
    }
    if (typeof current === 'object') {
      for (const override of overrides.reverse()) {
        const xml: XmlObject | undefined = override.xml
          ? { ...current.xml, ...override.xml }
          : current.xml;
        current = { ...current, ...override, ...(xml ? { xml } : {}) };
      }
    }
    return { schema: current, pointer: at, componentName };
  }

  /** Compiles the schema found at `pointer`. */
  compile(schema: Schema, pointer: string): Shape {
    const resolved = this.resolve(schema, pointer);
    if (this.#building.has(resolved.schema)) {
      throw new XmlCodecError(
        pointer,
        'the schema contains itself through allOf/oneOf/anyOf with no object or array in between',
      );
    }
    this.#building.add(resolved.schema);
    try {
      return this.#build(resolved);
    } finally {
      this.#building.delete(resolved.schema);
    }
  }

  #build({ schema, pointer, componentName }: Resolved): Shape {
    const xml = typeof schema === 'object' ? (schema.xml ?? {}) : {};
    const ns: Namespace = { prefix: xml.prefix, uri: xml.namespace };
    let name: string | undefined;
    if (xml.name !== undefined) name = checkName(qualified(ns, xml.name), `${pointer}/xml/name`);
    else if (componentName !== undefined && XML_NAME.test(qualified(ns, componentName))) {
      name = qualified(ns, componentName);
    }
    if (typeof schema === 'boolean' || !STRUCTURAL.some((k) => k in schema)) {
      return anyShape(pointer, schema !== false, name, ns);
    }

    const types = declaredTypes(schema);
    const isObject =
      types.has('object') ||
      (types.size === 0 &&
        ['properties', 'additionalProperties', 'unevaluatedProperties'].some((k) => k in schema));
    const isArray = types.has('array') || (types.size === 0 && 'items' in schema);
    const own: Shape = {
      pointer,
      scalars: SCALARS.filter((t) => types.has(t)),
      nullable: types.has('null'),
      any: false,
      isObject,
      isArray,
      object: once(() => this.#objectShape(schema, pointer)),
      array: once(() => {
        const items = this.compile(schema.items ?? true, `${pointer}/items`);
        return { items, itemName: items.name, itemNs: items.ns };
      }),
      name,
      ns,
    };
    const branches = (['allOf', 'oneOf', 'anyOf'] as const).flatMap((keyword) =>
      (schema[keyword] ?? []).map((s, i) => this.compile(s, `${pointer}/${keyword}/${i}`)),
    );
    if (branches.length === 0) return own;
    const declares = types.size > 0 || isObject || isArray;
    return unionShape(declares ? [own, ...branches] : branches, pointer, name, ns);
  }

  #objectShape(schema: SchemaObject, pointer: string): ObjectShape {
    const members = Object.entries(schema.properties ?? {}).map(([key, sub]) =>
      this.#member(key, sub, `${pointer}/properties/${escapeToken(key)}`),
    );
    const keyword =
      'additionalProperties' in schema ? 'additionalProperties' : 'unevaluatedProperties';
    const extraSchema = schema[keyword];
    let extra: ObjectShape['extra'] = 'open';
    if (extraSchema === false) extra = 'closed';
    else if (extraSchema !== undefined && extraSchema !== true) {
      const shape = this.compile(extraSchema, `${pointer}/${keyword}`);
      if (!shape.any) extra = shape;
    }
    return indexMembers(members, extra);
  }

  #member(key: string, sub: Schema, pointer: string): Member {
    const { schema } = this.resolve(sub, pointer);
    const xml = typeof schema === 'object' ? (schema.xml ?? {}) : {};
    const node = xml.nodeType ?? (xml.attribute ? 'attribute' : 'element');
    const ns: Namespace = { prefix: xml.prefix, uri: xml.namespace };
    const shape = this.compile(sub, pointer);
    const name = qualified(ns, xml.name ?? key);
    if (node === 'attribute' || node === 'text' || node === 'cdata') {
      if (shape.isObject || shape.isArray) {
        const what = node === 'attribute' ? 'an attribute' : 'text content';
        throw new XmlCodecError(pointer, `property "${key}" is ${what}, so it must be a scalar`);
      }
      return node === 'attribute'
        ? { key, node, name: checkName(name, pointer), shape, pointer }
        : { key, node: 'text', shape, pointer };
    }
    if (node === 'none') {
      throw new XmlCodecError(pointer, `xml.nodeType "none" is not supported (property "${key}")`);
    }
    if (shape.isArray && !shape.isObject && shape.scalars.length === 0 && !shape.any) {
      const { items, itemName, itemNs } = shape.array();
      if (xml.wrapped === true) {
        // Wrapped: the array's own name is the wrapper's; each item is named by the items'
        // xml.name, else by the property.
        return {
          key,
          node: 'list',
          wrapper: { name: checkName(name, pointer), ns },
          item: { name: checkName(itemName ?? key, `${pointer}/items`), ns: itemNs },
          items,
          pointer,
        };
      }
      // Unwrapped: the array's own xml.name is ignored, as OpenAPI says; each item is named by
      // the items' xml.name, else by the property.
      return {
        key,
        node: 'list',
        wrapper: undefined,
        item: {
          name: checkName(itemName ?? qualified(itemNs, key), `${pointer}/items`),
          ns: itemNs,
        },
        items,
        pointer,
      };
    }
    return { key, node: 'element', name: checkName(name, pointer), ns, shape, pointer };
  }
}

function anyShape(
  pointer: string,
  allowed: boolean,
  name: string | undefined,
  ns: Namespace,
): Shape {
  const none = () => {
    throw new XmlCodecError(pointer, 'the schema describes no object or array');
  };
  return {
    pointer,
    scalars: [],
    nullable: allowed,
    any: allowed,
    isObject: false,
    isArray: false,
    object: none,
    array: none,
    name,
    ns,
  };
}

function declaredTypes(schema: SchemaObject): Set<string> {
  const types = new Set<string>(
    Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [],
  );
  if (types.size === 0) {
    for (const value of schema.enum ?? ('const' in schema ? [schema.const] : [])) {
      if (value === null) types.add('null');
      else if (typeof value === 'number') types.add(Number.isInteger(value) ? 'integer' : 'number');
      else if (typeof value === 'boolean' || typeof value === 'string') types.add(typeof value);
      else types.add(Array.isArray(value) ? 'array' : 'object');
    }
  }
  return types;
}

function indexMembers(members: Member[], extra: ObjectShape['extra']): ObjectShape {
  const byElement = new Map<string, ElementMember | ListMember>();
  const byAttribute = new Map<string, AttributeMember>();
  let text: TextMember | undefined;
  for (const member of members) {
    const clash = (other: Member | undefined, what: string) => {
      if (other) {
        throw new XmlCodecError(
          member.pointer,
          `properties "${other.key}" and "${member.key}" both map to ${what}`,
        );
      }
    };
    if (member.node === 'attribute') {
      clash(byAttribute.get(member.name), `attribute "${member.name}"`);
      byAttribute.set(member.name, member);
    } else if (member.node === 'text') {
      clash(text, 'the text content');
      text = member;
    } else {
      const name =
        member.node === 'list' ? (member.wrapper?.name ?? member.item.name) : member.name;
      clash(byElement.get(name), `element <${name}>`);
      byElement.set(name, member);
    }
  }
  if (text && byElement.size > 0) {
    throw new XmlCodecError(
      text.pointer,
      `property "${text.key}" is text content, which cannot sit beside child elements (mixed content is not supported)`,
    );
  }
  return { members, extra, byElement, byAttribute, text };
}

/**
 * The union of several shapes, for `allOf`, `oneOf` and `anyOf` alike: every type any branch
 * allows, and an object with every branch's properties. Which branch a value satisfies is the
 * validator's question, not the codec's.
 */
function unionShape(
  shapes: Shape[],
  pointer: string,
  name: string | undefined,
  ns: Namespace,
): Shape {
  const objects = shapes.filter((s) => s.isObject);
  const arrays = shapes.filter((s) => s.isArray);
  const any = shapes.some((s) => s.any);
  return {
    pointer,
    scalars: SCALARS.filter((t) => shapes.some((s) => s.scalars.includes(t))),
    nullable: shapes.some((s) => s.nullable),
    any,
    isObject: objects.length > 0,
    isArray: arrays.length > 0,
    object: once(() => {
      const members: Member[] = [];
      const keys = new Set<string>();
      let extra: ObjectShape['extra'] = 'closed';
      for (const o of objects.map((s) => s.object())) {
        for (const m of o.members.filter((m) => !keys.has(m.key))) {
          keys.add(m.key);
          members.push(m);
        }
        if (extra !== 'open' && o.extra !== 'closed') extra = o.extra;
      }
      return indexMembers(members, extra);
    }),
    array: once(() => {
      const parts = arrays.map((s) => s.array());
      const named = parts.find((a) => a.itemName !== undefined);
      const items =
        parts.length === 1
          ? (parts[0] as ArrayShape).items
          : unionShape(
              parts.map((a) => a.items),
              `${pointer}/items`,
              named?.itemName,
              named?.itemNs ?? ns,
            );
      return { items, itemName: named?.itemName, itemNs: named?.itemNs ?? ns };
    }),
    name: name ?? shapes.find((s) => s.name !== undefined)?.name,
    ns,
  };
}
