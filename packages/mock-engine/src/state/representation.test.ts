import { describe, expect, it } from 'vitest';
import { plainJson } from './representation.js';

const doc = {
  components: {
    schemas: {
      Pet: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    },
  },
};
const pet = { $ref: '#/components/schemas/Pet' };

describe('plain JSON records', () => {
  it('finds records at the root, in a list, or in the one list member of an object', () => {
    expect(plainJson.locate(doc, pet)).toEqual({
      path: [],
      many: false,
      schema: pet,
      links: undefined,
    });
    expect(plainJson.locate(doc, { type: 'array', items: pet })).toEqual({
      path: [],
      many: true,
      schema: pet,
      links: undefined,
    });
    const page = {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        pets: { type: 'array', items: pet },
      },
    };
    expect(plainJson.locate(doc, page)).toMatchObject({ path: ['pets'], many: true, schema: pet });
    expect(plainJson.locate(doc, { type: 'null' })).toBeUndefined();
    expect(plainJson.locate(doc, { type: 'string' })).toBeUndefined();
  });

  it('keeps fields on the resource itself', () => {
    const resource = plainJson.compose('7', undefined, { name: 'Rex' });
    expect(resource).toEqual({ name: 'Rex', id: '7' });
    expect(plainJson.fields(resource)).toBe(resource);
    expect(plainJson.idOf({ id: 7 })).toBe('7');
    expect(plainJson.idOf({ name: 'x' })).toBeUndefined();
    expect(plainJson.bodyFields({ name: 'Tom' })).toEqual({ name: 'Tom' });
    expect(plainJson.bodyFields('text')).toEqual({});
  });
});
