import { buildSpecModel } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { errorDocuments, TITLES } from './errors.js';

const MT = 'application/vnd.api+json';
const spec = buildSpecModel({
  openapi: '3.1.0',
  paths: {
    '/notify': {
      post: {
        responses: {
          '200': { description: 'ok' },
          '422': {
            description: 'one error object, as documented',
            content: {
              [MT]: { examples: { one: { value: { errors: { title: 'x', status: '422' } } } } },
            },
          },
          '400': {
            description: 'a list',
            content: { [MT]: { example: { errors: [{ title: 'x', status: '400' }] } } },
          },
        },
      },
    },
  },
  components: { responses: { other: { description: 'x', content: { 'application/json': {} } } } },
});
const op = spec.operations[0];
const errors = errorDocuments(spec);
const problems = (status: number) => [
  { title: 'a', status },
  { title: 'b', status },
];

describe('API v3 error documents', () => {
  it('lists the problems, with the status as a string', () => {
    expect(errors.render(op, 400, problems(400))).toEqual({
      mediaType: MT,
      value: {
        errors: [
          { title: 'a', status: '400' },
          { title: 'b', status: '400' },
        ],
      },
    });
  });

  it('uses the single-object form where the operation documents it', () => {
    expect(errors.render(op, 422, problems(422)).value).toEqual({
      errors: { title: 'a', status: '422' },
    });
  });

  it('answers outside any operation in the description’s usual media type', () => {
    expect(errors.render(undefined, 404, [{ title: 'gone', status: 404 }])).toEqual({
      mediaType: MT,
      value: { errors: [{ title: 'gone', status: '404' }] },
    });
  });

  it('words the engine’s refusals as the API does', () => {
    expect(TITLES.missing?.('account_ids')).toBe(
      'param is missing or the value is empty: account_ids',
    );
    expect(TITLES.invalid?.('amount.total')).toBe('param is invalid: amount.total');
    expect(TITLES.credentialsMissing).toBe('API token is missing');
  });
});
