import { buildSpecModel } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { createMock, type MockSettings } from '../mock.js';
import { createOracle } from '../testing/oracle.js';
import { send } from '../testing/requests.js';
import type { Dialect } from './dialect.js';

// One request's way through the engine, on a small description with an error format of
// its own (`{status, titles}`), spoken by a small dialect.
const MT = 'application/json';
const ERR = 'application/problem+json';
const problem = { $ref: '#/components/responses/Problem' };
const note = { $ref: '#/components/schemas/Note' };
const spec = {
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1' },
  servers: [{ url: 'https://notes.example/api' }],
  security: [{ token: [] }],
  paths: {
    '/notes': {
      get: {
        operationId: 'listNotes',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1 } },
          { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'notes',
            content: { [MT]: { schema: { type: 'array', items: note } } },
          },
          '400': problem,
        },
      },
      post: {
        operationId: 'createNote',
        requestBody: {
          required: true,
          content: {
            [MT]: {
              schema: {
                type: 'object',
                required: ['text'],
                properties: { text: { type: 'string', minLength: 1 } },
              },
            },
          },
        },
        responses: {
          '201': { description: 'created', content: { [MT]: { schema: note } } },
          '422': problem,
        },
      },
    },
    '/notes/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: {
        operationId: 'getNote',
        responses: {
          '200': {
            description: 'a note',
            content: {
              [MT]: {
                schema: note,
                examples: {
                  first: { value: { id: 1, text: 'one' } },
                  second: { value: { id: 2, text: 'two' } },
                },
              },
            },
          },
          '404': problem,
        },
      },
      delete: { operationId: 'deleteNote', responses: { '204': { description: 'gone' } } },
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
  components: {
    securitySchemes: { token: { type: 'apiKey', in: 'header', name: 'X-Token' } },
    schemas: {
      Note: {
        type: 'object',
        required: ['id', 'text'],
        properties: { id: { type: 'integer' }, text: { type: 'string' } },
      },
    },
    responses: {
      Problem: {
        description: 'problem',
        content: {
          [ERR]: {
            schema: {
              type: 'object',
              required: ['status', 'titles'],
              properties: {
                status: { type: 'integer' },
                titles: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  },
};
const oracle = createOracle(spec);

const dialect: Dialect = {
  name: 'notes',
  errors: {
    titles: { credentialsInvalid: 'Who are you?' },
    render: (_op, status, problems) => ({
      mediaType: ERR,
      value: { status, titles: problems.map((p) => p.title) },
    }),
  },
  authenticate: ({ credentials }) =>
    credentials[0]?.type === 'apiKey' && credentials[0].value.startsWith('good')
      ? { id: credentials[0].value }
      : undefined,
  authorize: ({ op, params, principal }) =>
    op.operationId === 'deleteNote' && principal?.id !== 'good-admin' && params.path.id === 1
      ? { status: 403, title: 'Only the admin deletes note 1' }
      : undefined,
};

function handlerOf(settings: Partial<MockSettings> = {}) {
  return webHandler(createMock({ spec, dialect, randomSeed: 1, ...settings }).handle);
}

const headers = { 'x-token': 'good-user', 'x-trace': 't', 'content-type': MT };

describe('the pipeline', () => {
  const handler = handlerOf({ bodyLimit: 64 });
  const call = async (
    method: string,
    path: string,
    init: { query?: string; headers?: Record<string, string>; body?: string } = {},
  ) => {
    const sent = await send(handler, oracle, {
      method,
      path: `/api${path}`,
      query: init.query ?? '',
      headers: init.headers ?? headers,
      body: init.body,
    });
    expect(sent.problems, `${method} ${path}`).toEqual([]);
    return sent;
  };
  const titles = (sent: { json: unknown }) => (sent.json as { titles: string[] }).titles;

  it('routes, answers from examples, and refuses unknown paths and methods', async () => {
    const found = await call('GET', '/notes/1');
    expect(found.status).toBe(200);
    expect(found.json).toEqual({ id: 1, text: 'one' });
    const unknown = await call('GET', '/elsewhere');
    expect(unknown.status).toBe(404);
    expect(titles(unknown)).toEqual(['No operation matches this path']);
    const method = await call('PUT', '/notes/1');
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, DELETE');
    const head = await handler(
      new Request('https://notes.example/api/notes/1', { method: 'HEAD', headers }),
    );
    expect([head.status, await head.text()]).toEqual([200, '']);
    const text = await call('GET', '/public', { headers: {} });
    expect([text.status, text.headers.get('content-type')]).toEqual([200, 'text/plain']);
  });

  it('answers CORS preflights unless CORS is off', async () => {
    const preflight = await handler(
      new Request('https://notes.example/api/notes/1', {
        method: 'OPTIONS',
        headers: { 'access-control-request-headers': 'x-token' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('x-token');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    const closed = await handlerOf({ cors: false })(
      new Request('https://notes.example/api/notes/1', { method: 'OPTIONS' }),
    );
    expect(closed.status).toBe(405);
    expect(closed.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('checks credentials with the dialect: missing, unknown, denied', async () => {
    const missing = await call('GET', '/notes/1', { headers: {} });
    expect([missing.status, titles(missing)]).toEqual([401, ['Credentials are missing']]);
    const unknown = await call('GET', '/notes/1', { headers: { 'x-token': 'bad' } });
    expect([unknown.status, titles(unknown)]).toEqual([401, ['Who are you?']]);
    const denied = await call('DELETE', '/notes/1');
    expect([denied.status, titles(denied)]).toEqual([403, ['Only the admin deletes note 1']]);
    expect(
      (await call('DELETE', '/notes/1', { headers: { 'x-token': 'good-admin' } })).status,
    ).toBe(204);
    const anyToken = handlerOf({ acceptAnyToken: true });
    const passed = await send(anyToken, oracle, {
      method: 'GET',
      path: '/api/notes/1',
      headers: { 'x-token': 'bad' },
    });
    expect(passed.status).toBe(200);
  });

  it('refuses parameters that break their schemas, in the status the operation declares', async () => {
    const limit = await call('GET', '/notes', { query: 'limit=0' });
    expect([limit.status, titles(limit)]).toEqual([400, ['limit is invalid']]);
    const header = await call('GET', '/notes', { headers: { 'x-token': 'good' } });
    expect([header.status, titles(header)]).toEqual([400, ['x-trace is missing or empty']]);
    const id = await call('GET', '/notes/abc');
    expect([id.status, titles(id)]).toEqual([404, ['id is missing or empty']]);
  });

  it('refuses bodies: too large, of another media type, malformed, breaking the schema', async () => {
    const large = await call('POST', '/notes', { body: JSON.stringify({ text: 'x'.repeat(100) }) });
    expect([large.status, titles(large)]).toEqual([413, ['Request body is larger than 64 bytes']]);
    const media = await call('POST', '/notes', {
      headers: { ...headers, 'content-type': 'text/csv' },
      body: 'text',
    });
    expect([media.status, titles(media)]).toEqual([
      415,
      ['Unsupported media type text/csv; send application/json'],
    ]);
    const malformed = await call('POST', '/notes', { body: '{"text":' });
    expect([malformed.status, titles(malformed)]).toEqual([400, ['Malformed request body']]);
    const invalid = await call('POST', '/notes', { body: '{"text":""}' });
    expect([invalid.status, titles(invalid)]).toEqual([422, ['text is missing or empty']]);
    const fine = await call('POST', '/notes', {
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      body: '{"text":"hi"}',
    });
    expect(fine.status).toBe(201);
  });

  it('answers the response, example or random data Prefer asks for', async () => {
    const prefer = (value: string) =>
      call('GET', '/notes/1', { headers: { ...headers, prefer: value } });
    expect((await prefer('example=second')).json).toEqual({ id: 2, text: 'two' });
    const notFound = await prefer('code=404');
    expect(notFound.status).toBe(404);
    const dynamic = await prefer('dynamic=true');
    expect(dynamic.status).toBe(200);
    const undeclared = await prefer('code=418');
    expect([undeclared.status, titles(undeclared)]).toEqual([
      404,
      ['The operation declares no response with status 418'],
    ]);
    const noExample = await prefer('example=third');
    expect(titles(noExample)).toEqual(['The response 200 has no example named third']);
  });
});

describe('administration', () => {
  it('resets, reads and replaces the state with the secret, and can be turned off', async () => {
    const mock = createMock({ spec, dialect, mode: 'stateful', adminSecret: 's3cret' });
    const handler = webHandler(mock.handle);
    const admin = { 'x-mock-admin-secret': 's3cret' };
    const start = mock.snapshot();
    expect(start.format).toBe('mock-state');
    await handler(
      new Request('https://notes.example/api/notes/2', {
        method: 'DELETE',
        headers: { 'x-token': 'good' },
      }),
    );
    expect(mock.snapshot()).not.toEqual(start);
    const reset = await handler(
      new Request('http://x/__mock/reset', { method: 'POST', headers: admin }),
    );
    expect(reset.status).toBe(204);
    expect(mock.snapshot()).toEqual(start);
    const read = await handler(new Request('http://x/__mock/state', { headers: admin }));
    expect(await read.json()).toEqual(start);
    const bad = await handler(
      new Request('http://x/__mock/state', { method: 'PUT', body: '[]', headers: admin }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      status: 400,
      titles: ['Cannot load this state: The state: /tables: a mock state needs a "tables" object'],
    });
    const off = webHandler(
      createMock({ spec, dialect, adminPath: false, adminSecret: 's' }).handle,
    );
    expect((await off(new Request('http://x/__mock/state', { headers: admin }))).status).toBe(404);
  });
});

describe('the model it runs on', () => {
  it('is the description read once', () => {
    expect(createMock({ spec }).spec).toBe(buildSpecModel(spec));
  });
});
