import { describe, expect, it } from 'vitest';
import { createOracle } from './oracle.js';

// The tests' judge must itself catch what it is there to catch.
const MT = 'application/json';
const problem = { $ref: '#/components/responses/Problem' };
const oracle = createOracle({
  openapi: '3.1.0',
  servers: [{ url: 'https://api.example/v1' }],
  paths: {
    '/notes/{id}': {
      delete: {
        responses: {
          '200': {
            description: 'deleted',
            content: {
              [MT]: {
                schema: {
                  type: 'object',
                  required: ['id'],
                  properties: { id: { type: 'string' } },
                },
              },
            },
          },
          '404': problem,
        },
      },
    },
    '/notes/{id}/xml': {
      get: {
        responses: {
          '200': {
            description: 'the note in XML',
            content: {
              'application/xml': {
                schema: {
                  type: 'object',
                  xml: { name: 'note' },
                  required: ['id'],
                  properties: {
                    id: { type: 'integer' },
                    tag: { type: 'array', items: { type: 'string', xml: { name: 'tag' } } },
                  },
                },
              },
            },
          },
          '404': { description: 'any body', content: { '*/*': { schema: {} } } },
        },
      },
    },
    '/notes/{id}/text': {
      get: {
        responses: {
          '200': {
            description: 'text',
            content: { 'text/plain': { schema: { type: 'string', maxLength: 5 } } },
          },
        },
      },
    },
  },
  components: {
    responses: {
      Problem: {
        description: 'problem',
        content: {
          [MT]: {
            schema: {
              type: 'object',
              required: ['message'],
              properties: { message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
});
const path = '/v1/notes/7';
const error = JSON.stringify({ message: 'Not found' });

describe('oracle', () => {
  it('accepts a declared answer and refuses a wrong body, media type or status', () => {
    expect(
      oracle.check({ method: 'DELETE', path, status: 404, contentType: MT, body: error }),
    ).toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 200, contentType: MT, body: '{"id":"7"}' }),
    ).toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 200, contentType: MT, body: '{"id":7}' }),
    ).not.toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 404, contentType: 'text/html', body: error }),
    ).not.toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 418, contentType: MT, body: error }),
    ).not.toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 503, contentType: MT, body: error }),
    ).not.toEqual([]);
  });

  it('allows HTTP-level refusals in the error format only', () => {
    expect(
      oracle.check({ method: 'DELETE', path, status: 413, contentType: MT, body: error }),
    ).toEqual([]);
    expect(
      oracle.check({ method: 'DELETE', path, status: 413, contentType: MT, body: '{"oops":1}' }),
    ).not.toEqual([]);
    expect(
      oracle.check({
        method: 'GET',
        path: '/v1/nowhere',
        status: 200,
        contentType: MT,
        body: error,
      }),
    ).not.toEqual([]);
    expect(oracle.template('/v1/notes/2/text')).toBe('/notes/{id}/text');
  });

  it('reads an XML body into the value its schema describes', () => {
    const answer = {
      method: 'GET',
      path: `${path}/xml`,
      status: 200,
      contentType: 'application/xml; charset=utf-8',
    };
    expect(
      oracle.check({ ...answer, body: '<note><id>2</id><tag>a</tag><tag>b</tag></note>' }),
    ).toEqual([]);
    // No id; an id that is no integer; another root element; no XML at all.
    for (const body of [
      '<note><tag>a</tag></note>',
      '<note><id>two</id></note>',
      '<memo><id>2</id></memo>',
      '<note><id>2</id>',
    ]) {
      expect(oracle.check({ ...answer, body })).not.toEqual([]);
    }
  });

  it('takes any media type where the answer declares */*', () => {
    const missing = { method: 'GET', path: `${path}/xml`, status: 404 };
    expect(oracle.check({ ...missing, contentType: 'text/plain', body: 'gone' })).toEqual([]);
    expect(oracle.check({ ...missing, contentType: 'application/xml', body: '<gone/>' })).toEqual(
      [],
    );
  });

  it('reads a text body as the string it is', () => {
    const text = { method: 'GET', path: `${path}/text`, status: 200, contentType: 'text/plain' };
    expect(oracle.check({ ...text, body: 'short' })).toEqual([]);
    expect(oracle.check({ ...text, body: 'too long' })).not.toEqual([]);
  });
});
