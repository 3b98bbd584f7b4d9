/**
 * RamBase's two forms of one body: JSON wraps the object's fields in one key named after it
 * (`{"notification": {…}}`), XML makes the object its root element (`<Notification>`). Which
 * key wraps what is read from the description (`mediaForms`). The request chooses its
 * answer's form with `$format`, else with `Accept`.
 */
import type { RequestSource } from '@proseapi/mock-engine';
import {
  findResponse,
  isObject,
  isXmlMediaType,
  type JsonObject,
  type MediaForms,
  mediaForms,
  type OperationModel,
} from '@proseapi/openapi-model';
import type { Schema, XmlCodec } from '@proseapi/xml-codec';

export const JSON_MEDIA = 'application/json';
export const XML_MEDIA = 'application/xml';

/**
 * The `Accept` a request asks with: `$format=xml` asks for XML; `json`, and `html` and
 * `jsonstream` (whose bodies no page shows), for JSON; without `$format`, the header.
 */
export function acceptOf(request: RequestSource): string | undefined {
  const format = request.query('$format');
  if (format === 'xml') return XML_MEDIA;
  if (format !== undefined && format !== '') return JSON_MEDIA;
  return request.header('accept');
}

/** Whether an `Accept` value prefers XML to JSON (the highest quality wins, then the order). */
export function wantsXml(accept: string | undefined): boolean {
  let best: { xml: boolean; q: number } | undefined;
  for (const part of (accept ?? '').split(',')) {
    const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = Number(params.find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    const xml = isXmlMediaType(type);
    if (!xml && !type.endsWith('json') && type !== '*/*' && type !== 'application/*') continue;
    if (q > 0 && (!best || q > best.q)) best = { xml, q };
  }
  return best?.xml ?? false;
}

/** Reads and converts bodies between their two forms, as one description states them. */
export class Forms {
  private readonly pairs = new Map<string, MediaForms | null>();

  constructor(
    private readonly doc: JsonObject,
    private readonly codec: XmlCodec,
  ) {}

  /** The forms of an operation's answer with this status (`'body'`: its request body). */
  pair(op: OperationModel, status: number | 'body'): MediaForms | undefined {
    const key = `${op.key} ${status}`;
    let pair = this.pairs.get(key);
    if (pair === undefined) {
      const content = status === 'body' ? op.body?.content : findResponse(op, status)?.content;
      pair = mediaForms(this.doc, content) ?? null;
      this.pairs.set(key, pair);
    }
    return pair ?? undefined;
  }

  /** A value (or an XML document, as the description's XML examples are) in its JSON form. */
  toJson(pair: MediaForms, mediaType: string | undefined, value: unknown): unknown {
    if (mediaType === undefined || !isXmlMediaType(mediaType)) return value;
    const fields =
      typeof value === 'string' ? this.codec.decode(value, pair.xml.schema as Schema) : value;
    return pair.key === undefined ? fields : { [pair.key]: fields };
  }

  /** A value in its JSON form, in its XML form. */
  toXml(pair: MediaForms, value: unknown): unknown {
    return pair.key !== undefined && isObject(value) ? value[pair.key] : value;
  }
}
