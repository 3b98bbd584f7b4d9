import { describe, expect, it } from 'vitest';
import { propertySchema, resolveSchema, schemaTypes } from './schema.js';

const doc = {
  components: {
    schemas: {
      Money: { type: 'string', description: 'target', pattern: '^[0-9]+$' },
      Either: { oneOf: [{ type: 'integer' }, { $ref: '#/components/schemas/Money' }] },
      Thing: {
        type: 'object',
        properties: { price: { $ref: '#/components/schemas/Money' } },
        additionalProperties: { type: 'boolean' },
      },
    },
  },
};

describe('schemas', () => {
  it('merges the constraints written next to a $ref, keeping the target’s annotations', () => {
    const sibling = { $ref: '#/components/schemas/Money', maxLength: 4, description: 'sibling' };
    expect(resolveSchema(doc, sibling)).toEqual({
      type: 'string',
      description: 'target',
      pattern: '^[0-9]+$',
      maxLength: 4,
    });
    // Cached per document and schema object.
    expect(resolveSchema(doc, sibling)).toBe(resolveSchema(doc, sibling));
    expect(resolveSchema(doc, true)).toBe(true);
    expect(resolveSchema(doc, { $ref: '#/nowhere' })).toBeUndefined();
  });

  it('reads the types a schema allows, through its branches', () => {
    expect(schemaTypes(doc, { $ref: '#/components/schemas/Either' })).toEqual([
      'integer',
      'string',
    ]);
    expect(schemaTypes(doc, { properties: {} })).toEqual(['object']);
    expect(schemaTypes(doc, { type: ['string', 'null'] })).toEqual(['string', 'null']);
  });

  it('finds a member’s schema, or the additional members’ one', () => {
    const thing = { $ref: '#/components/schemas/Thing' };
    expect(propertySchema(doc, thing, 'price')).toEqual({ $ref: '#/components/schemas/Money' });
    expect(propertySchema(doc, thing, 'flag')).toEqual({ type: 'boolean' });
    expect(propertySchema(doc, thing, 'constructor')).toEqual({ type: 'boolean' });
  });
});
