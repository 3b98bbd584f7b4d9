/**
 * Media codecs: how a body of a media type is read into a value and how a value is
 * written back. JSON, forms and text are built in; a dialect adds others (XML, say)
 * with a codec of its own.
 */
import {
  formObject,
  isJsonMediaType,
  type JsonObject,
  parseQueryString,
} from '@proseapi/openapi-model';

export interface CodecContext {
  /** The media type the description declares for this body (lower-case, may be a wildcard). */
  mediaType: string;
  /** The request's full `Content-Type` header (parameters such as a boundary included). */
  contentType: string;
  /** The schema of the body, for codecs that need it to type what the text cannot. */
  schema: unknown;
  doc: JsonObject;
}

export interface MediaCodec {
  /** Whether this codec reads (and writes) the media type (lower-case, no parameters). */
  accepts(mediaType: string): boolean;
  /** The value of a body; throws when the body is malformed. */
  parse(body: Uint8Array, context: CodecContext): unknown | Promise<unknown>;
  /** The text of an answer's value; a codec without it writes no answers. */
  write?(value: unknown, context: Omit<CodecContext, 'contentType'>): string;
}

const decoder = new TextDecoder();

export const jsonCodec: MediaCodec = {
  accepts: (mediaType) => isJsonMediaType(mediaType) || mediaType === '*/*',
  parse: (body) => JSON.parse(decoder.decode(body)),
  write: (value) => JSON.stringify(value),
};

export const formCodec: MediaCodec = {
  accepts: (mediaType) => mediaType === 'application/x-www-form-urlencoded',
  parse: (body, { doc, schema }) => formObject(doc, schema, parseQueryString(decoder.decode(body))),
  write: (value) =>
    new URLSearchParams(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    ).toString(),
};

export const multipartCodec: MediaCodec = {
  accepts: (mediaType) => mediaType === 'multipart/form-data',
  async parse(body, { doc, schema, contentType }) {
    const form = await new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
    // A file part stands for its name: bodies are checked, files are not kept.
    const entries: [string, string][] = [];
    for (const [key, entry] of form.entries()) {
      entries.push([key, typeof entry === 'string' ? entry : entry.name]);
    }
    return formObject(doc, schema, entries);
  },
};

export const textCodec: MediaCodec = {
  accepts: (mediaType) => mediaType.startsWith('text/'),
  parse: (body) => decoder.decode(body),
  write: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
};

/** The built-in codecs, after a dialect's own (which win). */
export const BUILT_IN_CODECS: readonly MediaCodec[] = [
  jsonCodec,
  formCodec,
  multipartCodec,
  textCodec,
];

/** Finds the codec of a media type, remembering the answer. */
export class Codecs {
  private readonly found = new Map<string, MediaCodec | undefined>();
  private readonly list: readonly MediaCodec[];

  constructor(own: readonly MediaCodec[] = []) {
    this.list = [...own, ...BUILT_IN_CODECS];
  }

  for(mediaType: string): MediaCodec | undefined {
    if (this.found.has(mediaType)) return this.found.get(mediaType);
    const codec = this.list.find((c) => c.accepts(mediaType));
    if (this.found.size < 256) this.found.set(mediaType, codec);
    return codec;
  }

  /** The text of an answer: the codec's, or JSON when the media type has no writing codec. */
  write(value: unknown, context: Omit<CodecContext, 'contentType'>): string {
    const codec = this.for(context.mediaType);
    return codec?.write ? codec.write(value, context) : JSON.stringify(value);
  }
}
