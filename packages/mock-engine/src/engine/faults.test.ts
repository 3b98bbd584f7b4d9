import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serve } from '../adapters/server.js';
import { fetchFor, webHandler } from '../adapters/web.js';
import { createMock, type MockSettings } from '../mock.js';
import { createOracle } from '../testing/oracle.js';
import { send } from '../testing/requests.js';
import { MockNetworkError } from './request.js';

const MT = 'application/json';
const spec = {
  openapi: '3.1.0',
  info: { title: 'Clock', version: '1' },
  paths: {
    '/time': {
      get: {
        responses: {
          '200': {
            description: 'now',
            content: { [MT]: { schema: { type: 'object' }, example: { now: '12:00' } } },
          },
          '4XX': {
            description: 'problem',
            content: {
              [MT]: {
                schema: {
                  type: 'object',
                  required: ['message'],
                  properties: { message: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  },
};
const oracle = createOracle(spec);
const handlerOf = (settings: Partial<MockSettings>) =>
  webHandler(createMock({ spec, ...settings }).handle);
const time = () => new Request('http://clock.test/time');

afterEach(() => {
  vi.useRealTimers();
});

describe('latency', () => {
  it('holds the answer back for the fixed delay', async () => {
    const handler = handlerOf({ latency: 250 });
    // The first request also waits for the validators to load; the clock is faked after it.
    await handler(time());
    vi.useFakeTimers();
    let settled = false;
    const pending = handler(time()).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(true);
    expect((await pending).status).toBe(200);
  });

  it('draws a random delay within the range', async () => {
    const handler = handlerOf({ latency: { min: 100, max: 300 }, randomSeed: 3 });
    await handler(time());
    vi.useFakeTimers();
    for (let i = 0; i < 5; i++) {
      let settled = false;
      const pending = handler(time()).then(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(99);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(201);
      expect(settled).toBe(true);
      await pending;
    }
  });
});

describe('injected failures', () => {
  it('answers every request with a marked 5xx at rate 1, in the error format', async () => {
    const handler = handlerOf({ faults: { errorRate: 1 }, randomSeed: 11 });
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const sent = await send(handler, oracle, { method: 'GET', path: '/time' });
      statuses.add(sent.status);
      expect(sent.headers.get('x-mock-fault')).toBe('injected');
      expect(sent.problems).toEqual([]);
      expect(sent.json).toEqual({ message: 'Internal Server Error' });
      if (sent.status === 503) expect(sent.headers.get('retry-after')).toBe('1');
    }
    expect(statuses).toEqual(new Set([500, 503]));
  });

  it('injects about the configured share of failures', async () => {
    const handler = handlerOf({ faults: { errorRate: 0.3, errorStatuses: [502] }, randomSeed: 5 });
    let failed = 0;
    for (let i = 0; i < 400; i++) {
      const sent = await send(handler, oracle, { method: 'GET', path: '/time' });
      expect(sent.problems).toEqual([]);
      if (sent.status === 502) failed++;
      else expect(sent.status).toBe(200);
    }
    expect(failed).toBeGreaterThan(80);
    expect(failed).toBeLessThan(160);
  });

  it('drops the connection: the handler and the fetch reject', async () => {
    const handler = handlerOf({ faults: { dropRate: 1 } });
    await expect(handler(time())).rejects.toBeInstanceOf(MockNetworkError);
    await expect(fetchFor(handler)('/time')).rejects.toBeInstanceOf(TypeError);
  });

  it('drops the connection of the server', async () => {
    const mock = createMock({ spec, faults: { dropRate: 1 } });
    const server = await serve(mock.handle, { port: 0, bodyLimit: 1024 });
    try {
      const outcome = await new Promise<string>((resolve) => {
        const req = httpRequest(`${server.url}/time`, (res) => resolve(`status ${res.statusCode}`));
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
        req.end();
      });
      expect(outcome).toBe('ECONNRESET');
    } finally {
      await server.close();
    }
  });
});
