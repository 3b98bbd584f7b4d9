import { buildSpecModel } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { allFilterings, deepObjectFiltering, fieldFiltering } from './filters.js';
import { deepObjectPaging, firstPaging, queryPaging } from './paging.js';

const ok = { responses: { '200': { description: 'ok' } } };
const doc = {
  openapi: '3.1.0',
  paths: {
    '/deep': {
      get: {
        ...ok,
        parameters: [
          {
            name: 'page',
            in: 'query',
            style: 'deepObject',
            schema: {
              type: 'object',
              properties: { size: { type: 'integer', default: 20 }, number: { type: 'integer' } },
            },
          },
          { name: 'filter', in: 'query', style: 'deepObject', schema: { type: 'object' } },
        ],
      },
    },
    '/plain': {
      get: {
        ...ok,
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer' } },
          { name: 'per_page', in: 'query', schema: { type: 'integer' } },
          { name: 'status', in: 'query', schema: { type: 'string' } },
        ],
      },
    },
    '/none': { get: ok },
  },
};
const model = buildSpecModel(doc);
const op = (path: string) => model.paths.get(path)?.get('GET') as (typeof model.operations)[0];

describe('paging', () => {
  const paging = firstPaging(
    deepObjectPaging(doc, { parameter: 'page', size: 'size', number: 'number', defaultSize: 50 }),
    queryPaging({ number: 'page', size: 'per_page', defaultSize: 30 }),
  );

  it('reads the page a request asks for, with the defaults of the schema or the dialect', () => {
    expect(paging.page(op('/deep'), {})).toMatchObject({ size: 20, number: 1 });
    expect(paging.page(op('/deep'), { page: { size: 5, number: 3 } })).toMatchObject({
      size: 5,
      number: 3,
    });
    expect(paging.page(op('/plain'), { page: 2, per_page: 0 })).toMatchObject({
      size: 30,
      number: 2,
    });
    expect(paging.page(op('/none'), { page: 2 })).toBeUndefined();
  });

  it('writes the query of another page, keeping the other pairs', () => {
    const deep = paging.page(op('/deep'), { page: { size: 5 } });
    const toDeep = deep?.linkQuery([
      ['page[size]', '5'],
      ['filter[a]', 'b c'],
    ]);
    expect(toDeep?.(4)).toBe('filter%5Ba%5D=b+c&page%5Bnumber%5D=4&page%5Bsize%5D=5');
    expect(new URLSearchParams(toDeep?.(4)).get('page[number]')).toBe('4');
    const plain = paging.page(op('/plain'), {});
    expect(plain?.linkQuery([['page', '1']])(2)).toBe('page=2&per_page=30');
  });
});

describe('filters', () => {
  const filtering = allFilterings(deepObjectFiltering('filter'), fieldFiltering());
  const fields = new Set(['status', 'author']);

  it('reads a deepObject family (comma: any of) and parameters named after fields', () => {
    expect(
      filtering.conditions(op('/deep'), { filter: { author: 'A,B', ids: [1, 2] } }, fields),
    ).toEqual([
      ['author', ['A', 'B']],
      ['ids', ['1', '2']],
    ]);
    expect(filtering.conditions(op('/plain'), { status: 'a,b', page: 2 }, fields)).toEqual([
      ['status', ['a,b']],
    ]);
    expect(filtering.conditions(op('/none'), {}, fields)).toEqual([]);
  });
});
