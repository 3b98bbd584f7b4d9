import { describe, expect, it } from 'vitest';
import { buildSpecModel, declaresStatus, findResponse, successStatus } from './model.js';

const doc = {
  openapi: '3.1.0',
  servers: [{ url: 'https://api.example/v2' }],
  security: [{ key: [] }],
  paths: {
    '/notes': {
      post: {
        operationId: 'createNote',
        requestBody: { $ref: '#/components/requestBodies/Note' },
        responses: {
          '2XX': { description: 'created' },
          '4XX': { $ref: '#/components/responses/Problem' },
          default: { description: 'other' },
        },
      },
      get: {
        security: [{ basic: [], user: [] }, { bearer: [] }],
        parameters: [
          {
            name: 'X-Trace',
            in: 'header',
            schema: { type: 'string' },
            examples: { a: { value: 't-1' } },
          },
          { name: 'tags', in: 'query', explode: false, schema: { type: 'array' } },
        ],
        responses: { '201': { description: 'x' }, '200': { description: 'y' } },
      },
    },
    '/open': { get: { security: [{}], responses: { '404': { description: 'none' } } } },
  },
  components: {
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      user: { type: 'apiKey', in: 'query', name: 'userIdentifier' },
      basic: { type: 'http', scheme: 'Basic' },
      bearer: { type: 'oauth2', flows: {} },
    },
    requestBodies: {
      Note: {
        required: true,
        content: {
          'application/JSON': { schema: { type: 'object' }, example: { text: 'hi' } },
        },
      },
    },
    responses: {
      Problem: {
        description: 'problem',
        content: {
          'application/problem+json': {
            schema: { type: 'object' },
            examples: { gone: { value: { title: 'Gone' } } },
          },
        },
      },
    },
  },
};

describe('the model of a description', () => {
  const model = buildSpecModel(doc);
  const byId = (method: string, path: string) => {
    const op = model.paths.get(path)?.get(method);
    if (!op) throw new Error(`${method} ${path} missing`);
    return op;
  };

  it('indexes operations by path and method, once per document', () => {
    expect(model.operations.map((o) => o.key)).toEqual(['GET /notes', 'POST /notes', 'GET /open']);
    expect(buildSpecModel(doc)).toBe(model);
    expect(model.basePath).toBe('/v2');
    expect(model.serverUrl).toBe('https://api.example/v2');
    expect(model.defaultMediaType).toBe('application/problem+json');
  });

  it('reads bodies, responses and their examples through references, with schema pointers', () => {
    const post = byId('POST', '/notes');
    expect(post.body).toEqual({
      required: true,
      content: [
        {
          mediaType: 'application/json',
          schema: { type: 'object' },
          schemaPointer: '#/components/requestBodies/Note/content/application~1JSON/schema',
          examples: [{ name: 'example', value: { text: 'hi' } }],
        },
      ],
    });
    expect(post.responses.map((r) => r.status)).toEqual(['2XX', '4XX', 'DEFAULT']);
    expect(findResponse(post, 418)?.content[0]?.examples).toEqual([
      { name: 'gone', value: { title: 'Gone' } },
    ]);
    expect(findResponse(post, 500)?.status).toBe('DEFAULT');
    expect(declaresStatus(post, 201)).toBe(true);
    expect(declaresStatus(post, 500)).toBe(false);
    expect(successStatus(post)).toBe(200);
    expect(successStatus(byId('GET', '/notes'))).toBe(200);
    expect(successStatus(byId('GET', '/open'))).toBe(404);
  });

  it('reads parameters with their styles and first example', () => {
    const [trace, tags] = byId('GET', '/notes').params;
    expect(trace).toMatchObject({ name: 'X-Trace', in: 'header', style: 'simple', explode: false });
    expect(trace?.example).toEqual({ value: 't-1' });
    expect(tags).toMatchObject({ style: 'form', explode: false, required: false });
  });

  it('reads security: API keys, HTTP schemes and OAuth2, alternatives and none', () => {
    expect(byId('POST', '/notes').security).toEqual([
      [{ name: 'key', type: 'apiKey', in: 'header', parameterName: 'X-Key', scheme: undefined }],
    ]);
    expect(byId('GET', '/notes').security).toEqual([
      [
        { name: 'basic', type: 'http', in: undefined, parameterName: undefined, scheme: 'basic' },
        {
          name: 'user',
          type: 'apiKey',
          in: 'query',
          parameterName: 'userIdentifier',
          scheme: undefined,
        },
      ],
      [
        {
          name: 'bearer',
          type: 'oauth2',
          in: undefined,
          parameterName: undefined,
          scheme: undefined,
        },
      ],
    ]);
    expect(byId('GET', '/open').security).toEqual([]);
  });
});
