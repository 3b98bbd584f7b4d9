import { describe, expect, it } from 'vitest';
import { createMockHandler } from './index.js';
import { createOracle } from './test-support/oracle.js';
import { send } from './test-support/requests.js';

// The engine on a document of another API: nothing ActivePlatform-specific applies.
const spec = {
  openapi: '3.1.0',
  info: { title: 'Uploads', version: '1' },
  servers: [{ url: 'https://uploads.example/v2' }],
  security: [{ key: [] }],
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    schemas: {
      Upload: {
        type: 'object',
        required: ['id', 'name', 'size'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          size: { type: 'integer' },
        },
      },
      Problem: { type: 'object', required: ['errors'], properties: { errors: { type: 'array' } } },
    },
    responses: {
      Problem: {
        description: 'problem',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    },
  },
  paths: {
    '/uploads': {
      post: {
        operationId: 'createUpload',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['name', 'size', 'file'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  size: { type: 'integer', minimum: 1 },
                  tags: { type: 'array', items: { type: 'string' } },
                  file: { type: 'string', format: 'binary' },
                },
              },
            },
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['name', 'size'],
                properties: { name: { type: 'string' }, size: { type: 'integer' } },
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'created',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Upload' } } },
          },
          '401': { $ref: '#/components/responses/Problem' },
          '422': { $ref: '#/components/responses/Problem' },
        },
      },
    },
    '/public': {
      get: {
        security: [],
        responses: {
          '200': { description: 'ok', content: { 'text/plain': { schema: { type: 'string' } } } },
        },
      },
    },
  },
};
const oracle = createOracle(spec);

describe('the engine on another document', () => {
  const handler = createMockHandler({ spec, profile: 'generic' });

  it('takes multipart and urlencoded bodies, typed after their schema', async () => {
    const form = new FormData();
    form.append('name', 'report.pdf');
    form.append('size', '2048');
    form.append('tags', 'a');
    form.append('tags', 'b');
    form.append('file', new Blob(['%PDF-1.4']), 'report.pdf');
    const multipart = await handler(
      new Request('https://uploads.example/v2/uploads', {
        method: 'POST',
        headers: { 'x-key': 'any' },
        body: form,
      }),
    );
    expect(multipart.status).toBe(201);

    const sent = await send(handler, oracle, {
      method: 'POST',
      path: '/v2/uploads',
      headers: { 'x-key': 'any', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=notes.txt&size=12',
    });
    expect(sent.status).toBe(201);
    expect(sent.problems).toEqual([]);
  });

  it('refuses form fields that break the schema', async () => {
    const form = new FormData();
    form.append('name', 'report.pdf');
    form.append('size', 'big');
    const response = await handler(
      new Request('https://uploads.example/v2/uploads', {
        method: 'POST',
        headers: { 'x-key': 'any' },
        body: form,
      }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      errors: [
        { title: 'param is missing or the value is empty: size', status: '422' },
        { title: 'param is missing or the value is empty: file', status: '422' },
      ],
    });
  });

  it('accepts any non-empty key without the ActivePlatform layer, and none where the operation needs none', async () => {
    const missing = await send(handler, oracle, {
      method: 'POST',
      path: '/v2/uploads',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=a&size=1',
    });
    expect(missing.status).toBe(401);
    expect(missing.problems).toEqual([]);
    const open = await send(handler, oracle, { method: 'GET', path: '/v2/public' });
    expect(open.status).toBe(200);
    expect(open.problems).toEqual([]);
  });
});
