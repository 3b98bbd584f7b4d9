import { decodeXml } from '@proseapi/xml-codec';
import { describe, expect, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { genericDialect } from '../dialects/generic/index.js';
import { createMock } from '../mock.js';
import { isXmlMediaType, xmlCodec } from './xml.js';

// An order with an attribute and a repeated element without a wrapper, in XML only.
const spec = {
  openapi: '3.1.0',
  info: { title: 'Orders', version: '1' },
  servers: [{ url: 'https://orders.example/shop' }],
  paths: {
    '/orders': {
      post: {
        requestBody: {
          required: true,
          content: { 'application/xml': { schema: { $ref: '#/components/schemas/Order' } } },
        },
        responses: {
          '201': {
            description: 'created',
            content: {
              'application/xml': {
                schema: { $ref: '#/components/schemas/Order' },
                examples: {
                  stored: {
                    value: '<?xml version="1.0"?>\n<order code="A-1"><line>pen</line></order>',
                  },
                },
              },
            },
          },
          '422': {
            description: 'refused',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    '/orders/{order_id}': {
      get: {
        parameters: [{ name: 'order_id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'the order',
            content: { 'application/xml': { schema: { $ref: '#/components/schemas/Order' } } },
          },
          '404': { description: 'none', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
  },
  components: {
    schemas: {
      Order: {
        type: 'object',
        xml: { name: 'order' },
        required: ['code', 'line'],
        properties: {
          id: { type: 'string' },
          code: { type: 'string', xml: { attribute: true } },
          quantity: { type: 'integer' },
          line: { type: 'array', minItems: 1, items: { type: 'string', xml: { name: 'line' } } },
        },
      },
    },
  },
};
const Order = { $ref: '#/components/schemas/Order' };
const url = 'https://orders.example/shop/orders';
const xml = 'application/xml';

function mockOf(mode: 'stateful' | 'stateless') {
  const base = createMock({ spec });
  return createMock({
    spec,
    mode,
    dialect: { ...genericDialect(base.spec), codecs: [xmlCodec({ standalone: true })] },
  });
}

function post(body: string): Request {
  return new Request(url, { method: 'POST', headers: { 'content-type': xml, accept: xml }, body });
}

describe('the XML media codec', () => {
  it('speaks application/xml, text/xml and the +xml types', () => {
    expect(['application/xml', 'text/xml', 'application/atom+xml'].map(isXmlMediaType)).toEqual([
      true,
      true,
      true,
    ]);
    expect(isXmlMediaType('application/json')).toBe(false);
  });

  it('answers an XML example of the description as the document it is', async () => {
    const handler = webHandler(mockOf('stateless').handle);
    const response = await handler(post('<order code="B-2"><line>ink</line></order>'));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe(xml);
    expect(await response.text()).toBe(
      '<?xml version="1.0"?>\n<order code="A-1"><line>pen</line></order>',
    );
  });

  it('refuses malformed XML with 400 and XML that breaks its schema with 422', async () => {
    const handler = webHandler(mockOf('stateless').handle);
    expect((await handler(post('<order code="B-2"><line>ink</order>'))).status).toBe(400);
    // Another root element than the schema's.
    expect((await handler(post('<invoice code="B-2"><line>ink</line></invoice>'))).status).toBe(
      400,
    );
    const missing = await handler(post('<order><line>ink</line></order>'));
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('code');
    // `quantity` is an integer: the text must read as one.
    expect(
      (await handler(post('<order code="C"><quantity>many</quantity><line>a</line></order>')))
        .status,
    ).toBe(400);
  });

  it('keeps what an XML body creates and writes it back as XML', async () => {
    const handler = webHandler(mockOf('stateful').handle);
    const created = await handler(
      post('<order code="B-2"><quantity>3</quantity><line>ink</line><line>nib</line></order>'),
    );
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')).toBe(true);
    const order = decodeXml(text, Order, { document: spec }) as Record<string, unknown>;
    expect(order).toMatchObject({ code: 'B-2', quantity: 3, line: ['ink', 'nib'] });
    const read = await handler(
      new Request(`${url}/${String(order.id)}`, { headers: { accept: xml } }),
    );
    expect(read.status).toBe(200);
    expect(decodeXml(await read.text(), Order, { document: spec })).toEqual(order);
  });
});
