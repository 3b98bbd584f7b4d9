import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { XmlCodecError } from './errors.js';

/**
 * The codec's own view of an XML element: its name as written (with its prefix), its
 * attributes, and its content in document order. Comments, processing instructions and the
 * declaration are gone; CDATA sections are text.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

/** The five entities XML defines; numeric character references are decoded as well. */
const XML_ENTITIES = { amp: '&', apos: "'", gt: '>', lt: '<', quot: '"' };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // The parser takes a map of named entities here (its type declaration only says boolean):
  // XML's five, with numeric character references decoded, and no HTML names.
  htmlEntities: XML_ENTITIES as unknown as boolean,
  // Element names such as `valueOf` are kept as written; the codec never assigns them onto
  // plain objects by reading them back as properties.
  onDangerousProperty: (name: string) => name,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNodes(raw: unknown): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of Array.isArray(raw) ? (raw as OrderedNode[]) : []) {
    for (const key of Object.keys(node)) {
      if (key === ':@' || key.startsWith('?')) continue;
      const value = node[key];
      if (key === '#text') {
        out.push(String(value));
        continue;
      }
      const attributes: Record<string, string> = {};
      const rawAttributes = node[':@'];
      if (isRecord(rawAttributes)) {
        for (const [name, attr] of Object.entries(rawAttributes)) {
          Object.defineProperty(attributes, name, {
            value: String(attr),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      out.push({ name: key, attributes, children: toNodes(value) });
    }
  }
  return out;
}

/**
 * Reads an XML document into its root element. Malformed XML is reported with its line and
 * column; a document must have exactly one root element and nothing but whitespace beside it.
 */
export function parseXml(xml: string): XmlElement {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    throw new XmlCodecError('', `not well-formed XML: ${verdict.err.msg}`, {
      line: verdict.err.line,
      column: verdict.err.col,
    });
  }
  let nodes: XmlNode[];
  try {
    nodes = toNodes(parser.parse(xml));
  } catch (error) {
    throw new XmlCodecError('', `XML could not be read: ${(error as Error).message}`);
  }
  const roots = nodes.filter((n): n is XmlElement => typeof n !== 'string');
  const stray = nodes.find((n) => typeof n === 'string' && n.trim() !== '');
  if (roots.length !== 1 || stray !== undefined) {
    throw new XmlCodecError(
      '',
      `a document has exactly one root element and no text beside it; found ${roots.length} root element(s)${stray === undefined ? '' : ' and text'}`,
    );
  }
  return roots[0] as XmlElement;
}

/** Characters XML 1.0 cannot carry at all, not even as character references. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Throws when a string holds a character XML 1.0 cannot carry. */
export function assertXmlChars(value: string, path: string): void {
  const bad = NOT_XML_CHAR.exec(value);
  if (bad) {
    const code = bad[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    throw new XmlCodecError(path, `U+${code} cannot be written in XML 1.0`);
  }
}

/**
 * Escapes text content. The builder is told not to touch entities, so every escape happens
 * here, including the carriage return a parser would otherwise turn into a line feed.
 */
function escapeText(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;');
}

/** Escapes an attribute value, including the whitespace a parser would normalize to spaces. */
function escapeAttribute(value: string): string {
  return escapeText(value)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;');
}

function toOrdered(element: XmlElement): OrderedNode {
  const node: OrderedNode = {};
  Object.defineProperty(node, element.name, {
    value: element.children.map((child) =>
      typeof child === 'string' ? { '#text': escapeText(child) } : toOrdered(child),
    ),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  const attributes = Object.entries(element.attributes);
  if (attributes.length > 0) {
    const escaped: Record<string, string> = {};
    for (const [name, value] of attributes) {
      Object.defineProperty(escaped, name, {
        value: escapeAttribute(value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    node[':@'] = escaped;
  }
  return node;
}

export interface WriteOptions {
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first. */
  declaration: boolean;
  /** Add `standalone="yes"` or `"no"` to the declaration. */
  standalone: boolean | undefined;
  /** Indentation of nested elements; an empty string writes everything on one line. */
  indent: string;
}

/** Writes an element tree as an XML document. */
export function writeXml(root: XmlElement, options: WriteOptions): string {
  const builder = new XMLBuilder({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    processEntities: false,
    suppressEmptyNode: false,
    suppressBooleanAttributes: false,
    format: options.indent !== '',
    indentBy: options.indent,
  });
  const body = String(builder.build([toOrdered(root)])).trim();
  if (!options.declaration) return body;
  const standalone =
    options.standalone === undefined ? '' : ` standalone="${options.standalone ? 'yes' : 'no'}"`;
  return `<?xml version="1.0" encoding="UTF-8"${standalone}?>\n${body}`;
}
