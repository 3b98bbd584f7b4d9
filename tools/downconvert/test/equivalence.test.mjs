// @ts-check
import { describe, expect, it } from 'vitest';
import { downconvert } from '../src/document.mjs';
import { checkEquivalence, collectExamples, mutations } from '../src/equivalence.mjs';

/**
 * @param {Record<string, any>} schemas
 * @param {Record<string, any>} [extra]
 * @returns {Record<string, any>}
 */
function doc(schemas, extra = {}) {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: { schemas },
    ...extra,
  };
}

describe('collectExamples', () => {
  it('finds media type, parameter, header, referenced and schema examples with their schema', () => {
    const d = doc(
      { Thing: { type: 'object', examples: [{ a: 1 }], properties: { a: { examples: [1, 2] } } } },
      {
        paths: {
          '/t': {
            get: {
              parameters: [{ name: 'q', in: 'query', schema: { type: 'string' }, example: 'x' }],
              responses: {
                200: {
                  description: 'ok',
                  headers: {
                    'X-N': { schema: { type: 'integer' }, examples: { one: { value: 1 } } },
                  },
                  content: {
                    'application/json': {
                      schema: { $ref: '#/components/schemas/Thing' },
                      examples: { shared: { $ref: '#/components/examples/Shared' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    );
    d.components.examples = { Shared: { value: { a: 3 } } };
    expect(collectExamples(d).map((e) => [e.where, e.schema, e.value])).toEqual([
      ['#/paths/~1t/get/parameters/0/example', '#/paths/~1t/get/parameters/0/schema', 'x'],
      [
        '#/paths/~1t/get/responses/200/headers/X-N/examples/one',
        '#/paths/~1t/get/responses/200/headers/X-N/schema',
        1,
      ],
      [
        '#/paths/~1t/get/responses/200/content/application~1json/examples/shared',
        '#/paths/~1t/get/responses/200/content/application~1json/schema',
        { a: 3 },
      ],
      ['#/components/schemas/Thing/examples/0', '#/components/schemas/Thing', { a: 1 }],
      [
        '#/components/schemas/Thing/properties/a/examples/0',
        '#/components/schemas/Thing/properties/a',
        1,
      ],
      [
        '#/components/schemas/Thing/properties/a/examples/1',
        '#/components/schemas/Thing/properties/a',
        2,
      ],
    ]);
  });
});

describe('mutations', () => {
  it('removes and adds members and swaps values for other kinds, in a fixed order', () => {
    expect(mutations({ a: 'x' }, 100).map((m) => m.value)).toEqual([
      null,
      [],
      'object',
      { a: 'x', __unexpected__: true },
      {},
      { a: null },
      { a: 1 },
      { a: 'x!' },
      { a: '' },
    ]);
  });

  it('keeps at most the limit, spread over the list', () => {
    const all = mutations({ a: [1, 2, 3], b: { c: true } }, 1000);
    const some = mutations({ a: [1, 2, 3], b: { c: true } }, 5);
    expect(some).toHaveLength(5);
    expect(some[0]).toEqual(all[0]);
    expect(all).toEqual(expect.arrayContaining(some));
  });
});

describe('checkEquivalence', () => {
  const converted = doc({
    Thing: {
      type: 'object',
      required: ['kind', 'size'],
      properties: {
        kind: { const: 'things' },
        size: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 },
        id: { type: ['string', 'integer'], pattern: '^[0-9]+$' },
        note: { type: ['string', 'null'], maxLength: 5 },
        flag: { const: false },
        when: { $ref: '#/components/schemas/Day', description: 'The day.' },
      },
      examples: [
        { kind: 'things', size: 5, id: '12', note: null, flag: false, when: '2024-01-02' },
      ],
    },
    Day: { type: 'string', format: 'date', examples: ['2024-01-02'] },
  });

  it('finds the same verdicts for every example and its mutations after the conversion', () => {
    const { document, losses } = downconvert(converted);
    const report = checkEquivalence(converted, document, losses);
    expect(report.examples).toBe(2);
    expect(report.values).toBeGreaterThan(20);
    expect(report.refusedBy31).toBeGreaterThan(10);
    expect(report.unexplained).toEqual([]);
    expect(report.explained).toEqual([]);
  });

  it('reports a 3.0 variant that refuses what 3.1 accepts, as unexplained', () => {
    const { document, losses } = downconvert(converted);
    document.components.schemas.Thing.properties.note = { type: 'string' };
    const report = checkEquivalence(converted, document, losses);
    expect(report.unexplained).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          where: '#/components/schemas/Thing/examples/0',
          mutation: 'as documented',
          accepts31: true,
          accepts30: false,
        }),
      ]),
    );
  });

  it('reports a 3.0 variant that accepts what 3.1 refuses, as unexplained without a loss', () => {
    const { document, losses } = downconvert(converted);
    delete document.components.schemas.Thing.properties.id.pattern;
    const report = checkEquivalence(converted, document, losses);
    expect(report.unexplained.map((m) => [m.mutation, m.accepts31, m.accepts30])).toContainEqual([
      '/id → "12!"',
      false,
      true,
    ]);
  });

  it('explains a difference by the reported loss beneath the checked schema', () => {
    const lossy = doc({
      Contacts: {
        type: 'object',
        patternProperties: { '^(first|last)-name$': { type: ['string', 'null'] } },
        examples: [{ 'first-name': 'Ada' }],
      },
    });
    const { document, losses } = downconvert(lossy);
    const report = checkEquivalence(lossy, document, losses);
    expect(report.unexplained).toEqual([]);
    expect(report.explained.length).toBeGreaterThan(0);
    for (const m of report.explained) {
      expect([m.accepts31, m.accepts30, m.loss?.pointer, m.loss?.effect]).toEqual([
        false,
        true,
        '#/components/schemas/Contacts/patternProperties',
        'widens',
      ]);
    }
  });

  it('skips examples whose schema 3.0 has no place for, naming them', () => {
    const lossy = doc({
      Pair: { type: 'array', prefixItems: [{ type: 'string', examples: ['a'] }] },
    });
    const { document, losses } = downconvert(lossy);
    expect(checkEquivalence(lossy, document, losses).skipped).toEqual([
      '#/components/schemas/Pair/prefixItems/0/examples/0',
    ]);
  });
});
