import { request as httpRequest } from 'node:http';
import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createMockFetch,
  createMockHandler,
  DEMO_TOKEN,
  MockNetworkError,
  startMockServer,
} from './index.js';
import { createOracle } from './test-support/oracle.js';
import { send } from './test-support/requests.js';

const oracle = createOracle(bundle as unknown as Record<string, unknown>);
const PATH = '/api/v3/resellers/1/accounts/505/external_invoices';
const QUERY = 'filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4';
const headers = { 'x-api-token': DEMO_TOKEN };

afterEach(() => {
  vi.useRealTimers();
});

describe('latency', () => {
  it('holds the answer back for the fixed delay', async () => {
    vi.useFakeTimers();
    const handler = createMockHandler({ latency: 250 });
    let settled = false;
    const pending = handler(new Request(`http://mock.test${PATH}?${QUERY}`, { headers })).then(
      (r) => {
        settled = true;
        return r;
      },
    );
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    const response = await pending;
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(
      oracle.check({
        method: 'GET',
        path: PATH,
        status: 200,
        contentType: response.headers.get('content-type'),
        body,
      }),
    ).toEqual([]);
  });

  it('draws a random delay within the range', async () => {
    vi.useFakeTimers();
    const handler = createMockHandler({ latency: { min: 100, max: 300 }, randomSeed: 3 });
    for (let i = 0; i < 5; i++) {
      let settled = false;
      const pending = handler(new Request(`http://mock.test${PATH}?${QUERY}`, { headers })).then(
        () => {
          settled = true;
        },
      );
      await vi.advanceTimersByTimeAsync(99);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(201);
      expect(settled).toBe(true);
      await pending;
    }
  });
});

describe('injected failures', () => {
  it('answers every request with a marked 5xx at rate 1', async () => {
    const handler = createMockHandler({ faults: { errorRate: 1 }, randomSeed: 11 });
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const sent = await send(handler, oracle, {
        method: 'GET',
        path: PATH,
        query: QUERY,
        headers,
      });
      statuses.add(sent.status);
      expect(sent.headers.get('x-mock-fault')).toBe('injected');
      expect(sent.problems).toEqual([]);
      if (sent.status === 503) expect(sent.headers.get('retry-after')).toBe('1');
    }
    expect(statuses).toEqual(new Set([500, 503]));
  });

  it('injects about the configured share of failures', async () => {
    const handler = createMockHandler({
      faults: { errorRate: 0.3, errorStatuses: [502] },
      randomSeed: 5,
    });
    let failed = 0;
    for (let i = 0; i < 400; i++) {
      const sent = await send(handler, oracle, {
        method: 'GET',
        path: PATH,
        query: QUERY,
        headers,
      });
      expect(sent.problems).toEqual([]);
      if (sent.status === 502) failed++;
      else expect(sent.status).toBe(200);
    }
    expect(failed).toBeGreaterThan(80);
    expect(failed).toBeLessThan(160);
  });

  it('drops the connection: the handler and the fetch reject', async () => {
    const handler = createMockHandler({ faults: { dropRate: 1 } });
    await expect(
      handler(new Request(`http://mock.test${PATH}?${QUERY}`, { headers })),
    ).rejects.toBeInstanceOf(MockNetworkError);
    const mockFetch = createMockFetch({ faults: { dropRate: 1 } });
    await expect(mockFetch(`http://mock.test${PATH}?${QUERY}`, { headers })).rejects.toBeInstanceOf(
      TypeError,
    );
  });

  it('drops the connection of the server', async () => {
    const server = await startMockServer({ port: 0, faults: { dropRate: 1 } });
    try {
      const outcome = await new Promise<string>((resolve) => {
        const req = httpRequest(`${server.url}${PATH}?${QUERY}`, { headers }, (res) => {
          resolve(`status ${res.statusCode}`);
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        req.end();
      });
      expect(outcome).toBe('ECONNRESET');
    } finally {
      await server.close();
    }
  });
});
