/**
 * Requests checked against the description alone, for an API whose docs name no mock: the
 * mock engine built from the description with its generic dialect routes each request and
 * checks its parameters, its credentials (present, of a scheme the operation takes) and its
 * body, XML included, and answers from the documented examples; a request the description
 * does not accept gets a refusal (400, 401, 404, 415, 422 …).
 */
import { createMock, genericDialect, type MediaCodec, webHandler } from '@proseapi/mock-engine';
import { type Schema, XmlCodec } from '@proseapi/xml-codec';
import type { OpenApiDocument } from '../openapi.js';

const decoder = new TextDecoder();

/** `application/xml`, `text/xml` and every `…+xml` type. */
const isXml = (mediaType: string) =>
  mediaType === 'application/xml' || mediaType === 'text/xml' || mediaType.endsWith('+xml');

/** XML request bodies read through their schemas' `xml` objects. */
function xmlBodies(document: OpenApiDocument): MediaCodec {
  const codec = new XmlCodec({ document });
  return {
    accepts: isXml,
    parse: (body, { schema }) => codec.decode(decoder.decode(body), (schema ?? {}) as Schema),
  };
}

/** A handler that accepts exactly the requests the description accepts. */
export function descriptionCheck(
  document: OpenApiDocument,
): (request: Request) => Promise<Response> {
  const mock = createMock({
    spec: structuredClone(document) as unknown as Record<string, unknown>,
    dialect: ({ spec }) => ({ ...genericDialect(spec), codecs: [xmlBodies(document)] }),
    adminPath: false,
  });
  return webHandler(mock.handle);
}
