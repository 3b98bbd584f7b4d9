import { type Schema, XmlCodec } from '@proseapi/xml-codec';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  type Body,
  bodies,
  examplesOf,
  loadBundle,
  type Node,
  type OpenApiDocument,
  resolve,
} from './bundle.js';
import { xmlNameProblems } from './xml.js';

const doc = loadBundle();
const codec = new XmlCodec({ document: doc });
const isXml = (body: Body) => body.mediaType.endsWith('/xml');

/**
 * A copy of the document in which every object schema that does not say otherwise rejects
 * members it does not declare, so an example cannot carry a misspelt or invented member
 * (what the house rules' `allowAdditionalProperties: false` asks of examples elsewhere).
 */
function closedCopy(document: OpenApiDocument): OpenApiDocument {
  const close = (node: unknown, inExample: boolean): unknown => {
    if (Array.isArray(node)) return node.map((n) => close(n, inExample));
    if (node === null || typeof node !== 'object') return node;
    const out: Node = {};
    for (const [key, value] of Object.entries(node)) {
      out[key] = close(value, inExample || key === 'examples' || key === 'example');
    }
    const declares = out.properties !== null && typeof out.properties === 'object';
    if (!inExample && declares && !('additionalProperties' in out)) {
      out.unevaluatedProperties = false;
    }
    return out;
  };
  return close(document, false) as OpenApiDocument;
}

function validator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema(document as object, 'openapi.json');
  return (pointer: string, value: unknown): string[] => {
    const validate = ajv.compile({ $ref: `openapi.json${pointer}` });
    return validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}

const strict = validator(closedCopy(doc));
const loose = validator(doc);

const cases = (select: (body: Body) => boolean) =>
  bodies(doc)
    .filter(select)
    .flatMap((body) =>
      examplesOf(doc, body.media).map(
        ([name, example]) =>
          [`${body.operationId} ${body.status} ${body.mediaType} ${name}`, body, example] as const,
      ),
    );

describe('JSON and form examples', () => {
  const json = cases((b) => !isXml(b));

  it('are checked for every operation', () => {
    expect(new Set(json.map(([, body]) => body.operationId)).size).toBe(4);
  });

  it.each(json)('%s validates against its schema, with no undeclared member', (_, body, ex) => {
    expect(strict(body.schemaPointer, ex.value)).toEqual([]);
  });
});

describe('the example checks can fail', () => {
  const pointer = '#/components/schemas/NotificationDocument';
  const example = examplesOf(doc, {
    examples: { e: { $ref: '#/components/examples/getSupplierInvoiceNotification-200' } },
  })[0]?.[1].value as { notification: Node };

  it('an undeclared member fails the strict check, not the schema itself', () => {
    const extended = { notification: { ...example.notification, colour: 'red' } };
    expect(strict(pointer, extended)).not.toEqual([]);
    expect(loose(pointer, extended)).toEqual([]);
  });

  it('a timestamp that is not ISO 8601 and a quoted placeholder fail', () => {
    expect(strict(pointer, { notification: { createdAt: '2026-03-02 09:15' } })).not.toEqual([]);
    expect(strict(pointer, { notification: { notificationId: '{Integer}' } })).not.toEqual([]);
  });

  it('a new notification needs its type, and an item number of at least 1', () => {
    const input = '#/components/schemas/NotificationInputDocument';
    const good = { notification: { notificationType: { notificationTypeId: 'APPRLIMIT' } } };
    expect(strict(input, good)).toEqual([]);
    expect(strict(input, { notification: { notificationType: {} } })).not.toEqual([]);
    expect(strict(input, { notification: {} })).not.toEqual([]);
    expect(
      strict(input, { notification: { ...good.notification, regardingItem: { itemId: 0 } } }),
    ).not.toEqual([]);
  });

  it('a token request names one of the four grants and its members', () => {
    const token = '#/components/schemas/TokenRequest';
    expect(strict(token, { grant_type: 'client_credentials', client_id: 'a' })).toEqual([]);
    expect(strict(token, { grant_type: 'password', username: 'u' })).not.toEqual([]);
    expect(strict(token, { grant_type: 'refresh_token' })).not.toEqual([]);
    expect(strict(token, { grant_type: 'implicit' })).not.toEqual([]);
  });
});

describe('XML examples', () => {
  const xml = cases(isXml);

  it('exist for every XML body', () => {
    const key = (b: Body) => `${b.operationId} ${b.status} ${b.mediaType}`;
    const withExamples = new Set(xml.map(([, body]) => key(body)));
    expect(bodies(doc).filter((b) => isXml(b) && !withExamples.has(key(b)))).toEqual([]);
    expect(xml.length).toBeGreaterThanOrEqual(9);
  });

  it.each(xml)("%s is well-formed and uses the schema's xml names", (_, body, ex) => {
    expect(typeof ex.value).toBe('string');
    const schema = resolve(doc, { $ref: body.schemaPointer });
    expect(xmlNameProblems(String(ex.value), schema, (s) => resolve(doc, s))).toEqual([]);
  });

  it.each(xml)('%s, decoded with the XML codec, validates against its schema', (_, body, ex) => {
    const schema = resolve(doc, { $ref: body.schemaPointer }) as Schema;
    const decoded = codec.decode(String(ex.value), schema, { pointer: body.schemaPointer });
    expect(strict(body.schemaPointer, decoded)).toEqual([]);
  });
});
