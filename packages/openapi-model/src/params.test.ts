import { describe, expect, it } from 'vitest';
import { buildSpecModel } from './model.js';
import { formatQueryString, parseParams, parseQueryString, queryPairs } from './params.js';

const doc = {
  openapi: '3.1.0',
  paths: {
    '/items/{id}': {
      get: {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          {
            name: 'page',
            in: 'query',
            style: 'deepObject',
            schema: {
              type: 'object',
              properties: { size: { type: 'integer' }, number: { type: 'integer' } },
            },
          },
          {
            name: 'filter',
            in: 'query',
            style: 'deepObject',
            schema: {
              type: 'object',
              properties: {
                status: { type: 'string' },
                trial: { type: 'boolean' },
                ids: { type: 'array', items: { type: 'integer' } },
              },
            },
          },
          { name: 'tags', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          {
            name: 'ids',
            in: 'query',
            explode: false,
            schema: { type: 'array', items: { type: 'integer' } },
          },
          { name: 'X-Trace', in: 'header', schema: { type: 'number' } },
          { name: 'session', in: 'cookie', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};
const model = buildSpecModel(doc);
const op = model.operations[0];

function parse(query: string, headers: Record<string, string> = {}) {
  if (!op) throw new Error('no operation');
  return parseParams(doc, op, { id: '12' }, parseQueryString(query), (name) => headers[name]);
}

describe('parameters', () => {
  it('reads deepObject families and types their members', () => {
    const parsed = parse(
      'page[size]=2&page[number]=3&filter[status]=active,stopped&filter[trial]=true&filter[ids]=1,2',
    );
    expect(parsed.query.page).toEqual({ size: 2, number: 3 });
    expect(parsed.query.filter).toEqual({ status: 'active,stopped', trial: true, ids: [1, 2] });
    expect(parsed.path.id).toBe(12);
  });

  it('keeps a member named __proto__ as a member, for a checker to refuse', () => {
    const page = parse('page[__proto__]=1&filter[__proto__]=x').query.page as object;
    expect(Object.getPrototypeOf(page)).toBe(Object.prototype);
    expect(Object.keys(page)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('reads percent-encoded brackets too', () => {
    expect(parse('page%5Bsize%5D=5').query.page).toEqual({ size: 5 });
  });

  it('leaves values it cannot type as they are, for the validator to refuse', () => {
    expect(parse('page[size]=many').query.page).toEqual({ size: 'many' });
  });

  it('reads repeated and comma-separated arrays, headers and cookies', () => {
    const parsed = parse('tags=a&tags=b&ids=4,5', {
      'x-trace': '1.5',
      cookie: 'other=1; session=abc%20d',
    });
    expect(parsed.query.tags).toEqual(['a', 'b']);
    expect(parsed.query.ids).toEqual([4, 5]);
    expect(parsed.header['x-trace']).toBe(1.5);
    expect(parsed.cookie.session).toBe('abc d');
  });

  it('splits a query string without choking on bad escapes', () => {
    expect(parseQueryString('a=1&b=%ZZ&&c&d=x+y')).toEqual([
      ['a', '1'],
      ['b', '%ZZ'],
      ['c', ''],
      ['d', 'x y'],
    ]);
  });
});

describe('writing parameters', () => {
  const param = (name: string) => {
    const found = op?.params.find((p) => p.name === name);
    if (!found) throw new Error(`no parameter ${name}`);
    return found;
  };

  it('writes each style so that reading it back gives the same values', () => {
    const pairs = [
      ...queryPairs(param('page'), { size: 2, number: 3 }),
      ...queryPairs(param('filter'), { status: 'active', ids: [1, 2] }),
      ...queryPairs(param('tags'), ['a', 'b']),
      ...queryPairs(param('ids'), [4, 5]),
    ];
    const query = formatQueryString(pairs);
    expect(query).toBe(
      'page[size]=2&page[number]=3&filter[status]=active&filter[ids]=1%2C2&tags=a&tags=b&ids=4%2C5',
    );
    const parsed = parse(query);
    expect(parsed.query).toEqual({
      page: { size: 2, number: 3 },
      filter: { status: 'active', ids: [1, 2] },
      tags: ['a', 'b'],
      ids: [4, 5],
    });
  });

  it('writes nothing for an absent value', () => {
    expect(queryPairs(param('page'), undefined)).toEqual([]);
  });
});
