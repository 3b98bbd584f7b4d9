// @ts-check
import { describe, expect, it } from 'vitest';
import { baseUrlOf, operationsOf, preferences, recordPairs } from '../src/pairs.mjs';

const json = 'application/vnd.api+json';
const doc = {
  openapi: '3.1.0',
  info: { title: 'Things', version: '1' },
  servers: [{ url: '{base}/v1', variables: { base: { default: 'https://api.example.com' } } }],
  security: [{ Token: [] }],
  paths: {
    '/things/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: {
        operationId: 'getThing',
        parameters: [
          {
            name: 'filter',
            in: 'query',
            style: 'deepObject',
            schema: { type: 'object' },
            examples: { byName: { value: { name: 'a b', ids: [1, 2] } } },
          },
          { name: 'tags', in: 'query', schema: { type: 'array' }, example: ['x', 'y'] },
          {
            name: 'fields',
            in: 'query',
            explode: false,
            schema: { type: 'array' },
            example: ['p', 'q'],
          },
          { name: 'X-Trace', in: 'header', schema: { type: 'string' }, example: 't-1' },
          { name: 'sort', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '2XX': {
            description: 'The thing.',
            content: { [json]: { examples: { one: { value: {} }, two: { value: {} } } } },
          },
          404: { $ref: '#/components/responses/NotFound' },
        },
      },
      post: {
        operationId: 'replaceThing',
        security: [],
        requestBody: {
          content: { [json]: { schema: { type: 'object' }, example: { name: 'b' } } },
        },
        responses: { 204: { description: 'Replaced.' }, 400: { description: 'Bad.' } },
      },
      patch: {
        operationId: 'updateThing',
        requestBody: { $ref: '#/components/requestBodies/Update' },
        responses: { 200: { description: 'Updated.' }, 422: { description: 'Invalid.' } },
      },
    },
  },
  components: {
    securitySchemes: { Token: { type: 'apiKey', in: 'header', name: 'X-Token' } },
    parameters: {
      Id: { name: 'id', in: 'path', required: true, schema: { type: 'integer', examples: [7] } },
    },
    requestBodies: {
      Update: {
        required: true,
        content: {
          [json]: { schema: { type: 'object' }, examples: { rename: { value: { name: 'c' } } } },
        },
      },
    },
    responses: {
      NotFound: {
        description: 'Not found.',
        content: { [json]: { examples: { missing: { value: { errors: [] } } } } },
      },
    },
  },
};

/** Records with a fetch that keeps every request it is sent and answers 200. */
async function record() {
  /** @type {{ mode: string, request: Request, body: string }[]} */
  const sent = [];
  const pairs = await recordPairs({
    doc,
    credential: 's3cret',
    createFetch: (mode) => async (request) => {
      sent.push({ mode, request, body: await request.clone().text() });
      return new Response('{"ok":true}', { status: 200, headers: { 'content-type': json } });
    },
  });
  return { pairs, sent };
}

describe('recordPairs', () => {
  it('builds requests from the examples: path, deepObject, form and header parameters', async () => {
    const { pairs } = await record();
    const get = pairs.find((p) => p.label === 'getThing (stateless)');
    expect(get?.request).toEqual({
      method: 'GET',
      url: 'https://api.example.com/v1/things/7?filter[name]=a%20b&filter[ids]=1%2C2&tags=x&tags=y&fields=p%2Cq',
      headers: { 'X-Trace': 't-1', 'X-Token': 'redacted' },
      body: null,
    });
    expect(get?.requestValid).toBe(true);
    expect(get?.response).toEqual({
      status: 200,
      headers: { 'content-type': json },
      body: '{"ok":true}',
    });
  });

  it('sends the credential but never records it', async () => {
    const { pairs, sent } = await record();
    expect(sent.every((s) => s.request.headers.get('X-Token') !== 'redacted')).toBe(true);
    expect(
      sent.filter((s) => s.request.headers.get('X-Token') === 's3cret').length,
    ).toBeGreaterThan(5);
    expect(JSON.stringify(pairs)).not.toContain('s3cret');
  });

  it('records each operation: default, every declared answer and example, refusals, stateful', async () => {
    const { pairs, sent } = await record();
    expect(pairs.map((p) => [p.label, p.requestValid])).toEqual([
      ['getThing (stateless)', true],
      ['getThing (stateless, Prefer: code=404, example=missing)', true],
      ['getThing (stateless, Prefer: example=one)', true],
      ['getThing (stateless, Prefer: example=two)', true],
      ['getThing (stateless, no credential)', false],
      ['getThing (stateful)', true],
      ['replaceThing (stateless)', true],
      ['replaceThing (stateless, Prefer: code=204)', true],
      ['replaceThing (stateless, Prefer: code=400)', true],
      ['replaceThing (stateless, body of the wrong type)', false],
      ['replaceThing (stateless, body not JSON)', false],
      ['replaceThing (stateful)', true],
      ['updateThing (stateless)', true],
      ['updateThing (stateless, Prefer: code=200)', true],
      ['updateThing (stateless, Prefer: code=422)', true],
      ['updateThing (stateless, no credential)', false],
      ['updateThing (stateless, body of the wrong type)', false],
      ['updateThing (stateful)', true],
    ]);
    expect(sent.map((s) => s.mode)).toEqual(
      pairs.map((p) => (p.label.includes('stateful') ? 'stateful' : 'stateless')),
    );
    const bodies = Object.fromEntries(
      pairs.filter((p) => p.operationId === 'updateThing').map((p) => [p.label, p.request.body]),
    );
    expect(bodies).toMatchObject({
      'updateThing (stateless)': '{"name":"c"}',
      'updateThing (stateless, body of the wrong type)': '[]',
    });
    const notJson = pairs.find((p) => p.label === 'replaceThing (stateless, body not JSON)');
    expect(() => JSON.parse(notJson?.request.body ?? '')).toThrow();
    expect(notJson?.request.headers).toEqual({ 'Content-Type': json });
  });
});

describe('helpers', () => {
  it('resolves the server URL with its variables at their defaults', () => {
    expect(baseUrlOf(doc)).toBe('https://api.example.com/v1');
    expect(baseUrlOf({})).toBe('http://localhost');
  });

  it('lists the Prefer headers of every declared answer, by code or, for ranges, by example', () => {
    const [get, replace] = operationsOf(doc);
    expect(get && preferences(doc, get)).toEqual([
      'code=404, example=missing',
      'example=one',
      'example=two',
    ]);
    expect(replace && preferences(doc, replace)).toEqual(['code=204', 'code=400']);
  });
});
