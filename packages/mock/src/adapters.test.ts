import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { createOracle } from '@proseapi/mock-engine/testing';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMockFetch,
  createMockHandler,
  createMswHandlers,
  DEMO_TOKEN,
  startMockServer,
} from './index.js';
import { createMock } from './mock.js';

const oracle = createOracle(bundle as unknown as Record<string, unknown>);
const PATH = '/api/v3/resellers/1/accounts/505/external_invoices';
const QUERY = 'filter%5Bkey%5D=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4';
const headers = { 'x-api-token': DEMO_TOKEN };

async function checked(path: string, response: Response, method = 'GET') {
  const body = await response.text();
  const problems = oracle.check({
    method,
    path,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body,
  });
  expect(problems).toEqual([]);
  return body === '' ? undefined : JSON.parse(body);
}

describe('the engine', () => {
  it('uses the validators compiled by the build for the bundle, and compiles others lazily', () => {
    expect(createMock({}, 'stateless').engine.options.validators.precompiled).toBe(true);
    const other = { ...(bundle as object), info: { title: 'Changed', version: '0' } };
    expect(createMock({ spec: other }, 'stateless').engine.options.validators.precompiled).toBe(
      false,
    );
  });

  it('serves the bundle in the generic profile too, errors in the description’s format', async () => {
    const generic = createMockHandler({ profile: 'generic' });
    const missing = await generic(new Request(`http://mock.test${PATH}?${QUERY}`));
    expect(missing.status).toBe(401);
    expect(await checked(PATH, missing)).toEqual({
      errors: [{ title: 'Credentials are missing', status: '401' }],
    });
    const any = await generic(
      new Request(`http://mock.test${PATH}?${QUERY}`, { headers: { 'x-api-token': 'any' } }),
    );
    expect(any.status).toBe(200);
    await checked(PATH, any);
  });

  it('defaults to stateless for the handler and stateful when asked', () => {
    expect(createMockHandler().mode).toBe('stateless');
    expect(createMockHandler({ mode: 'stateful' }).mode).toBe('stateful');
  });
});

describe('fetch adapter', () => {
  it('serves a client as its fetch, absolute and relative URLs alike', async () => {
    const mockFetch = createMockFetch({ mode: 'stateful' });
    const absolute = await mockFetch(`https://test.activeplatform.com${PATH}?${QUERY}`, {
      headers,
    });
    expect(absolute.status).toBe(200);
    expect(await checked(PATH, absolute)).toMatchObject({ data: { id: '11' } });
    const relative = await mockFetch(`${PATH}?${QUERY}`, { headers });
    expect(relative.status).toBe(200);
    await checked(PATH, relative);
    const viaRequest = await mockFetch(new Request(`http://x.test${PATH}?${QUERY}`, { headers }));
    expect(viaRequest.status).toBe(200);
    await checked(PATH, viaRequest);
  });
});

describe('server adapter', () => {
  it('listens on 127.0.0.1 and serves the API over HTTP', async () => {
    const server = await startMockServer({ port: 0 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      const found = await fetch(`${server.url}${PATH}?${QUERY}`, { headers });
      expect(found.status).toBe(200);
      expect(await checked(PATH, found)).toMatchObject({ data: { id: '11' } });
      const missing = await fetch(`${server.url}${PATH}?${QUERY}`);
      expect(missing.status).toBe(401);
      await checked(PATH, missing);
      const created = await fetch(`${server.url}${PATH}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/vnd.api+json' },
        body: JSON.stringify({
          key: 'over-http',
          type: 'act',
          name: 'Over HTTP',
          amount: { total: '1.00', currency: 'EUR' },
          start_date: '2024-01-01',
          end_date: '2024-01-31',
          file: 'data:application/pdf;base64,JVBERi0xLjQK',
        }),
      });
      expect(created.status).toBe(200);
      await checked(PATH, created, 'POST');
      const huge = await fetch(`${server.url}${PATH}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/vnd.api+json' },
        body: 'x'.repeat(6 * 1024 * 1024),
      });
      expect(huge.status).toBe(413);
      await checked(PATH, huge, 'POST');
    } finally {
      await server.close();
    }
  });
});

describe('MSW adapter', () => {
  const server = setupServer(...createMswHandlers({ mode: 'stateful' }));
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('answers at the document’s server URL', async () => {
    const found = await fetch(`https://test.activeplatform.com${PATH}?${QUERY}`, { headers });
    expect(found.status).toBe(200);
    expect(await checked(PATH, found)).toMatchObject({ data: { id: '11' } });
    const deleted = await fetch(`https://test.activeplatform.com${PATH}/11`, {
      method: 'DELETE',
      headers,
    });
    expect(deleted.status).toBe(200);
    await checked(`${PATH}/11`, deleted, 'DELETE');
    const again = await fetch(`https://test.activeplatform.com${PATH}/11`, {
      method: 'DELETE',
      headers,
    });
    expect(again.status).toBe(404);
    await checked(`${PATH}/11`, again, 'DELETE');
    const unknown = await fetch('https://test.activeplatform.com/api/v3/unknown', { headers });
    expect(unknown.status).toBe(404);
    await checked('/api/v3/unknown', unknown);
  });

  it('answers at another base URL and turns dropped connections into network errors', async () => {
    server.use(...createMswHandlers({ baseUrl: 'http://erp.test/', faults: { dropRate: 1 } }));
    await expect(fetch(`http://erp.test${PATH}?${QUERY}`, { headers })).rejects.toThrow(TypeError);
    server.resetHandlers();
  });
});

describe('CLI', () => {
  it('prints its URL and serves until stopped', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--latency', '0-1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1] as string);
        });
        child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
      const found = await fetch(`${url}${PATH}?${QUERY}`, { headers });
      expect(found.status).toBe(200);
      await checked(PATH, found);
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('explains its options', async () => {
    const cli = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url));
    const child = spawn(process.execPath, [cli, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('--port');
    expect(out).toContain('--drop-rate');
  });
});
