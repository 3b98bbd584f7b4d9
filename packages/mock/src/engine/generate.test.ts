import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { createOracle } from '../test-support/oracle.js';
import { conform, generateValue } from './generate.js';
import { buildSpecModel, type JsonObject } from './openapi.js';

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

describe('generateValue', () => {
  it('is repeatable for a seed and varies between seeds when dynamic', () => {
    const a = generateValue(thing, { doc, seed: 1, dynamic: true });
    expect(generateValue(thing, { doc, seed: 1, dynamic: true })).toEqual(a);
    const values = new Set(
      [2, 3, 4, 5].map((seed) =>
        JSON.stringify(generateValue(thing, { doc, seed, dynamic: true })),
      ),
    );
    expect(values.size).toBeGreaterThan(1);
  });

  it('generates values that validate for every response schema of the bundle', () => {
    const spec = bundle as unknown as JsonObject;
    const model = buildSpecModel(spec);
    const oracle = createOracle(spec);
    let checked = 0;
    for (const op of model.operations) {
      for (const response of op.responses) {
        for (const media of response.content) {
          if (media.schema === undefined) continue;
          for (const seed of [1, 2, 3]) {
            const value = generateValue(media.schema, { doc: spec, seed, dynamic: seed > 1 });
            expect(oracle.checkValue(op.method, op.path, response.status, value)).toEqual([]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
