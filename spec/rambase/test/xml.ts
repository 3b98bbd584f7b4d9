import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Node } from './bundle.js';

/** An element of a parsed XML document: its name and its child elements, in order. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
}

type OrderedNode = Record<string, unknown>;

function toElements(nodes: OrderedNode[]): XmlElement[] {
  return nodes.flatMap((node) =>
    Object.entries(node)
      .filter(([key]) => key !== '#text' && key !== ':@' && !key.startsWith('?'))
      .map(([name, children]) => ({ name, children: toElements(children as OrderedNode[]) })),
  );
}

/**
 * The root element of an XML document. Throws, with fast-xml-parser's line and message, when
 * the text is not well-formed or has no single root element.
 */
export function parseXml(xml: string): XmlElement {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new Error(
      `not well-formed XML: ${verdict.err.msg} (line ${verdict.err.line}, column ${verdict.err.col})`,
    );
  }
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false });
  const roots = toElements(parser.parse(xml) as OrderedNode[]);
  const [root] = roots;
  if (roots.length !== 1 || !root)
    throw new Error(`not well-formed XML: one root element expected, found ${roots.length}`);
  return root;
}

/** Follows a schema's `$ref`s (the bundle's resolver). */
export type Resolve = (schema: unknown) => Node;

type Expected =
  | { kind: 'value'; schema: unknown }
  | { kind: 'item'; schema: unknown }
  | { kind: 'wrapper'; itemName: string; schema: unknown };

function xmlOf(node: unknown): Node {
  const xml = (node as Node | undefined)?.xml;
  return xml !== null && typeof xml === 'object' ? (xml as Node) : {};
}

function isArraySchema(schema: Node): boolean {
  return schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'));
}

/**
 * The element name of a schema used under `key`: its own `xml.name`, else that of the schema
 * it references, else the key (OpenAPI's default).
 */
function elementName(key: string, raw: unknown, resolve: Resolve): string {
  const own = xmlOf(raw).name;
  if (typeof own === 'string') return own;
  const referenced = xmlOf(resolve(raw)).name;
  return typeof referenced === 'string' ? referenced : key;
}

/** The child elements an object schema allows, by element name. */
function expectedChildren(schema: Node, resolve: Resolve): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(properties)) {
    const property = resolve(raw);
    if (isArraySchema(property)) {
      const itemName = elementName(key, property.items, resolve);
      if (xmlOf(raw).wrapped === true || xmlOf(property).wrapped === true) {
        out.set(elementName(key, raw, resolve), {
          kind: 'wrapper',
          itemName,
          schema: property.items,
        });
      } else {
        out.set(itemName, { kind: 'item', schema: property.items });
      }
    } else {
      out.set(elementName(key, raw, resolve), { kind: 'value', schema: raw });
    }
  }
  return out;
}

function check(
  element: XmlElement,
  schemaNode: unknown,
  where: string,
  resolve: Resolve,
): string[] {
  const schema = resolve(schemaNode);
  if (schema.properties === undefined) {
    return element.children.map(
      (child) => `${where}/${child.name}: <${element.name}> holds a value, not elements`,
    );
  }
  const expected = expectedChildren(schema, resolve);
  const seen = new Set<string>();
  return element.children.flatMap((child) => {
    const at = `${where}/${child.name}`;
    const rule = expected.get(child.name);
    if (!rule) {
      return [
        `${at}: no property of the schema has this xml name (expected one of ${[...expected.keys()].join(', ')})`,
      ];
    }
    if (rule.kind !== 'item' && seen.has(child.name)) {
      return [`${at}: repeated, but the schema does not describe a list here`];
    }
    seen.add(child.name);
    if (rule.kind !== 'wrapper') return check(child, rule.schema, at, resolve);
    return child.children.flatMap((item) =>
      item.name === rule.itemName
        ? check(item, rule.schema, `${at}/${item.name}`, resolve)
        : [`${at}/${item.name}: the list holds <${rule.itemName}> elements only`],
    );
  });
}

/**
 * What is wrong with an XML body against its schema's `xml` names: a root element other than
 * the schema's `xml.name`, or an element no property describes where it stands. Each problem
 * names the element's path. Throws when the XML is not well-formed.
 */
export function xmlNameProblems(xml: string, schema: unknown, resolve: Resolve): string[] {
  const root = parseXml(xml);
  const rootName = xmlOf(resolve(schema)).name;
  if (rootName !== root.name) {
    return [
      `/${root.name}: the root element should be <${String(rootName)}> (the schema's xml.name)`,
    ];
  }
  return check(root, schema, `/${root.name}`, resolve);
}
