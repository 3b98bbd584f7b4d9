/**
 * The two forms of RamBase's bodies: JSON (the fields under one key, such as `notification`)
 * and XML (the fields under a root element), written and read as the same typed value.
 */
import { type Schema, XmlCodec } from '@proseapi/xml-codec';

/** The form the client asks for; `html` and `jsonstream`, whose bodies no page shows, are left out. */
export type Format = 'json' | 'xml';

/** Where a body's two forms are described: the JSON form's wrapper key, the XML form's schema. */
export interface BodyForm {
  /** The key the JSON form puts the fields under, `null` when both forms are the fields themselves. */
  key: string | null;
  /** Index of the XML form's schema in `Description.schemas`. */
  xml: number;
}

export interface OperationForms {
  secured: boolean;
  /** Whether the operation takes `$format`. */
  format: boolean;
  body: BodyForm | null;
  /** By status as the description writes it: `200`, `2XX`, `default`. */
  responses: Record<string, BodyForm>;
}

/** What the client knows of the description at run time (`scripts/describe.mjs` writes it). */
export interface Description {
  operations: Record<string, OperationForms>;
  schemas: Schema[];
  document: unknown;
}

export const MEDIA: Record<Format, string> = { json: 'application/json', xml: 'application/xml' };

const isXml = (contentType: string | null, text: string) =>
  contentType ? /[/+]xml\b/i.test(contentType) : text.trimStart().startsWith('<');

export class Forms {
  readonly #description: Description;
  readonly #codec: XmlCodec;

  constructor(description: Description) {
    this.#description = description;
    this.#codec = new XmlCodec({ document: description.document, text: 'preserve' });
  }

  operation(method: string, path: string): OperationForms {
    const found = this.#description.operations[`${method} ${path}`];
    if (!found) throw new Error(`${method} ${path} is not in the description`);
    return found;
  }

  /** The form of an answer with this status: the exact status, else its `NXX` range, else `default`. */
  answer(op: OperationForms, status: number): BodyForm | undefined {
    return (
      op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default
    );
  }

  /** `value` as a request body in `format`. */
  write(value: unknown, form: BodyForm, format: Format): string {
    if (format === 'json') return JSON.stringify(form.key === null ? value : { [form.key]: value });
    return this.#codec.encode(value, this.#schema(form));
  }

  /**
   * An answer's body as the value its form describes, whichever form it came in (told by its
   * `Content-Type`, else by its first character). Throws when it is neither form.
   */
  read(text: string, contentType: string | null, form: BodyForm): unknown {
    if (isXml(contentType, text)) return this.#codec.decode(text, this.#schema(form));
    const value: unknown = JSON.parse(text);
    if (form.key === null) return value;
    if (!value || typeof value !== 'object' || !(form.key in value)) {
      throw new Error(`the JSON answer has no "${form.key}" member`);
    }
    return (value as Record<string, unknown>)[form.key];
  }

  #schema(form: BodyForm): Schema {
    const schema = this.#description.schemas[form.xml];
    if (schema === undefined) throw new Error(`no XML schema at ${form.xml}`);
    return schema;
  }
}
