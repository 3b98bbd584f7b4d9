import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import {
  ActivePlatformError,
  ActivePlatformNetworkError,
  ActivePlatformTimeoutError,
  isActivePlatformError,
} from './errors.js';
import { type HostileServer, startHostileServer } from './fixtures/hostile-server.js';
import { BASE_URL, jsonResponse, recordingFetch, TOKEN } from './test-support/wire.js';

const NOTIFY = '/api/v3/resellers/{reseller_id}/notifications/external_invoices' as const;
const notifyInit = {
  params: { path: { reseller_id: 1 } },
  body: { account_ids: [1], start_date: '2019-11-01', end_date: '2019-11-30' },
};

function throwingClient(answer: () => Response | Promise<Response>) {
  const wire = recordingFetch(answer);
  return createClient({
    baseUrl: BASE_URL,
    token: TOKEN,
    fetch: wire.fetch,
    throwOnError: true,
    retry: false,
  });
}

/** Everything a log line or an error report could show of a thrown value. */
function everythingShown(error: unknown): string {
  return [
    String(error),
    (error as Error).stack ?? '',
    JSON.stringify(error) ?? '',
    inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ].join('\n');
}

describe('ActivePlatformError from error answers', () => {
  it('reads an array of errors, the status and the request id', async () => {
    const body = {
      errors: [
        { title: 'Parameter "total" has an unsupported format', status: '400' },
        { title: 'Parameter "currency" is unknown', status: '400' },
      ],
    };
    const client = throwingClient(() =>
      jsonResponse(body, {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'X-Request-Id': 'abc-123' },
      }),
    );
    const error = await client.POST(NOTIFY, notifyInit).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ActivePlatformError);
    expect(error).toBeInstanceOf(Error);
    const e = error as ActivePlatformError;
    expect(e.name).toBe('ActivePlatformError');
    expect(e.status).toBe(400);
    expect(e.body).toEqual(body);
    expect(e.errors).toEqual(body.errors);
    expect(e.requestId).toBe('abc-123');
    expect(e.operation).toEqual({ method: 'POST', path: NOTIFY });
    expect(e.response.status).toBe(400);
    expect(e.message).toBe(
      `POST ${NOTIFY} answered 400 Bad Request: Parameter "total" has an unsupported format; Parameter "currency" is unknown (request id abc-123)`,
    );
  });

  it('reads the single error object some methods answer with', async () => {
    const body = {
      errors: { title: 'param is missing or the value is empty: account_ids', status: '422' },
    };
    const client = throwingClient(() => jsonResponse(body, { status: 422 }));
    const e = (await client
      .POST(NOTIFY, notifyInit)
      .catch((x: unknown) => x)) as ActivePlatformError;
    expect(e.errors).toEqual([body.errors]);
    expect(e.requestId).toBeUndefined();
    expect(e.message).toContain('param is missing or the value is empty: account_ids');
  });

  it('keeps a non-JSON error body as text and quotes its start', async () => {
    const html = `<html><body>${'Bad gateway '.repeat(40)}</body></html>`;
    const client = throwingClient(
      () => new Response(html, { status: 502, headers: { 'Content-Type': 'text/html' } }),
    );
    const e = (await client
      .POST(NOTIFY, notifyInit)
      .catch((x: unknown) => x)) as ActivePlatformError;
    expect(e).toBeInstanceOf(ActivePlatformError);
    expect(e.status).toBe(502);
    expect(e.body).toBe(html);
    expect(e.errors).toEqual([]);
    expect(e.message).toContain('<html><body>Bad gateway');
    expect(e.message.length).toBeLessThan(400);
  });

  it('handles an empty error body', async () => {
    const client = throwingClient(() => new Response(null, { status: 403 }));
    const e = (await client
      .POST(NOTIFY, notifyInit)
      .catch((x: unknown) => x)) as ActivePlatformError;
    expect(e.status).toBe(403);
    expect(e.body).toBe('');
    expect(e.errors).toEqual([]);
    expect(e.message).toBe(`POST ${NOTIFY} answered 403`);
  });

  it('narrows by status with is() and isActivePlatformError()', async () => {
    const client = throwingClient(() =>
      jsonResponse({ errors: [{ title: 'x', status: '422' }] }, { status: 422 }),
    );
    const e = await client.POST(NOTIFY, notifyInit).catch((x: unknown) => x);
    expect(isActivePlatformError(e)).toBe(true);
    expect(isActivePlatformError(e, 422)).toBe(true);
    expect(isActivePlatformError(e, 401)).toBe(false);
    expect(isActivePlatformError(new Error('x'))).toBe(false);
    expect((e as ActivePlatformError).is(422)).toBe(true);
    expect((e as ActivePlatformError).is(500)).toBe(false);
  });

  it('serialises to JSON without the answer object', async () => {
    const client = throwingClient(() =>
      jsonResponse({ errors: [{ title: 'Nope', status: '404' }] }, { status: 404 }),
    );
    const e = await client.POST(NOTIFY, notifyInit).catch((x: unknown) => x);
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      name: 'ActivePlatformError',
      message: `POST ${NOTIFY} answered 404: Nope`,
      status: 404,
      body: { errors: [{ title: 'Nope', status: '404' }] },
      errors: [{ title: 'Nope', status: '404' }],
      operation: { method: 'POST', path: NOTIFY },
      url: '',
    });
  });
});

describe('failures without an answer', () => {
  it('wraps a rejected fetch in ActivePlatformNetworkError with the cause', async () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    const client = throwingClient(() => {
      throw cause;
    });
    const e = await client.POST(NOTIFY, notifyInit).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformNetworkError);
    expect((e as Error).cause).toBe(cause);
    expect((e as Error).message).toBe(
      `POST ${NOTIFY} got no answer from ${BASE_URL}/api/v3/resellers/1/notifications/external_invoices: fetch failed (ENOTFOUND)`,
    );
  });

  it('rejects (never resolves, never leaves an unhandled rejection) in result mode too', async () => {
    const wire = recordingFetch(() => Promise.reject(new TypeError('fetch failed')));
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch });
    await expect(client.POST(NOTIFY, notifyInit)).rejects.toBeInstanceOf(
      ActivePlatformNetworkError,
    );
  });
});

describe('the token stays out of every error', () => {
  let server: Server;
  let origin = '';
  let closedOrigin = '';

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.includes('echo')) {
        // A misbehaving server that repeats the token in its answer.
        res.writeHead(500, { 'Content-Type': 'application/vnd.api+json' });
        res.end(JSON.stringify({ errors: [{ title: `bad token ${req.headers['x-api-token']}` }] }));
        return;
      }
      if (req.url?.includes('slow')) return; // never answers
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end(`token ${req.headers['x-api-token']} rejected`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const spare = createServer();
    await new Promise<void>((r) => spare.listen(0, '127.0.0.1', r));
    closedOrigin = `http://127.0.0.1:${(spare.address() as AddressInfo).port}`;
    await new Promise((r) => spare.close(r));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const call = (baseUrl: string, path: string, timeoutMs = 30_000) => {
    const client = createClient({
      baseUrl,
      token: TOKEN,
      throwOnError: true,
      retry: false,
      timeoutMs,
    });
    const get = client.GET as unknown as (p: string) => Promise<unknown>;
    return get(path).catch((e: unknown) => e);
  };

  it('in an error body that echoes it (JSON and text)', async () => {
    const json = await call(origin, '/api/v3/echo');
    const text = await call(origin, '/api/v3/text');
    expect(json).toBeInstanceOf(ActivePlatformError);
    expect(text).toBeInstanceOf(ActivePlatformError);
    expect((json as ActivePlatformError).status).toBe(500);
    expect((text as ActivePlatformError).body).toBe('token [token] rejected');
    for (const e of [json, text]) expect(everythingShown(e)).not.toContain(TOKEN);
  });

  it('in a network failure over a real socket', async () => {
    const e = await call(closedOrigin, '/api/v3/resellers/1');
    expect(e).toBeInstanceOf(ActivePlatformNetworkError);
    expect((e as Error).message).toContain('ECONNREFUSED');
    expect(everythingShown(e)).not.toContain(TOKEN);
  });

  it('in a timeout over a real socket', async () => {
    const e = await call(origin, '/api/v3/slow', 200);
    expect(e).toBeInstanceOf(ActivePlatformTimeoutError);
    expect((e as ActivePlatformTimeoutError).timeoutMs).toBe(200);
    expect(everythingShown(e)).not.toContain(TOKEN);
  });

  it('in option errors', () => {
    let thrown: unknown;
    try {
      createClient({ baseUrl: TOKEN, token: TOKEN });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(everythingShown(thrown)).not.toContain(TOKEN);
  });
});

describe('the token stays out of what the server echoes outside the body', () => {
  let hostile: HostileServer;
  beforeAll(async () => {
    hostile = await startHostileServer();
  });
  afterAll(() => hostile?.close());

  const get = (path: string, throwOnError: boolean) => {
    const client = createClient({ baseUrl: hostile.url, token: TOKEN, retry: false, throwOnError });
    return (client.GET as unknown as (p: string) => Promise<Record<string, unknown>>)(path);
  };

  it('in the status text and X-Request-Id of a thrown error', async () => {
    const e = (await get('/echo', true).catch((x: unknown) => x)) as ActivePlatformError;
    expect(e).toBeInstanceOf(ActivePlatformError);
    expect(e.requestId).toBe('req-[token]');
    expect(e.message).toBe(
      'GET /echo answered 500 Rejected [token]: token [token] rejected (request id req-[token])',
    );
    expect(e.response.statusText).toBe('Rejected [token]');
    expect(e.response.headers.get('x-echo')).toBe('[token]');
    expect(everythingShown(e)).not.toContain(TOKEN);
  });

  it('in the error and the answer returned with throwOnError: false', async () => {
    const result = await get('/echo', false);
    expect(result.error).toEqual({ errors: [{ title: 'token [token] rejected', status: '500' }] });
    const response = result.response as Response;
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-[token]');
    expect(everythingShown(result)).not.toContain(TOKEN);
  });

  it('in the cause of a network error (a parser error quoting the bad header)', async () => {
    const e = await get('/malformed', true).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformNetworkError);
    expect(everythingShown(e)).not.toContain(TOKEN);
  });

  it('in every form a server may echo it in: as sent, JSON-escaped, percent-encoded', async () => {
    const odd = 'tok"en\\with/odd%chars';
    for (const form of [odd, JSON.stringify(odd).slice(1, -1), encodeURIComponent(odd)]) {
      const client = createClient({
        baseUrl: BASE_URL,
        token: odd,
        fetch: async () => new Response(`echo ${form}`, { status: 400 }),
      });
      const result = await (client.GET as unknown as (p: string) => Promise<{ error: unknown }>)(
        '/x',
      );
      const shown = everythingShown(result);
      expect(shown).toContain('[token]');
      for (const f of [odd, JSON.stringify(odd).slice(1, -1), encodeURIComponent(odd)]) {
        expect(shown).not.toContain(f);
      }
    }
  });
});
