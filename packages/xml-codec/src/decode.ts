import { XmlCodecError } from './errors.js';
import { readScalar, type TextMode } from './scalars.js';
import type { AttributeMember, ElementMember, ListMember, ObjectShape, Shape } from './schema.js';
import type { XmlElement, XmlNode } from './xml.js';

/** Attributes that belong to XML itself, never to the value. */
const XML_ATTRIBUTE =
  /^(?:xmlns(?::.*)?|xsi:nil|xsi:type|xsi:schemaLocation|xsi:noNamespaceSchemaLocation)$/;

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

function textOf(element: XmlElement): string {
  return element.children.filter((c): c is string => typeof c === 'string').join('');
}

function isNil(element: XmlElement): boolean {
  const nil = element.attributes['xsi:nil'];
  return nil === 'true' || nil === '1';
}

/** Element paths of siblings, XPath style: `/a/b` for a lone `<b>`, `/a/b[2]` for the second. */
function childPaths(children: XmlElement[], path: string): string[] {
  const totals = new Map<string, number>();
  for (const child of children) totals.set(child.name, (totals.get(child.name) ?? 0) + 1);
  const seen = new Map<string, number>();
  return children.map((child) => {
    const n = (seen.get(child.name) ?? 0) + 1;
    seen.set(child.name, n);
    return (totals.get(child.name) ?? 0) > 1
      ? `${path}/${child.name}[${n}]`
      : `${path}/${child.name}`;
  });
}

/** Reads XML elements into the JSON values their shapes describe. */
export class Decoder {
  readonly #mode: TextMode;

  constructor(mode: TextMode) {
    this.#mode = mode;
  }

  /** The value of one element, read by its shape. */
  element(element: XmlElement, shape: Shape, path: string): unknown {
    if (isNil(element)) {
      if (shape.nullable) return null;
      throw new XmlCodecError(path, 'xsi:nil is set but the schema does not allow null');
    }
    const childElements = element.children.filter(isElement);
    const hasAttributes = Object.keys(element.attributes).some((a) => !XML_ATTRIBUTE.test(a));
    const structured = childElements.length > 0 || hasAttributes;
    if (shape.isObject && (structured || (shape.scalars.length === 0 && !shape.isArray))) {
      return this.#object(element, shape.object(), path);
    }
    if (shape.isArray && (structured || shape.scalars.length === 0)) {
      return this.#array(element, shape, path);
    }
    if (shape.scalars.length > 0) {
      if (childElements.length > 0) {
        const first = childElements[0] as XmlElement;
        throw new XmlCodecError(path, `expected text, found element <${first.name}>`);
      }
      const attribute = Object.keys(element.attributes).find((a) => !XML_ATTRIBUTE.test(a));
      if (attribute !== undefined) {
        throw new XmlCodecError(
          `${path}/@${attribute}`,
          'the schema describes text here, no attributes',
        );
      }
      return this.scalar(textOf(element), shape, path);
    }
    if (shape.any) return this.generic(element);
    throw new XmlCodecError(path, 'the schema allows no value here');
  }

  /** Text (of an element or an attribute) read as the scalar its shape allows. */
  scalar(text: string, shape: Shape, path: string): unknown {
    const read = readScalar(text, shape.scalars, this.#mode);
    if (read) return read.value;
    if (shape.any) return this.#mode === 'trim' ? text.trim() : text;
    throw new XmlCodecError(
      path,
      `expected ${shape.scalars.join(' or ')}, found ${JSON.stringify(text)}`,
    );
  }

  /**
   * An element the schema says nothing about, kept whole: text alone becomes a string;
   * otherwise an object of child elements (repeated ones as arrays), `@name` attributes and
   * `#text` for text beside them.
   */
  generic(element: XmlElement): unknown {
    if (isNil(element)) return null;
    const attributes = Object.entries(element.attributes).filter(([a]) => !XML_ATTRIBUTE.test(a));
    const children = element.children.filter(isElement);
    const text = textOf(element);
    if (attributes.length === 0 && children.length === 0) {
      return this.#mode === 'trim' ? text.trim() : text;
    }
    const out: Record<string, unknown> = {};
    for (const [name, value] of attributes) define(out, `@${name}`, value);
    const groups = new Map<string, unknown[]>();
    for (const child of children) {
      const group = groups.get(child.name) ?? [];
      group.push(this.generic(child));
      groups.set(child.name, group);
    }
    for (const [name, values] of groups)
      define(out, name, values.length === 1 ? values[0] : values);
    if (text.trim() !== '') define(out, '#text', this.#mode === 'trim' ? text.trim() : text);
    return out;
  }

  #array(element: XmlElement, shape: Shape, path: string): unknown[] {
    const { items, itemName } = shape.array();
    const name = itemName ?? element.name;
    this.#noText(element, path);
    const unknown = Object.keys(element.attributes).find((a) => !XML_ATTRIBUTE.test(a));
    if (unknown !== undefined) {
      throw new XmlCodecError(`${path}/@${unknown}`, 'a list element takes no attributes');
    }
    const children = element.children.filter(isElement);
    const paths = childPaths(children, path);
    return children.map((child, i) => {
      const at = paths[i] as string;
      if (child.name !== name) {
        throw new XmlCodecError(at, `expected <${name}> items, found <${child.name}>`);
      }
      return this.element(child, items, at);
    });
  }

  #noText(element: XmlElement, path: string): void {
    const text = textOf(element);
    if (text.trim() !== '') {
      throw new XmlCodecError(`${path}/text()`, `unexpected text ${JSON.stringify(text.trim())}`);
    }
  }

  #object(element: XmlElement, shape: ObjectShape, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const extras: Array<[string, unknown]> = [];

    const attributeValues = new Map<AttributeMember, unknown>();
    for (const [name, text] of Object.entries(element.attributes)) {
      if (XML_ATTRIBUTE.test(name)) continue;
      const at = `${path}/@${name}`;
      const member = shape.byAttribute.get(name);
      if (member) attributeValues.set(member, this.scalar(text, member.shape, at));
      else if (shape.extra === 'closed') {
        throw new XmlCodecError(at, 'the schema has no property for this attribute');
      } else if (shape.extra === 'open') extras.push([`@${name}`, text]);
      else extras.push([`@${name}`, this.scalar(text, shape.extra, at)]);
    }

    let textValue: unknown;
    const text = textOf(element);
    const textShape = shape.text?.shape;
    if (textShape) {
      // No text at all, where the text is not a string, is an absent property.
      const absent = text === '' && !textShape.any && !textShape.scalars.includes('string');
      if (!absent) textValue = this.scalar(text, textShape, `${path}/text()`);
    } else if (text.trim() !== '') {
      if (shape.extra === 'closed') this.#noText(element, path);
      extras.push(['#text', this.#mode === 'trim' ? text.trim() : text]);
    }

    // Child elements, gathered per member in document order; counted per name for paths.
    const found = new Map<ElementMember | ListMember, Array<{ element: XmlElement; at: string }>>();
    const unknown = new Map<string, Array<{ element: XmlElement; at: string }>>();
    const children = element.children.filter(isElement);
    const at = childPaths(children, path);
    for (const [i, child] of children.entries()) {
      const entry = { element: child, at: at[i] as string };
      const member = shape.byElement.get(child.name);
      if (member) found.set(member, [...(found.get(member) ?? []), entry]);
      else if (shape.extra === 'closed') {
        throw new XmlCodecError(entry.at, 'the schema has no property for this element');
      } else unknown.set(child.name, [...(unknown.get(child.name) ?? []), entry]);
    }

    for (const member of shape.members) {
      if (member.node === 'attribute') {
        if (attributeValues.has(member)) define(out, member.key, attributeValues.get(member));
        continue;
      }
      if (member.node === 'text') {
        if (textValue !== undefined) define(out, member.key, textValue);
        continue;
      }
      const entries = found.get(member) ?? [];
      if (entries.length === 0) continue;
      if (member.node === 'list' && member.wrapper === undefined) {
        define(
          out,
          member.key,
          entries.map((e) => this.element(e.element, member.items, e.at)),
        );
        continue;
      }
      if (entries.length > 1) {
        const second = entries[1] as { at: string };
        throw new XmlCodecError(
          second.at,
          `<${(entries[0] as { element: XmlElement }).element.name}> may appear once here: property "${member.key}" is not a list`,
        );
      }
      const only = entries[0] as { element: XmlElement; at: string };
      define(
        out,
        member.key,
        member.node === 'list'
          ? this.#wrapped(only.element, member, only.at)
          : this.element(only.element, member.shape, only.at),
      );
    }

    for (const [name, entries] of unknown) {
      const extra = shape.extra;
      const values =
        extra === 'open' || extra === 'closed'
          ? entries.map((e) => this.generic(e.element))
          : entries.map((e) => this.element(e.element, extra, e.at));
      extras.push([name, values.length === 1 ? values[0] : values]);
    }
    for (const [key, value] of extras) {
      if (Object.hasOwn(out, key)) {
        throw new XmlCodecError(path, `"${key}" is both a property and extra content`);
      }
      define(out, key, value);
    }
    return out;
  }

  #wrapped(wrapper: XmlElement, member: ListMember, path: string): unknown[] {
    if (isNil(wrapper)) {
      throw new XmlCodecError(path, 'xsi:nil is set on a list wrapper');
    }
    this.#noText(wrapper, path);
    const unknownAttribute = Object.keys(wrapper.attributes).find((a) => !XML_ATTRIBUTE.test(a));
    if (unknownAttribute !== undefined) {
      throw new XmlCodecError(`${path}/@${unknownAttribute}`, 'a list wrapper takes no attributes');
    }
    const children = wrapper.children.filter(isElement);
    const paths = childPaths(children, path);
    return children.map((child, i) => {
      const at = paths[i] as string;
      if (child.name !== member.item.name) {
        throw new XmlCodecError(at, `expected <${member.item.name}> items, found <${child.name}>`);
      }
      return this.element(child, member.items, at);
    });
  }
}
