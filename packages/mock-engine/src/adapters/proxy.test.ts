import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../observe/observer.js';
import { startProxy } from './proxy.js';
import type { RunningServer } from './server.js';

/** What the API saw of each request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const seen: Seen[] = [];
let api: Server;
let apiUrl = '';
let proxy: RunningServer;
const judged: Exchange[] = [];
const zipped = gzipSync(JSON.stringify({ zipped: true }));

beforeAll(async () => {
  api = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname.endsWith('/status')) {
        const status = Number(url.searchParams.get('code'));
        response.writeHead(status, 'Odd Reason', {
          'content-type': 'application/problem+json',
          'retry-after': '7',
          'x-api-note': 'kept',
        });
        response.end(JSON.stringify({ status, detail: 'from the API' }));
      } else if (url.pathname.endsWith('/zipped')) {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(zipped);
      } else if (url.pathname.endsWith('/big')) {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('x'.repeat(100_000));
      } else if (url.pathname.endsWith('/empty')) {
        response.writeHead(204);
        response.end();
      } else {
        response.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': ['a=1', 'b=2'],
        });
        response.end(JSON.stringify({ echo: body }));
      }
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  proxy = await startProxy({
    target: `${apiUrl}/base`,
    port: 0,
    judgeLimit: 1000,
    judge: (exchange) => {
      judged.push(exchange);
      throw new Error('a judge that fails changes nothing');
    },
  });
});

afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => api.close(resolve));
});

async function waitForJudge(count: number): Promise<void> {
  for (let i = 0; i < 200 && judged.length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('startProxy', () => {
  it('forwards the request unchanged, under the target path, with the API as Host', async () => {
    const response = await fetch(`${proxy.url}/things?page[size]=2&filter[a]=b,c`, {
      method: 'POST',
      headers: { 'x-api-token': 'tok-123456', 'content-type': 'application/json', 'x-custom': 'v' },
      body: '{"name":"a"}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ echo: '{"name":"a"}' });
    const last = seen.at(-1);
    expect(last).toMatchObject({
      method: 'POST',
      url: '/base/things?page[size]=2&filter[a]=b,c',
      body: '{"name":"a"}',
    });
    expect(last?.headers['x-api-token']).toBe('tok-123456');
    expect(last?.headers['x-custom']).toBe('v');
    expect(last?.headers.host).toBe(new URL(apiUrl).host);
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
  });

  it.each([400, 404, 422, 500, 501, 503])('returns the API’s %i answer as it is', async (code) => {
    const response = await fetch(`${proxy.url}/status?code=${code}`);
    expect(response.status).toBe(code);
    expect(response.statusText).toBe('Odd Reason');
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('x-api-note')).toBe('kept');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({ status: code, detail: 'from the API' });
  });

  it('passes a compressed answer through as it is, and hands the judge the decompressed body', async () => {
    const count = judged.length;
    const { request } = await import('node:http');
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      request(`${proxy.url}/zipped`, (response) => {
        expect(response.headers['content-encoding']).toBe('gzip');
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(bytes.equals(zipped)).toBe(true);
    await waitForJudge(count + 1);
    const exchange = judged.find((x) => x.path === '/zipped');
    expect(new TextDecoder().decode(exchange?.responseBody)).toBe('{"zipped":true}');
  });

  it('passes bodies larger than the judge keeps whole, and says the copy is cut', async () => {
    const response = await fetch(`${proxy.url}/big`);
    expect((await response.text()).length).toBe(100_000);
    await waitForJudge(judged.findIndex((x) => x.path === '/big') + 1 || judged.length + 1);
    expect(judged.find((x) => x.path === '/big')?.responseTruncated).toBe(true);
  });

  it('answers 204 without a body', async () => {
    const response = await fetch(`${proxy.url}/empty`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });

  it('hands the judge both sides of each exchange', async () => {
    await waitForJudge(3);
    const post = judged.find((x) => x.method === 'POST');
    expect(post).toMatchObject({
      path: '/things',
      query: 'page[size]=2&filter[a]=b,c',
      status: 200,
      url: `${apiUrl}/base/things?page[size]=2&filter[a]=b,c`,
    });
    expect(new TextDecoder().decode(post?.requestBody)).toBe('{"name":"a"}');
  });

  it('answers 502, in its own words, when the API cannot be reached', async () => {
    const lost = await startProxy({ target: 'http://127.0.0.1:9', port: 0 });
    try {
      const response = await fetch(`${lost.url}/things`);
      expect(response.status).toBe(502);
      expect(response.headers.get('x-proxy-error')).toBe('upstream');
      expect(await response.text()).toContain('could not reach http://127.0.0.1:9');
    } finally {
      await lost.close();
    }
  });

  it('refuses a target that is not an http(s) URL', async () => {
    await expect(startProxy({ target: 'ftp://example.com', port: 0 })).rejects.toThrow(
      /http\(s\) URL/,
    );
  });
});
