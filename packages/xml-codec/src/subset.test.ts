import { describe, expect, it } from 'vitest';
import { XmlCodec } from './index.js';
import { xmlSubset } from './subset.js';

// A description with prose, examples and a schema nobody reaches, beside the ones in use.
const document = {
  openapi: '3.1.0',
  paths: { '/x': { get: { description: 'not a schema' } } },
  components: {
    schemas: {
      Order: {
        type: 'object',
        description: 'An order, described at length.',
        examples: [{ id: 1 }],
        xml: { name: 'Order' },
        required: ['id'],
        properties: {
          id: { type: 'integer', minimum: 1, xml: { attribute: true } },
          lines: {
            type: 'array',
            xml: { name: 'Lines', wrapped: true },
            items: { $ref: '#/components/schemas/Line' },
          },
          status: { enum: ['open', 'shipped'], 'x-note': 'internal' },
        },
      },
      Line: {
        type: 'object',
        xml: { name: 'Line' },
        properties: {
          sku: { type: 'string' },
          parts: { type: 'array', items: { $ref: '#/components/schemas/Line' } },
        },
      },
      Unused: { type: 'string' },
    },
  },
};

describe('xmlSubset', () => {
  const { document: subset, schemas } = xmlSubset(document, [
    { $ref: '#/components/schemas/Order', description: 'dropped' },
  ]);

  it('keeps the schemas reached, recursive ones once, with only what the codec reads', () => {
    expect(schemas).toEqual([{ $ref: '#/components/schemas/Order' }]);
    expect(Object.keys(subset)).toEqual(['components']);
    expect(subset).toEqual({
      components: {
        schemas: {
          Order: {
            type: 'object',
            xml: { name: 'Order' },
            properties: {
              id: { type: 'integer', xml: { attribute: true } },
              lines: {
                type: 'array',
                xml: { name: 'Lines', wrapped: true },
                items: { $ref: '#/components/schemas/Line' },
              },
              status: { enum: ['open', 'shipped'] },
            },
          },
          Line: {
            type: 'object',
            xml: { name: 'Line' },
            properties: {
              sku: { type: 'string' },
              parts: { type: 'array', items: { $ref: '#/components/schemas/Line' } },
            },
          },
        },
      },
    });
  });

  it('reads and writes the same XML as the whole description does', () => {
    const xml =
      '<Order id="7"><Lines><Line><sku>pen</sku></Line></Lines><status>open</status></Order>';
    const whole = new XmlCodec({ document }).decode(xml, { $ref: '#/components/schemas/Order' });
    const trimmed = new XmlCodec({ document: subset }).decode(xml, schemas[0] ?? true);
    expect(trimmed).toEqual(whole);
    expect(trimmed).toEqual({ id: 7, lines: [{ sku: 'pen' }], status: 'open' });
    expect(new XmlCodec({ document: subset }).encode(trimmed, schemas[0] ?? true)).toBe(
      new XmlCodec({ document }).encode(whole, { $ref: '#/components/schemas/Order' }),
    );
  });

  it('says which $ref does not resolve, or is not local', () => {
    expect(() => xmlSubset(document, [{ $ref: '#/components/schemas/Nowhere' }])).toThrow(
      /#\/components\/schemas\/Nowhere/,
    );
    expect(() => xmlSubset(document, [{ $ref: 'other.json#/Order' }])).toThrow(/local/);
  });
});
