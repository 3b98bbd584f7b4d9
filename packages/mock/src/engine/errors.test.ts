import { describe, expect, it } from 'vitest';
import { createRuntimeValidators } from './ajv.js';
import { bodyProblems, errorDocument, paramProblems } from './errors.js';
import { buildSpecModel } from './openapi.js';
import type { ErrorObject } from './validation.js';

const schema = {
  type: 'object',
  required: ['account_ids', 'start_date'],
  properties: {
    account_ids: { type: 'array', minItems: 1, items: { type: 'integer' } },
    start_date: { type: 'string', format: 'date' },
    amount: { type: 'object', properties: { total: { type: 'string', pattern: '^[0-9]+$' } } },
  },
};
const doc = {
  openapi: '3.1.0',
  paths: {
    '/n': {
      post: {
        requestBody: { content: { 'application/json': { schema } } },
        responses: {
          '200': { description: 'ok' },
          '422': {
            description: 'single',
            content: {
              'application/json': {
                examples: { one: { value: { errors: { title: 'x', status: '422' } } } },
              },
            },
          },
        },
      },
    },
  },
};
const model = buildSpecModel(doc);
const validate = createRuntimeValidators(model).get('B POST /n application/json');

function problems(body: unknown) {
  if (!validate) throw new Error('no validator');
  expect(validate(body)).toBe(false);
  return bodyProblems(doc, schema, validate.errors ?? [], 422).map((p) => p.title);
}

describe('error documents', () => {
  it('names the member at fault, in the schema’s order', () => {
    expect(problems({ account_ids: [] })).toEqual([
      'param is missing or the value is empty: account_ids',
      'param is missing or the value is empty: start_date',
    ]);
    expect(problems({ account_ids: ['x'], start_date: '2019-13-45' })).toEqual([
      'param is missing or the value is empty: account_ids',
      'param is invalid: start_date',
    ]);
    expect(
      problems({ account_ids: [1], start_date: '2019-11-01', amount: { total: 'ten' } }),
    ).toEqual(['param is invalid: amount.total']);
    expect(problems([1])).toEqual(['param is missing or the value is empty: account_ids']);
  });

  it('names query members in bracket form', () => {
    const errors = [
      { instancePath: '/query/filter', keyword: 'required', params: { missingProperty: 'key' } },
      { instancePath: '/path/id', keyword: 'type', params: { type: 'integer' } },
    ] as unknown as ErrorObject[];
    expect(paramProblems(errors, 400).map((p) => p.title)).toEqual([
      'param is missing or the value is empty: filter[key]',
      'param is missing or the value is empty: id',
    ]);
  });

  it('uses the single-object form where the operation documents it', () => {
    const op = model.operations[0];
    expect(
      errorDocument(op, 422, [
        { title: 'a', status: 422 },
        { title: 'b', status: 422 },
      ]),
    ).toEqual({
      errors: { title: 'a', status: '422' },
    });
    expect(errorDocument(op, 400, [{ title: 'a', status: 400 }])).toEqual({
      errors: [{ title: 'a', status: '400' }],
    });
  });
});
