import { describe, expect, it } from 'vitest';
import { jsonApi } from './jsonapi.js';

const doc = {
  components: {
    schemas: {
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          type: { type: 'string', const: 'things' },
          attributes: { $ref: '#/components/schemas/ThingAttributes' },
        },
      },
      Loose: { type: 'object', properties: { id: { type: 'string' }, type: { type: 'string' } } },
      ThingAttributes: { type: 'object', properties: { name: { type: 'string' } } },
    },
  },
};
const thing = { $ref: '#/components/schemas/Thing' };

describe('JSON:API records', () => {
  it('finds records in data, a list of them or one, and the page links beside', () => {
    expect(
      jsonApi.locate(doc, {
        type: 'object',
        properties: { data: { type: 'array', items: thing }, links: { type: 'object' } },
      }),
    ).toEqual({ path: ['data'], many: true, schema: thing, links: ['links'] });
    expect(jsonApi.locate(doc, { type: 'object', properties: { data: thing } })).toEqual({
      path: ['data'],
      many: false,
      schema: thing,
      links: undefined,
    });
    expect(jsonApi.locate(doc, { type: 'object', properties: { meta: {} } })).toBeUndefined();
  });

  it('keeps fields in attributes and reads them from data.attributes or a flat body', () => {
    const resource = jsonApi.compose('7', 'things', { name: 'bolt' });
    expect(resource).toEqual({ id: '7', type: 'things', attributes: { name: 'bolt' } });
    expect(jsonApi.fields(resource)).toBe(resource.attributes);
    expect(jsonApi.fieldsSchema(doc, thing)).toEqual({
      $ref: '#/components/schemas/ThingAttributes',
    });
    expect(jsonApi.bodyFields({ data: { attributes: { name: 'nut' } } })).toEqual({ name: 'nut' });
    expect(jsonApi.bodyFields({ data: { account_id: 5 } })).toEqual({});
    expect(jsonApi.bodyFields({ data: [1] })).toEqual({});
    expect(jsonApi.bodyFields({ document_id: 'D1' })).toEqual({ document_id: 'D1' });
    expect(jsonApi.idOf({ id: 12 })).toBe('12');
  });

  it('names a resource’s type from its schema, else from the answer’s own examples', () => {
    expect(jsonApi.kindOf(doc, thing, [{ id: '1', type: 'other' }])).toBe('things');
    expect(
      jsonApi.kindOf(doc, { $ref: '#/components/schemas/Loose' }, [{ id: '1', type: 'loose' }]),
    ).toBe('loose');
    expect(jsonApi.kindOf(doc, { $ref: '#/components/schemas/Loose' }, [])).toBeUndefined();
  });
});
