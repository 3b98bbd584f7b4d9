import { describe, expect, it } from 'vitest';
import {
  listOperations,
  parameterSample,
  preferredMediaTypes,
  requestBodySample,
  resolveRef,
  responseMediaType,
  sampleFromSchema,
  serverUrl,
} from './openapi.js';
import { fixture } from './test-support/fixture.js';

const operation = (id: string) => {
  const entry = listOperations(fixture).find((e) => e.operation.operationId === id);
  if (!entry) throw new Error(`no operation ${id}`);
  return entry;
};

describe('resolveRef', () => {
  it('follows local references, including references to references', () => {
    const doc = {
      ...fixture,
      components: {
        ...fixture.components,
        schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' } },
      },
    };
    expect(resolveRef(doc, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
  });

  it('rejects unresolved, external and cyclic references', () => {
    expect(() => resolveRef(fixture, { $ref: '#/components/schemas/Missing' })).toThrow(
      /Unresolved/,
    );
    expect(() => resolveRef(fixture, { $ref: 'other.yaml#/x' })).toThrow(/local/);
    const doc = { ...fixture, components: { schemas: { A: { $ref: '#/components/schemas/A' } } } };
    expect(() => resolveRef(doc, { $ref: '#/components/schemas/A' })).toThrow(/cycle/);
  });
});

describe('listOperations', () => {
  it('lists every operation in document order', () => {
    expect(listOperations(fixture).map((e) => `${e.method} ${e.operation.operationId}`)).toEqual([
      'get listItems',
      'post createItem',
      'put replaceItem',
      'delete deleteItem',
      'post upload',
    ]);
  });

  it('merges path-level parameters, the operation winning on name and location', () => {
    const replace = operation('replaceItem');
    expect(replace.parameters.map((p) => p.name)).toEqual(['item_id', 'shop_id']);
    expect(replace.parameters.find((p) => p.name === 'shop_id')?.schema).toEqual({
      type: 'string',
    });
    expect(operation('deleteItem').parameters.map((p) => p.name)).toEqual(['shop_id', 'item_id']);
  });
});

describe('sample values', () => {
  it('prefers parameter examples, then schema examples, defaults and enums', () => {
    const [shop, page] = operation('listItems').parameters;
    expect(shop && parameterSample(fixture, shop)).toEqual({ value: 7, documented: true });
    expect(page && parameterSample(fixture, page)).toEqual({
      value: { size: 2, number: 2 },
      documented: true,
    });
    expect(sampleFromSchema(fixture, { type: 'integer', default: 50 })).toEqual({
      value: 50,
      documented: true,
    });
    expect(sampleFromSchema(fixture, { type: 'string', enum: ['b', 'a'] })).toEqual({
      value: 'b',
      documented: true,
    });
    expect(sampleFromSchema(fixture, { type: 'string', examples: ['x'] })).toEqual({
      value: 'x',
      documented: true,
    });
  });

  it('builds objects from required and documented properties, with typed placeholders', () => {
    expect(sampleFromSchema(fixture, { $ref: '#/components/schemas/Item' })).toEqual({
      value: { name: 'string', price: '9.90', currency: 'EUR', kind: 'physical' },
      documented: true,
    });
    expect(sampleFromSchema(fixture, { type: ['null', 'integer'] })).toEqual({
      value: 1,
      documented: false,
    });
    expect(sampleFromSchema(fixture, { type: 'string', format: 'date' }).value).toBe('2024-01-31');
    expect(sampleFromSchema(fixture, { type: 'array', items: { type: 'boolean' } }).value).toEqual([
      true,
    ]);
  });

  it('takes the first request body example, resolving references', () => {
    expect(requestBodySample(fixture, operation('createItem').operation)).toEqual({
      mediaType: 'application/json',
      value: { name: 'Lamp', price: '12.00', 'odd-key': true },
      schema: { $ref: '#/components/schemas/Item' },
    });
    expect(requestBodySample(fixture, operation('replaceItem').operation)?.value).toEqual({
      name: 'string',
      price: '9.90',
      currency: 'EUR',
      kind: 'physical',
    });
    expect(requestBodySample(fixture, operation('listItems').operation)).toBeUndefined();
  });

  it('prefers a documented body to an assumed one, and JSON among equals', () => {
    const content = {
      'application/json': { 'x-assumed': 'No page shows JSON.', example: { a: 1 } },
      'application/xml': { example: '<a>1</a>' },
      'text/plain': { example: 'a' },
    };
    expect(preferredMediaTypes(content)).toEqual([
      'application/xml',
      'text/plain',
      'application/json',
    ]);
    const documented = { ...content, 'application/json': { example: { a: 1 } } };
    expect(preferredMediaTypes(documented)[0]).toBe('application/json');
    const op = { requestBody: { content }, responses: { '200': { description: '', content } } };
    expect(requestBodySample(fixture, op)).toMatchObject({
      mediaType: 'application/xml',
      value: '<a>1</a>',
    });
    expect(responseMediaType(fixture, op)).toBe('application/xml');
  });

  it('finds the response media type and the server URL', () => {
    expect(responseMediaType(fixture, operation('createItem').operation)).toBe('application/json');
    expect(responseMediaType(fixture, operation('deleteItem').operation)).toBeUndefined();
    expect(serverUrl(fixture.servers)).toBe('https://api.example.org/v2');
    expect(serverUrl(undefined)).toBeUndefined();
  });
});
