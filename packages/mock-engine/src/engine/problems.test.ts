import { buildSpecModel } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { createRuntimeValidators } from './ajv.js';
import { bodyProblems, DEFAULT_TITLES, paramProblems, type Titles } from './problems.js';
import type { ErrorObject } from './validation.js';

const schema = {
  type: 'object',
  required: ['account_ids', 'start_date'],
  properties: {
    account_ids: { type: 'array', minItems: 1, items: { type: 'integer' } },
    start_date: { type: 'string', format: 'date' },
    amount: {
      type: 'object',
      additionalProperties: false,
      properties: { total: { type: 'string', pattern: '^[0-9]+$' } },
    },
  },
};
const doc = {
  openapi: '3.1.0',
  paths: {
    '/n': {
      post: {
        requestBody: { content: { 'application/json': { schema } } },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};
const validate = createRuntimeValidators(buildSpecModel(doc)).get('B POST /n application/json');
const titles: Titles = {
  ...DEFAULT_TITLES,
  missing: (name) => `missing: ${name}`,
  invalid: (name) => `invalid: ${name}`,
};

function problems(body: unknown) {
  if (!validate) throw new Error('no validator');
  expect(validate(body)).toBe(false);
  return bodyProblems(titles, doc, schema, validate.errors ?? [], 422).map((p) => p.title);
}

describe('problems', () => {
  it('names the member at fault in the dialect’s words, in the schema’s order', () => {
    expect(problems({ account_ids: [] })).toEqual(['missing: account_ids', 'missing: start_date']);
    expect(problems({ account_ids: ['x'], start_date: '2019-13-45' })).toEqual([
      'missing: account_ids',
      'invalid: start_date',
    ]);
    expect(
      problems({ account_ids: [1], start_date: '2019-11-01', amount: { total: 'ten' } }),
    ).toEqual(['invalid: amount.total']);
    expect(problems({ account_ids: [1], start_date: '2019-11-01', amount: { extra: 1 } })).toEqual([
      'invalid: amount.extra',
    ]);
    expect(problems([1])).toEqual(['missing: account_ids']);
  });

  it('names query members in bracket form', () => {
    const errors = [
      { instancePath: '/query/filter', keyword: 'required', params: { missingProperty: 'key' } },
      { instancePath: '/path/id', keyword: 'type', params: { type: 'integer' } },
    ] as unknown as ErrorObject[];
    expect(paramProblems(titles, errors, 400)).toEqual([
      { title: 'missing: filter[key]', status: 400 },
      { title: 'missing: id', status: 400 },
    ]);
  });
});
