import { describe, expect, it } from 'vitest';
import { closedDocument, closedNarrowsOnly, closesExactly } from './closed.js';
import type { JsonObject } from './json.js';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/a': {
      get: {
        responses: {
          '200': {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      A: {
        type: 'object',
        properties: {
          b: { $ref: '#/components/schemas/B' },
          map: { type: 'object', additionalProperties: { type: 'string' } },
          free: { type: 'object' },
          list: { type: 'array', items: { properties: { c: { type: 'string' } } } },
          either: { oneOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] },
        },
      },
      B: { type: 'object', properties: { d: { type: 'integer' } } },
    },
  },
} satisfies JsonObject;

describe('closedDocument', () => {
  it('closes each place whose schemas name members, and nothing else', () => {
    const closed = closedDocument(doc);
    const content = (closed.paths as typeof doc.paths)['/a'].get.responses['200'].content;
    expect(content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/A',
      unevaluatedProperties: false,
    });
    const { A, B } = (closed.components as typeof doc.components).schemas;
    expect(A).not.toHaveProperty('unevaluatedProperties');
    expect(B).not.toHaveProperty('unevaluatedProperties');
    expect(A.properties.b).toHaveProperty('unevaluatedProperties', false);
    expect(A.properties.either).toHaveProperty('unevaluatedProperties', false);
    expect(A.properties.list.items).toHaveProperty('unevaluatedProperties', false);
    expect(A.properties.list).not.toHaveProperty('unevaluatedProperties');
    expect(A.properties.map).not.toHaveProperty('unevaluatedProperties');
    expect(A.properties.free).not.toHaveProperty('unevaluatedProperties');
    expect(JSON.stringify(doc)).not.toContain('unevaluatedProperties');
  });
});

describe('closesExactly', () => {
  const with_ = (schema: unknown) => ({
    ...doc,
    components: { schemas: { ...doc.components.schemas, X: schema } },
  });
  const ref = { $ref: '#/components/schemas/X' };

  it('takes local references and oneOf branches of disjoint types', () => {
    expect(
      closesExactly(doc, doc.paths['/a'].get.responses['200'].content['application/json'].schema),
    ).toBe(true);
    expect(closesExactly(with_({ anyOf: [{ type: 'integer' }, { type: 'string' }] }), ref)).toBe(
      true,
    );
  });

  it('refuses what lets members count where the walk does not look, or branches it cannot tell apart', () => {
    const refused = [
      { if: { required: ['a'] }, else: { properties: { b: {} } } },
      { type: 'object', dependentSchemas: { a: { properties: { b: {} } } } },
      { type: 'object', unevaluatedProperties: false },
      { $ref: 'other.json#/A' },
      { $ref: '#/nowhere' },
      { oneOf: [{ type: 'integer' }, { type: 'number' }] },
      { anyOf: [{ type: 'object' }, { properties: { a: {} } }] },
      { type: 'object', properties: { deep: { oneOf: [{ type: 'object' }, { type: 'object' }] } } },
    ];
    for (const schema of refused)
      expect(closesExactly(with_(schema), ref), JSON.stringify(schema)).toBe(false);
  });
});

describe('closedNarrowsOnly', () => {
  const with_ = (schema: unknown) => ({
    ...doc,
    components: { schemas: { ...doc.components.schemas, X: schema } },
  });
  const ref = { $ref: '#/components/schemas/X' };

  it('holds where every keyword on the way passes a narrower schema on as a narrower result', () => {
    const schema = doc.paths['/a'].get.responses['200'].content['application/json'].schema;
    expect(closedNarrowsOnly(doc, schema)).toBe(true);
  });

  it('fails under not, if or contains, and where closesExactly fails', () => {
    const refused = [
      // The closed B takes less, so `not` B takes more: {b: {d: 1, e: 2}} would pass closed only.
      { type: 'object', properties: { b: { not: { $ref: '#/components/schemas/B' } } } },
      { type: 'array', contains: { $ref: '#/components/schemas/B' }, maxContains: 1 },
      { type: 'object', properties: { a: { if: { type: 'object' }, else: { type: 'object' } } } },
      { oneOf: [{ type: 'integer' }, { type: 'number' }] },
    ];
    for (const schema of refused)
      expect(closedNarrowsOnly(with_(schema), ref), JSON.stringify(schema)).toBe(false);
    // closesExactly alone does not look under `not`.
    expect(closesExactly(with_(refused[0]), ref)).toBe(true);
  });
});
