// @ts-check
import { describe, expect, it } from 'vitest';
import { fieldPath, fieldsSchema, sampleOf } from '../src/model.mjs';
import { fileNameFor, operationIdFor, singular } from '../src/names.mjs';

describe('names', () => {
  it.each([
    [
      'GET',
      '/api/v3/resellers/{reseller_id}/reseller_charges',
      'listResellerCharges',
      'reseller-charges.yaml',
    ],
    [
      'GET',
      '/api/v3/resellers/{reseller_id}/reseller_charges/{charge_id}',
      'getResellerCharge',
      'reseller-charge.yaml',
    ],
    ['POST', '/api/v3/resellers/{reseller_id}/notes', 'createNote', 'notes.yaml'],
    [
      'PATCH',
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}',
      'updateAccount',
      'account.yaml',
    ],
    [
      'DELETE',
      '/api/v3/resellers/{reseller_id}/product_categories/{id}',
      'deleteProductCategory',
      'product-category.yaml',
    ],
    [
      'POST',
      '/api/v3/resellers/{reseller_id}/plans/{plan_id}/provisioning_attributes/validation',
      'createProvisioningAttributesValidation',
      'provisioning-attributes-validation.yaml',
    ],
    ['GET', '/api/v3/analytics_daily', 'listAnalyticsDaily', 'analytics-daily.yaml'],
  ])('%s %s is %s in %s', (method, path, operationId, file) => {
    expect(operationIdFor(method, path)).toBe(operationId);
    expect(fileNameFor(path)).toBe(file);
  });

  it('makes plural words singular', () => {
    expect(
      ['charges', 'categories', 'addresses', 'statuses', 'status', 'data'].map(singular),
    ).toEqual(['charge', 'category', 'address', 'status', 'status', 'data']);
  });
});

describe('schemas from documented fields', () => {
  it('split names into segments that may hold arrays', () => {
    expect(fieldPath('data[].attributes.name')).toEqual([
      { key: 'data', array: true },
      { key: 'attributes', array: false },
      { key: 'name', array: false },
    ]);
    expect(fieldPath('filter[created_at][gt]').map((s) => s.key)).toEqual([
      'filter',
      'created_at',
      'gt',
    ]);
  });

  it('nest members, keep documented required flags and values, and close nothing', () => {
    const schema = fieldsSchema([
      { name: 'data', type: 'object', required: true },
      { name: 'data.attributes', type: 'object', required: true },
      { name: 'data.attributes.kind', type: null, required: true, enum: ['a', 'b'] },
      { name: 'data.attributes.size', type: 'integer', required: false, default: 50 },
      { name: 'data.attributes.note', type: null, required: true },
      { name: 'data.attributes.items', type: 'array of objects' },
      { name: 'data.attributes.items[].id', type: 'string', required: true },
    ]);
    expect(schema).toEqual({
      type: 'object',
      required: ['data'],
      properties: {
        data: {
          type: 'object',
          required: ['attributes'],
          properties: {
            attributes: {
              type: 'object',
              required: ['kind'],
              properties: {
                kind: { enum: ['a', 'b'] },
                size: { type: 'integer', default: 50 },
                note: { 'x-assumed': 'The documentation does not show the type of this member.' },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id'],
                    properties: { id: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    });
  });

  it('let a member documented as a value and with members of its own take both', () => {
    const schema = fieldsSchema([
      { name: 'created_at', type: 'string' },
      { name: 'created_at[gt]', type: 'string' },
    ]);
    expect(schema.properties.created_at).toEqual({ properties: { gt: { type: 'string' } } });
  });

  it('give a written example that fits', () => {
    expect(
      sampleOf({
        type: 'object',
        properties: {
          n: { type: 'integer' },
          s: { type: 'string' },
          e: { enum: ['x'] },
          d: { type: 'integer', default: 50 },
          l: { type: 'array', items: { type: 'boolean' } },
        },
      }),
    ).toEqual({ n: 1, s: 'string', e: 'x', d: 50, l: [true] });
  });
});
