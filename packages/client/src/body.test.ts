import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { ActivePlatformLimitError, ActivePlatformNetworkError } from './errors.js';
import { type HostileServer, startHostileServer } from './fixtures/hostile-server.js';
import { BASE_URL, recordingFetch, TOKEN } from './test-support/wire.js';

type Result = { data?: unknown; error?: unknown; response: Response };
type Call = (path: string, init?: Record<string, unknown>) => Promise<Result>;

let server: HostileServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server?.close());

function client(options: Record<string, unknown> = {}) {
  const c = createClient({ baseUrl: server.url, token: TOKEN, ...options });
  return c as unknown as Record<'GET' | 'POST', Call>;
}
const fast = { baseDelayMs: 1, maxDelayMs: 1 };

/**
 * A TCP server that answers every request with the same raw bytes (for answers node:http
 * cannot write: statuses outside HTTP, status texts in any script), and counts requests.
 */
async function rawServer(answer: string) {
  const { createServer } = await import('node:net');
  let seen = 0;
  const raw = createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => {
      seen++;
      socket.end(answer);
    });
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
  const { port } = raw.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen: () => seen,
    close: () => new Promise((r) => raw.close(r)),
  };
}

describe('an answer whose body breaks off', () => {
  it('rejects with ActivePlatformNetworkError naming the operation and the URL', async () => {
    const e = await client({ retry: false })
      .GET('/cut')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformNetworkError);
    const error = e as ActivePlatformNetworkError;
    expect(error.operation).toEqual({ method: 'GET', path: '/cut' });
    expect(error.url).toBe(`${server.url}/cut`);
    expect(error.message).toMatch(
      /^GET \/cut got a cut-short answer from http:\/\/127\.0\.0\.1:\d+\/cut: /,
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('is retried for an idempotent call, like other network failures', async () => {
    const before = server.requests.length;
    const { data, response } = await client({ retry: fast }).GET('/cut?times=1');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ data: { method: 'GET' } });
    expect(server.requests.length - before).toBe(2);
  });

  it('gives up after the retries with the same error', async () => {
    const before = server.requests.length;
    await expect(client({ retry: fast }).GET('/cut')).rejects.toBeInstanceOf(
      ActivePlatformNetworkError,
    );
    expect(server.requests.length - before).toBe(3);
  });

  it('is not retried for a POST', async () => {
    const before = server.requests.length;
    await expect(client({ retry: fast }).POST('/cut', { body: {} })).rejects.toBeInstanceOf(
      ActivePlatformNetworkError,
    );
    expect(server.requests.length - before).toBe(1);
  });

  it('an injected fetch whose body stream errors is reported the same way', async () => {
    const wire = recordingFetch(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"data":'));
              controller.error(new TypeError('terminated'));
            },
          }),
        ),
    );
    const c = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch, retry: false });
    const e = await (c.GET as unknown as Call)('/api/v3/resellers/1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformNetworkError);
    expect((e as Error).message).toContain('cut-short answer');
    expect((e as Error).message).toContain('terminated');
  });
});

describe('an answer whose status is not an HTTP status', () => {
  it.each([600, 999])(
    '%i over a real socket is a network error, retried like one',
    async (status) => {
      const raw = await rawServer(
        `HTTP/1.1 ${status} Odd\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      );
      try {
        const c = createClient({ baseUrl: raw.url, token: TOKEN, retry: fast });
        const e = await (c.GET as unknown as Call)('/x').catch((x: unknown) => x);
        expect(e).toBeInstanceOf(ActivePlatformNetworkError);
        expect((e as Error).message).toContain(`${status} is not an HTTP status`);
        expect(raw.seen()).toBe(3);
      } finally {
        await raw.close();
      }
    },
  );

  it('lets go of a large body at once, so the closing connection throws nowhere', async () => {
    const body = 'x'.repeat(70_000);
    const head = `HTTP/1.1 600 Odd\r\nContent-Length: ${body.length}\r\nConnection: close`;
    const raw = await rawServer(`${head}\r\n\r\n${body}`);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const c = createClient({ baseUrl: raw.url, token: TOKEN, retry: false });
      const e = await (c.GET as unknown as Call)('/x').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ActivePlatformNetworkError);
      // The server's FIN follows the answer; give it time to reach undici's parser.
      await new Promise((r) => setTimeout(r, 300));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await raw.close();
    }
  });
});

describe('a status text in any script', () => {
  it('is kept whole in the error, though undici reads it as UTF-8', async () => {
    const raw = await rawServer(
      `HTTP/1.1 404 Не найдено €\r\nX-Request-Id: abc\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    try {
      const c = createClient({ baseUrl: raw.url, token: TOKEN, throwOnError: true });
      const e = await (c.GET as unknown as Call)('/x').catch((x: unknown) => x);
      expect(e).toMatchObject({ name: 'ActivePlatformError', status: 404, requestId: 'abc' });
      expect((e as Error).message).toBe('GET /x answered 404 Не найдено € (request id abc)');
    } finally {
      await raw.close();
    }
  });
});

describe('maxResponseBytes', () => {
  const MiB = 1024 * 1024;

  it('refuses an answer announced larger than the limit, before reading it', async () => {
    const e = await client({ maxResponseBytes: MiB })
      .GET(`/big?bytes=${2 * MiB}`)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformLimitError);
    expect(e).toMatchObject({
      limit: 'maxResponseBytes',
      value: MiB,
      operation: { method: 'GET', path: `/big?bytes=${2 * MiB}` },
    });
    expect((e as Error).message).toBe(
      `GET /big?bytes=${2 * MiB} went past maxResponseBytes (${MiB})`,
    );
  });

  it('stops reading an answer without Content-Length once it passes the limit', async () => {
    const e = await client({ maxResponseBytes: MiB })
      .GET(`/big?bytes=${4 * MiB}&length=0`)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformLimitError);
  });

  it('is not retried', async () => {
    const before = server.requests.length;
    await expect(
      client({ maxResponseBytes: 1000, retry: fast }).GET('/big?bytes=2000'),
    ).rejects.toBeInstanceOf(ActivePlatformLimitError);
    expect(server.requests.length - before).toBe(1);
  });

  it('reads an answer of exactly the limit', async () => {
    const { data } = await client({ maxResponseBytes: 1000 }).GET('/big?bytes=1000&length=0');
    expect(data).toHaveLength(998);
  });

  it('per call: overrides the client, Infinity turns it off', async () => {
    const c = client({ maxResponseBytes: 1000 });
    const { data } = await c.GET('/big?bytes=5000', { maxResponseBytes: Number.POSITIVE_INFINITY });
    expect(data).toHaveLength(4998);
    await expect(c.GET('/big?bytes=500', { maxResponseBytes: 100 })).rejects.toBeInstanceOf(
      ActivePlatformLimitError,
    );
  });

  it('defaults to 100 MiB', async () => {
    const { data } = await client().GET(`/big?bytes=${8 * MiB}&length=0`);
    expect(data).toHaveLength(8 * MiB - 2);
    const e = await client()
      .GET(`/big?bytes=${100 * MiB + 1}`)
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ limit: 'maxResponseBytes', value: 100 * MiB });
  });

  it('does not apply to a success body streamed to the caller', async () => {
    const { data } = await client({ maxResponseBytes: 10 }).GET('/big?bytes=5000', {
      parseAs: 'stream',
    });
    expect(await new Response(data as ReadableStream).text()).toHaveLength(5000);
  });

  it.each([0, -1, Number.NaN, '1000'])('refuses %j', (maxResponseBytes) => {
    expect(() =>
      createClient({
        baseUrl: BASE_URL,
        token: TOKEN,
        maxResponseBytes: maxResponseBytes as number,
      }),
    ).toThrow(/maxResponseBytes must be a number above 0/);
  });
});
