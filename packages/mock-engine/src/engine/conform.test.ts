import type { JsonObject } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { conform, fillValue } from './conform.js';

const doc = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Money: { type: 'string', pattern: '^[0-9]+\\.[0-9]{2}$', examples: ['1.00'] },
      Thing: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'price', 'kind'],
        properties: {
          id: { type: 'integer' },
          price: { $ref: '#/components/schemas/Money' },
          kind: { type: 'string', enum: ['a', 'b'] },
          flag: { type: 'boolean' },
          list: { type: 'array', minItems: 2, items: { type: 'string' } },
          either: {
            oneOf: [{ type: 'string' }, { type: 'object', properties: { n: { type: 'integer' } } }],
          },
        },
      },
    },
  },
} as JsonObject;
const thing = { $ref: '#/components/schemas/Thing' };

describe('conform', () => {
  it('drops forbidden members, fills required ones and converts scalars', () => {
    const result = conform(
      { id: '12', kind: 'c', flag: 'true', extra: 1, list: ['x'] },
      thing,
      doc,
    );
    expect(result).toEqual({
      id: 12,
      kind: 'a',
      flag: true,
      list: ['x', expect.any(String)],
      price: '1.00',
    });
  });

  it('replaces a string that breaks its pattern and follows oneOf branches', () => {
    expect(conform({ id: 1, kind: 'b', price: '12', either: { n: '3' } }, thing, doc)).toEqual({
      id: 1,
      kind: 'b',
      price: '1.00',
      either: { n: 3 },
    });
  });
});

describe('fillValue', () => {
  it('generates a schema’s value once and hands out copies', () => {
    const first = fillValue(thing, doc) as JsonObject;
    expect(first).toMatchObject({ price: '1.00' });
    first.price = 'changed';
    expect(fillValue(thing, doc)).toMatchObject({ price: '1.00' });
    expect(fillValue(thing, doc)).toEqual(fillValue(thing, doc));
  });

  it('hands out the same scalar every time, null included', () => {
    const text = { type: 'string', minLength: 4 };
    const first = fillValue(text, doc);
    expect(typeof first).toBe('string');
    expect((first as string).length).toBeGreaterThanOrEqual(4);
    expect(fillValue(text, doc)).toBe(first);
    const nothing = { type: 'null' };
    expect(fillValue(nothing, doc)).toBeNull();
    expect(fillValue(nothing, doc)).toBeNull();
    const list = { type: 'array', items: { type: 'integer' }, minItems: 1 };
    expect(fillValue(list, doc)).not.toBe(fillValue(list, doc));
    expect(fillValue(list, doc)).toEqual(fillValue(list, doc));
  });
});
