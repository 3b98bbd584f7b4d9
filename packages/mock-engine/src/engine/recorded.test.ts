import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Recording } from '@proseapi/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { createMock, loadFixtures } from '../mock.js';

const MT = 'application/json';
const spec = {
  openapi: '3.1.0',
  info: { title: 'Things', version: '1' },
  paths: {
    '/things/{id}': {
      get: {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'a', in: 'query', schema: { type: 'string' } },
          { name: 'b', in: 'query', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'a thing',
            content: {
              [MT]: {
                schema: { type: 'object', properties: { name: { type: 'string' } } },
                examples: { one: { value: { name: 'from the example' } } },
              },
            },
          },
        },
      },
    },
  },
};
const fixture = {
  operation: 'GET /things/{id}',
  method: 'GET',
  path: '/things/7',
  query: 'a=1&b=2',
  status: 200,
  contentType: MT,
  body: { name: 'recorded' },
  recorded: '2026-01-01T00:00:00.000Z',
};
const handler = webHandler(createMock({ spec, fixtures: [fixture] }).handle);
const get = (url: string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://localhost${url}`, { headers }));

describe('recorded answers', () => {
  it('answer the same method, path and query (pairs in any order) before the examples', async () => {
    for (const url of ['/things/7?a=1&b=2', '/things/7?b=2&a=1']) {
      const response = await get(url);
      expect(response.headers.get('x-mock-source')).toBe('recorded');
      expect(await response.json()).toEqual({ name: 'recorded' });
    }
  });

  it('leave other requests to the examples', async () => {
    expect(await (await get('/things/7?a=1')).json()).toEqual({ name: 'from the example' });
    expect(await (await get('/things/8?a=1&b=2')).json()).toEqual({ name: 'from the example' });
  });

  it('never stand in for a refusal or an example asked for by name', async () => {
    expect((await get('/things/x?a=1&b=2')).status).toBe(400);
    const asked = await get('/things/7?a=1&b=2', { prefer: 'example=one' });
    expect(await asked.json()).toEqual({ name: 'from the example' });
  });
});

describe('loadFixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the fixtures of every report in a folder, and names a file that holds none', () => {
    const recording = new Recording({ recordedBy: 'proxy', fixtures: true });
    recording.fixture(fixture);
    writeFileSync(join(dir, 'a.json'), JSON.stringify(recording.report()));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    expect(loadFixtures(dir)).toMatchObject([{ path: '/things/7', body: { name: 'recorded' } }]);
    const bare = new Recording({ recordedBy: 'recorder' });
    writeFileSync(join(dir, 'b.json'), JSON.stringify(bare.report()));
    expect(() => loadFixtures(dir)).toThrow(/b\.json holds no fixtures/);
    expect(() => loadFixtures(join(dir, 'missing.json'))).toThrow(/Cannot read the fixtures/);
  });
});
