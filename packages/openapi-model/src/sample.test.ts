import { describe, expect, it } from 'vitest';
import { generateValue } from './generate.js';
import { exampleOf, firstExampleValue, parameterSample, sampleFromSchema } from './sample.js';

const doc = {
  components: {
    examples: { one: { value: { n: 1 } } },
    schemas: {
      Day: { type: 'string', format: 'date' },
      Thing: {
        type: 'object',
        required: ['id', 'day'],
        properties: {
          id: { type: 'integer' },
          day: { $ref: '#/components/schemas/Day' },
          kind: { type: 'string', enum: ['a', 'b'] },
          note: { type: 'string' },
        },
      },
    },
  },
};

describe('documented values', () => {
  it('takes an example, else the first of the examples, else the schema’s', () => {
    expect(exampleOf(doc, { example: 3, examples: { x: { value: 4 } } })).toBe(3);
    expect(exampleOf(doc, { examples: { a: { $ref: '#/components/examples/one' } } })).toEqual({
      n: 1,
    });
    expect(exampleOf(doc, { schema: { examples: [5] } })).toBeUndefined();
    expect(exampleOf(doc, { schema: { examples: [5] } }, { schema: true })).toBe(5);
    expect(firstExampleValue(doc, undefined)).toBeUndefined();
  });

  it('keeps a number placeholder within the schema’s bounds', () => {
    expect(sampleFromSchema(doc, { type: 'integer', minimum: 100000 }).value).toBe(100000);
    expect(sampleFromSchema(doc, { type: 'integer', exclusiveMinimum: 1 }).value).toBe(2);
    expect(sampleFromSchema(doc, { type: 'integer', maximum: -3 }).value).toBe(-3);
    expect(sampleFromSchema(doc, { type: 'number', exclusiveMaximum: 0.5 }).value).toBe(0);
    expect(sampleFromSchema(doc, { type: 'integer', minimum: 0 }).value).toBe(1);
  });

  it('samples a schema: documented members, required ones, placeholders by type and format', () => {
    expect(sampleFromSchema(doc, { $ref: '#/components/schemas/Thing' })).toEqual({
      value: { id: 1, day: '2024-01-31', kind: 'a' },
      documented: true,
    });
    expect(sampleFromSchema(doc, { type: 'array', items: { type: 'boolean' } })).toEqual({
      value: [true],
      documented: false,
    });
    expect(() => sampleFromSchema(doc, { $ref: '#/components/schemas/Nope' })).toThrow(
      /Unresolved reference #\/components\/schemas\/Nope/,
    );
  });

  it('samples a parameter from its example, its content or its schema', () => {
    expect(parameterSample(doc, { name: 'a', example: 'x' })).toEqual({
      value: 'x',
      documented: true,
    });
    expect(
      parameterSample(doc, {
        name: 'b',
        content: { 'application/json': { schema: { type: 'integer', default: 7 } } },
      }),
    ).toEqual({ value: 7, documented: true });
    expect(parameterSample(doc, { name: 'c', schema: { type: 'string' } })).toEqual({
      value: 'string',
      documented: false,
    });
  });
});

describe('generated values', () => {
  const thing = { $ref: '#/components/schemas/Thing' };

  it('repeats for a seed and varies between seeds when dynamic', () => {
    const a = generateValue(thing, { doc, seed: 5, dynamic: true });
    expect(generateValue(thing, { doc, seed: 5, dynamic: true })).toEqual(a);
    const values = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        JSON.stringify(generateValue(thing, { doc, seed, dynamic: true })),
      ),
    );
    expect(values.size).toBeGreaterThan(1);
    expect(generateValue(true, { doc, seed: 1, dynamic: false })).toEqual({});
    expect(generateValue(false, { doc, seed: 1, dynamic: false })).toBeNull();
  });
});
