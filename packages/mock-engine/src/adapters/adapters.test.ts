import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock } from '../mock.js';
import { mswHandlers } from './msw.js';
import { serve } from './server.js';
import { fetchFor, webHandler } from './web.js';

const MT = 'application/json';
const spec = {
  openapi: '3.1.0',
  info: { title: 'Echo', version: '1' },
  servers: [{ url: 'https://echo.example/v1' }],
  paths: {
    '/items/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      get: {
        responses: {
          '200': {
            description: 'item',
            content: { [MT]: { schema: { type: 'object' }, example: { id: 1 } } },
          },
        },
      },
    },
    '/items': {
      post: {
        requestBody: { content: { [MT]: { schema: { type: 'object' } } } },
        responses: {
          '201': { description: 'ok', content: { [MT]: { schema: { type: 'object' } } } },
        },
      },
    },
  },
};

describe('fetch adapter', () => {
  it('serves absolute and relative URLs and Request objects', async () => {
    const mockFetch = fetchFor(webHandler(createMock({ spec }).handle));
    expect((await mockFetch('https://echo.example/v1/items/1')).status).toBe(200);
    expect(await (await mockFetch('/v1/items/1')).json()).toEqual({ id: 1 });
    expect((await mockFetch(new Request('http://other.test/v1/items/1'))).status).toBe(200);
    await expect(mockFetch('http://x', { method: 'GET', body: 'no' })).rejects.toThrow(TypeError);
  });
});

describe('server adapter', () => {
  it('listens on 127.0.0.1, limits bodies and calls back before it closes', async () => {
    let closed = 0;
    const server = await serve(createMock({ spec }).handle, {
      port: 0,
      bodyLimit: 16,
      beforeClose: () => {
        closed++;
      },
    });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      expect((await fetch(`${server.url}/v1/items/1`)).status).toBe(200);
      const small = await fetch(`${server.url}/v1/items`, {
        method: 'POST',
        headers: { 'content-type': MT },
        body: '{"a":1}',
      });
      expect(small.status).toBe(201);
      const large = await fetch(`${server.url}/v1/items`, {
        method: 'POST',
        headers: { 'content-type': MT },
        body: JSON.stringify({ a: 'x'.repeat(100) }),
      });
      expect(large.status).toBe(413);
    } finally {
      await server.close();
    }
    expect(closed).toBe(1);
  });
});

describe('MSW adapter', () => {
  const server = setupServer(
    ...mswHandlers(webHandler(createMock({ spec, faults: { dropRate: 0 } }).handle), {
      baseUrl: 'https://echo.example/',
      basePath: '/v1',
      paths: Object.keys(spec.paths),
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('answers the description’s paths and anything else below the base URL', async () => {
    expect((await fetch('https://echo.example/v1/items/1')).status).toBe(200);
    expect((await fetch('https://echo.example/v1/nothing')).status).toBe(404);
  });

  it('turns dropped connections into network errors', async () => {
    server.use(
      ...mswHandlers(webHandler(createMock({ spec, faults: { dropRate: 1 } }).handle), {
        baseUrl: 'http://drop.test',
        basePath: '',
        paths: [],
      }),
    );
    await expect(fetch('http://drop.test/v1/items/1')).rejects.toThrow(TypeError);
    server.resetHandlers();
  });
});
