import { XmlCodecError } from './errors.js';
import { scalarKind, writeScalar } from './scalars.js';
import type { Member, Namespace, ObjectShape, Shape } from './schema.js';
import { assertXmlChars, type XmlElement, type XmlNode } from './xml.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_NAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (isRecord(value)) return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function text(value: string, path: string): string {
  assertXmlChars(value, path);
  return value;
}

function declare(element: XmlElement, ns: Namespace): XmlElement {
  if (ns.uri !== undefined) {
    element.attributes[ns.prefix ? `xmlns:${ns.prefix}` : 'xmlns'] = ns.uri;
  }
  return element;
}

function checkName(name: string, path: string): string {
  if (!XML_NAME.test(name)) {
    throw new XmlCodecError(path, `"${name}" cannot be written as an XML name`);
  }
  return name;
}

/** Writes JSON values as the XML elements their shapes describe. */
export class Encoder {
  /** The element `name` holding `value`, written by its shape. */
  element(name: string, value: unknown, shape: Shape, path: string, ns: Namespace): XmlElement {
    const element = declare({ name, attributes: {}, children: [] }, ns);
    if (value === null) {
      if (!shape.nullable) throw new XmlCodecError(path, 'null is not allowed here');
      element.attributes['xmlns:xsi'] = XSI;
      element.attributes['xsi:nil'] = 'true';
      return element;
    }
    if (Array.isArray(value)) {
      if (!shape.isArray) return this.#mismatch(value, shape, path);
      const { items, itemName, itemNs } = shape.array();
      const item = itemName ?? name;
      element.children = value.map((v, i) =>
        this.element(item, v, items, `${path}/${item}[${i + 1}]`, itemNs),
      );
      return element;
    }
    if (isRecord(value)) {
      if (shape.isObject) return this.#object(element, value, shape.object(), path);
      if (shape.any) return this.#generic(element, value, path);
      return this.#mismatch(value, shape, path);
    }
    element.children = [this.scalar(value, shape, path)];
    return element;
  }

  /** A scalar as text, checked against the types its shape allows. */
  scalar(value: unknown, shape: Shape, path: string): string {
    const kind = scalarKind(value);
    const allowed =
      kind !== undefined &&
      kind !== 'null' &&
      (shape.any ||
        shape.scalars.includes(kind) ||
        (kind === 'integer' && shape.scalars.includes('number')));
    if (!allowed) return this.#mismatch(value, shape, path);
    if (
      kind === 'integer' &&
      !shape.any &&
      !shape.scalars.includes('number') &&
      !shape.scalars.includes('string') &&
      !Number.isSafeInteger(value)
    ) {
      throw new XmlCodecError(
        path,
        `${String(value)} is beyond the integers XML text can carry exactly`,
      );
    }
    return text(writeScalar(value as string | number | boolean), path);
  }

  #mismatch(value: unknown, shape: Shape, path: string): never {
    const kinds = [
      ...shape.scalars,
      ...(shape.isObject ? ['object'] : []),
      ...(shape.isArray ? ['array'] : []),
      ...(shape.nullable ? ['null'] : []),
    ];
    throw new XmlCodecError(
      path,
      `expected ${kinds.length > 0 ? kinds.join(' or ') : 'nothing'}, got ${describe(value)}`,
    );
  }

  #object(
    element: XmlElement,
    value: Record<string, unknown>,
    shape: ObjectShape,
    path: string,
  ): XmlElement {
    const known = new Set(shape.members.map((m) => m.key));
    for (const member of shape.members) {
      if (!Object.hasOwn(value, member.key) || value[member.key] === undefined) continue;
      this.#member(element, member, value[member.key], path);
    }
    for (const [key, v] of Object.entries(value)) {
      if (known.has(key) || v === undefined) continue;
      if (shape.extra === 'closed') {
        throw new XmlCodecError(path, `property "${key}" is not in the schema`);
      }
      if (shape.extra === 'open') this.#genericEntry(element, key, v, path);
      else {
        const extra = shape.extra;
        const many = Array.isArray(v) && !extra.isArray ? v : [v];
        many.forEach((item, i) => {
          const at = many.length > 1 ? `${path}/${key}[${i + 1}]` : `${path}/${key}`;
          element.children.push(this.element(checkName(key, at), item, extra, at, extra.ns));
        });
      }
    }
    return element;
  }

  #member(element: XmlElement, member: Member, value: unknown, path: string): void {
    switch (member.node) {
      case 'attribute': {
        const at = `${path}/@${member.name}`;
        if (value === null) throw new XmlCodecError(at, 'null cannot be written as an attribute');
        element.attributes[member.name] = this.scalar(value, member.shape, at);
        return;
      }
      case 'text':
        if (value === null)
          throw new XmlCodecError(`${path}/text()`, 'null cannot be written as text');
        element.children.push(this.scalar(value, member.shape, `${path}/text()`));
        return;
      case 'element': {
        const at = `${path}/${member.name}`;
        element.children.push(this.element(member.name, value, member.shape, at, member.ns));
        return;
      }
      case 'list': {
        const at = `${path}/${member.wrapper?.name ?? member.item.name}`;
        if (!Array.isArray(value)) {
          throw new XmlCodecError(at, `property "${member.key}" is a list, got ${describe(value)}`);
        }
        const base = member.wrapper ? at : path;
        const items = value.map((v, i) => {
          const itemPath =
            value.length > 1 || member.wrapper
              ? `${base}/${member.item.name}[${i + 1}]`
              : `${base}/${member.item.name}`;
          return this.element(member.item.name, v, member.items, itemPath, member.item.ns);
        });
        if (!member.wrapper) element.children.push(...items);
        else {
          const wrapper = declare(
            { name: member.wrapper.name, attributes: {}, children: items },
            member.wrapper.ns,
          );
          element.children.push(wrapper);
        }
        return;
      }
    }
  }

  /**
   * A value the schema says nothing about, written back the way the decoder reads such
   * content: `@name` keys are attributes, `#text` is text, other keys are child elements
   * (an array repeats its element).
   */
  #generic(element: XmlElement, value: Record<string, unknown>, path: string): XmlElement {
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined) this.#genericEntry(element, key, v, path);
    }
    return element;
  }

  #genericEntry(element: XmlElement, key: string, value: unknown, path: string): void {
    if (key.startsWith('@')) {
      const name = checkName(key.slice(1), `${path}/${key}`);
      if (isRecord(value) || Array.isArray(value) || value === null) {
        throw new XmlCodecError(
          `${path}/${key}`,
          `an attribute takes a scalar, got ${describe(value)}`,
        );
      }
      element.attributes[name] = text(
        writeScalar(value as string | number | boolean),
        `${path}/${key}`,
      );
      return;
    }
    if (key === '#text') {
      element.children.push(text(String(value), `${path}/text()`));
      return;
    }
    const many = Array.isArray(value) ? value : [value];
    many.forEach((item, i) => {
      const at = many.length > 1 ? `${path}/${key}[${i + 1}]` : `${path}/${key}`;
      element.children.push(this.#genericElement(checkName(key, at), item, at));
    });
  }

  #genericElement(name: string, value: unknown, path: string): XmlElement {
    const element: XmlElement = { name, attributes: {}, children: [] };
    if (value === null) {
      element.attributes['xmlns:xsi'] = XSI;
      element.attributes['xsi:nil'] = 'true';
      return element;
    }
    if (Array.isArray(value)) {
      throw new XmlCodecError(path, 'a list inside a list needs a schema that names its items');
    }
    if (isRecord(value)) return this.#generic(element, value, path);
    const kind = scalarKind(value);
    if (kind === undefined || kind === 'null') {
      throw new XmlCodecError(path, `${describe(value)} cannot be written as XML`);
    }
    element.children = [text(writeScalar(value as string | number | boolean), path)] as XmlNode[];
    return element;
  }
}
