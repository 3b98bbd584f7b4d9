import { Decoder } from './decode.js';
import { Encoder } from './encode.js';
import { XmlCodecError } from './errors.js';
import type { TextMode } from './scalars.js';
import { type Schema, SchemaCompiler, type Shape } from './schema.js';
import { parseXml, writeXml } from './xml.js';

export { XmlCodecError } from './errors.js';
export type { TextMode } from './scalars.js';
export type { Schema, SchemaObject, XmlObject } from './schema.js';
export { xmlSubset } from './subset.js';

export interface XmlCodecOptions {
  /**
   * The document `$ref`s resolve against, usually a bundled OpenAPI description. Without it,
   * a schema must hold no `$ref`.
   */
  document?: unknown;
  /**
   * How text read into a `string` is kept: `'preserve'` (the default) keeps it exactly as
   * written, surrounding whitespace included; `'trim'` drops leading and trailing whitespace.
   * Integers, numbers and booleans are always read without their surrounding whitespace.
   */
  text?: TextMode;
}

export interface SchemaOptions {
  /**
   * Where the schema sits, as a JSON pointer into the document (`#/paths/…/schema`), so that
   * a problem with the schema is reported there. Schemas reached by `$ref` report their own.
   */
  pointer?: string;
  /** The root element's name, when the schema gives none (no `xml.name`, no component name). */
  rootName?: string;
}

export interface EncodeOptions extends SchemaOptions {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>`. Default `true`. */
  declaration?: boolean;
  /** Add `standalone="yes"` (`true`) or `standalone="no"` (`false`) to the declaration. */
  standalone?: boolean;
  /** Indentation of nested elements, two spaces by default; `''` writes one line. */
  indent?: string;
}

/**
 * Maps XML documents to the JSON values OpenAPI 3.1 schemas describe, and back, following the
 * schemas' `xml` objects. Compiled schemas are cached per schema object, so one codec serves
 * many documents of one description.
 */
export class XmlCodec {
  readonly #compiler: SchemaCompiler;
  readonly #decoder: Decoder;
  readonly #encoder = new Encoder();
  readonly #shapes = new WeakMap<object, Map<string, Shape>>();

  constructor(options: XmlCodecOptions = {}) {
    this.#compiler = new SchemaCompiler(options.document);
    this.#decoder = new Decoder(options.text ?? 'preserve');
  }

  #shape(schema: Schema, pointer: string): Shape {
    if (typeof schema !== 'object') return this.#compiler.compile(schema, pointer);
    const byPointer = this.#shapes.get(schema) ?? new Map<string, Shape>();
    this.#shapes.set(schema, byPointer);
    const cached = byPointer.get(pointer);
    if (cached) return cached;
    const shape = this.#compiler.compile(schema, pointer);
    byPointer.set(pointer, shape);
    return shape;
  }

  /**
   * Reads an XML document into the JSON value `schema` describes. Throws an
   * {@link XmlCodecError} naming the element path when the XML is malformed or does not fit.
   */
  decode(xml: string, schema: Schema, options: SchemaOptions = {}): unknown {
    const pointer = options.pointer ?? '#';
    const shape = this.#shape(schema, pointer);
    const root = parseXml(xml);
    const expected = options.rootName ?? shape.name;
    if (expected !== undefined && root.name !== expected) {
      throw new XmlCodecError(`/${root.name}`, `expected the root element <${expected}>`);
    }
    return this.#decoder.element(root, shape, `/${root.name}`);
  }

  /**
   * Writes `value` as the XML document `schema` describes: the root element named by the
   * schema, members in the order of `properties`, an XML declaration first. Throws an
   * {@link XmlCodecError} naming the element path when the value does not fit.
   */
  encode(value: unknown, schema: Schema, options: EncodeOptions = {}): string {
    const pointer = options.pointer ?? '#';
    const shape = this.#shape(schema, pointer);
    const name = options.rootName ?? shape.name;
    if (name === undefined) {
      throw new XmlCodecError(
        pointer,
        'the schema names no root element: give it xml.name, reach it through a $ref to a component, or pass rootName',
      );
    }
    const root = this.#encoder.element(name, value, shape, `/${name}`, shape.ns);
    return writeXml(root, {
      declaration: options.declaration ?? true,
      standalone: options.standalone,
      indent: options.indent ?? '  ',
    });
  }
}

/** {@link XmlCodec.decode} with a codec made for this one call. */
export function decodeXml(
  xml: string,
  schema: Schema,
  options: XmlCodecOptions & SchemaOptions = {},
): unknown {
  return new XmlCodec(options).decode(xml, schema, options);
}

/** {@link XmlCodec.encode} with a codec made for this one call. */
export function encodeXml(
  value: unknown,
  schema: Schema,
  options: XmlCodecOptions & EncodeOptions = {},
): string {
  return new XmlCodec(options).encode(value, schema, options);
}
