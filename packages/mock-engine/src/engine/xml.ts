/**
 * XML bodies, read into the values their schemas describe and written back, following the
 * schemas' `xml` objects (element names, attributes, repeated elements with or without a
 * wrapper). The mapping is `@proseapi/xml-codec`'s; this is its `MediaCodec` for a dialect.
 */
import { type EncodeOptions, type Schema, type TextMode, XmlCodec } from '@proseapi/xml-codec';
import type { MediaCodec } from './codecs.js';

export interface XmlMediaOptions {
  /** How text read into a string is kept: `'preserve'` (default) or `'trim'`. */
  text?: TextMode | undefined;
  /** Answers start with an XML declaration (default `true`). */
  declaration?: boolean | undefined;
  /** `standalone="yes"` (`true`) or `"no"` (`false`) in that declaration; none by default. */
  standalone?: boolean | undefined;
  /** Indentation of nested elements (default two spaces; `''` writes one line). */
  indent?: string | undefined;
}

/** `application/xml`, `text/xml` and every `…+xml` type. */
export function isXmlMediaType(mediaType: string): boolean {
  return mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml');
}

const decoder = new TextDecoder();

/**
 * A media codec for XML. A body is read with the schema of its media type (its root element
 * checked); an answer is written from a value with the schema of its response. A string
 * value is already a document (an XML example of the description) and is written as it is.
 */
export function xmlCodec(options: XmlMediaOptions = {}): MediaCodec {
  // One codec per description: it keeps what it compiled for each schema.
  const codecs = new WeakMap<object, XmlCodec>();
  const codecOf = (doc: object) => {
    let codec = codecs.get(doc);
    if (!codec) {
      codec = new XmlCodec({ document: doc, text: options.text ?? 'preserve' });
      codecs.set(doc, codec);
    }
    return codec;
  };
  const encoding: EncodeOptions = { declaration: options.declaration ?? true };
  if (options.standalone !== undefined) encoding.standalone = options.standalone;
  if (options.indent !== undefined) encoding.indent = options.indent;
  return {
    accepts: isXmlMediaType,
    parse: (body, { doc, schema }) =>
      codecOf(doc).decode(decoder.decode(body), (schema ?? {}) as Schema),
    write(value, { doc, schema }) {
      if (typeof value === 'string') return value;
      return codecOf(doc).encode(value, (schema ?? {}) as Schema, encoding);
    },
  };
}
