import { describe, expect, it } from 'vitest';
import { webHandler } from '../../adapters/web.js';
import { createMock } from '../../mock.js';
import { createOracle } from '../../testing/oracle.js';
import { send } from '../../testing/requests.js';

// A plain-JSON API (no JSON:API anywhere), served by the generic profile: its records
// are bare objects, its lists bare arrays, and its errors the description's own
// `{code, message}` objects.
const MT = 'application/json';
const error = (description: string) => ({
  description,
  content: { [MT]: { schema: { $ref: '#/components/schemas/Error' } } },
});
const pet = { $ref: '#/components/schemas/Pet' };
const petId = { name: 'petId', in: 'path', required: true, schema: { type: 'integer' } };
const spec = {
  openapi: '3.1.0',
  info: { title: 'Pets', version: '1' },
  servers: [{ url: 'https://pets.example/v1' }],
  security: [{ key: [] }],
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string', enum: ['available', 'sold'] } },
        ],
        responses: {
          '200': {
            description: 'pets',
            content: { [MT]: { schema: { type: 'array', items: pet } } },
          },
          default: error('an error'),
        },
      },
      post: {
        operationId: 'createPet',
        requestBody: {
          required: true,
          content: {
            [MT]: {
              schema: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: {
                  name: { type: 'string', minLength: 1 },
                  status: { type: 'string', enum: ['available', 'sold'] },
                  tag: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { [MT]: { schema: pet } } },
          '400': error('bad request'),
          '401': error('no key'),
        },
      },
    },
    '/pets/{petId}': {
      parameters: [petId],
      get: {
        operationId: 'getPet',
        responses: {
          '200': {
            description: 'a pet',
            content: {
              [MT]: {
                schema: pet,
                examples: { rex: { value: { id: 1, name: 'Rex', status: 'available' } } },
              },
            },
          },
          '404': error('no such pet'),
        },
      },
      put: {
        operationId: 'updatePet',
        requestBody: {
          content: {
            [MT]: { schema: { type: 'object', properties: { status: { type: 'string' } } } },
          },
        },
        responses: { '200': { description: 'updated', content: { [MT]: { schema: pet } } } },
      },
      delete: { operationId: 'deletePet', responses: { '204': { description: 'gone' } } },
    },
  },
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name', 'status'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          status: { type: 'string', enum: ['available', 'sold'] },
          tag: { type: 'string' },
        },
      },
      Error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'integer' }, message: { type: 'string' } },
      },
    },
  },
};
const oracle = createOracle(spec);
const key: Record<string, string> = { 'x-key': 'anything', 'content-type': MT };

describe('the generic profile on a plain-JSON description', () => {
  const handler = webHandler(createMock({ spec, mode: 'stateful', randomSeed: 3 }).handle);
  const call = async (method: string, path: string, body?: unknown, headers = key) => {
    const sent = await send(handler, oracle, {
      method,
      path: `/v1${path}`,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(sent.problems, `${method} ${path}`).toEqual([]);
    return sent;
  };

  it('creates, reads, lists, filters, updates and deletes bare records', async () => {
    const created = await call('POST', '/pets', { name: 'Tom', tag: 'cat' });
    expect(created.status).toBe(201);
    const tom = created.json as { id: number; name: string; status: string; tag: string };
    expect(tom).toMatchObject({ name: 'Tom', tag: 'cat' });
    expect(typeof tom.id).toBe('number');
    expect((await call('GET', `/pets/${tom.id}`)).json).toEqual(tom);
    // The example record is there too, for the documented example request.
    expect((await call('GET', '/pets/1')).json).toEqual({
      id: 1,
      name: 'Rex',
      status: 'available',
    });
    const all = (await call('GET', '/pets')).json as { id: number }[];
    expect(all.map((p) => p.id)).toEqual([1, tom.id]);

    await call('PUT', `/pets/${tom.id}`, { status: 'sold' });
    const filtered = await send(handler, oracle, {
      method: 'GET',
      path: '/v1/pets',
      query: 'status=sold',
      headers: key,
    });
    expect((filtered.json as { id: number }[]).map((p) => p.id)).toEqual([tom.id]);

    expect((await call('DELETE', `/pets/${tom.id}`)).status).toBe(204);
    expect((await call('GET', `/pets/${tom.id}`)).status).toBe(404);
  });

  it('answers every refusal in the description’s own error format', async () => {
    const missing = await call('GET', '/pets/999');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ code: 404, message: 'Resource not found' });

    const invalid = await call('POST', '/pets', { name: '', colour: 'red' });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toEqual({
      code: 400,
      message: 'name is missing or empty; colour is invalid',
    });

    const malformed = await call('POST', '/pets', undefined, key);
    expect(malformed.status).toBe(400);
    const noKey = await call('POST', '/pets', { name: 'Kit' }, { 'content-type': MT });
    expect(noKey.status).toBe(401);
    expect(noKey.json).toEqual({ code: 401, message: 'Credentials are missing' });

    // Undeclared statuses take the operation's first error format.
    const wrongType = await call('POST', '/pets', 'name=Kit', {
      ...key,
      'content-type': 'text/plain',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json).toMatchObject({ code: 415 });
    // A status declared without a body is answered without one; outside any operation,
    // the document's first error format is used.
    const nowhere = await call('GET', '/nowhere');
    expect(nowhere.status).toBe(404);
    expect(nowhere.json).toEqual({ code: 404, message: 'No operation matches this path' });
  });
});
