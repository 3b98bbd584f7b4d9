import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { ActivePlatformError } from './errors.js';
import { BASE_URL, jsonResponse, MEDIA, recordingFetch, TOKEN } from './test-support/wire.js';

/** A client whose paths are not checked, for conventions that apply to any operation. */
function untyped(options: Partial<Parameters<typeof createClient>[0]> = {}, answer?: Response) {
  const wire = recordingFetch(() => answer?.clone() ?? jsonResponse({ data: [] }));
  const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch, ...options });
  type Call = (
    path: string,
    init?: Record<string, unknown>,
  ) => Promise<{
    data?: unknown;
    error?: unknown;
    response: Response;
  }>;
  const c = client as unknown as Record<'GET' | 'POST' | 'PUT' | 'HEAD' | 'OPTIONS', Call>;
  return { wire, client, ...c };
}

describe('createClient options', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['with a space', 'abc def'],
    ['with a line break', 'abc\ndef'],
    ['not a string', 42],
  ])('refuses a token that is %s, without repeating it', (_, token) => {
    const create = () => createClient({ baseUrl: BASE_URL, token: token as string });
    expect(create).toThrow(TypeError);
    expect(create).toThrow(/`token` must be a manager API token/);
    try {
      create();
    } catch (error) {
      if (typeof token === 'string' && token) expect(String(error)).not.toContain(token);
    }
  });

  it.each([
    'test.activeplatform.com',
    'not a url',
    'ftp://test.activeplatform.com',
    'https://test.activeplatform.com/api/v3',
    'https://test.activeplatform.com/api/v3/',
    'https://test.activeplatform.com/?x=1',
    '',
  ])('refuses baseUrl %j with a message naming the expected form', (baseUrl) => {
    expect(() => createClient({ baseUrl, token: TOKEN })).toThrow(
      /`baseUrl` must be an http\(s\) URL without \/api\/v3/,
    );
  });

  it('accepts a trailing slash and keeps a path prefix', async () => {
    const a = untyped({ baseUrl: `${BASE_URL}/` });
    await a.GET('/api/v3/resellers/1/notes');
    const b = untyped({ baseUrl: `${BASE_URL}/proxy/` });
    await b.GET('/api/v3/resellers/1/notes');
    expect(a.wire.requests[0]?.url.href).toBe(`${BASE_URL}/api/v3/resellers/1/notes`);
    expect(b.wire.requests[0]?.url.href).toBe(`${BASE_URL}/proxy/api/v3/resellers/1/notes`);
  });

  it.each([0, -1, Number.NaN, '1000'])('refuses timeoutMs %j', (timeoutMs) => {
    expect(() =>
      createClient({ baseUrl: BASE_URL, token: TOKEN, timeoutMs: timeoutMs as number }),
    ).toThrow(/timeoutMs must be a number above 0/);
  });

  it('refuses a fetch that is not a function', () => {
    expect(() =>
      createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: 'x' as unknown as typeof fetch }),
    ).toThrow(/no fetch is available/);
  });
});

describe('headers', () => {
  it('sends the token and the media type on every request, body or not', async () => {
    const { GET, POST, wire } = untyped();
    await GET('/api/v3/resellers/1/notes');
    await POST('/api/v3/resellers/1/notes', { body: { data: { attributes: { text: 'x' } } } });
    for (const request of wire.requests) {
      expect(request.headers.get('X-Api-Token')).toBe(TOKEN);
      expect(request.headers.get('Accept')).toBe(MEDIA);
      expect(request.headers.get('Content-Type')).toBe(MEDIA);
    }
  });

  it('adds the headers option, but the token always comes from `token`', async () => {
    const { GET, wire } = untyped({
      headers: { 'X-Custom': 'yes', 'x-api-token': 'other', Accept: 'application/json' },
    });
    await GET('/api/v3/resellers/1/notes');
    const headers = wire.requests[0]?.headers;
    expect(headers?.get('x-custom')).toBe('yes');
    expect(headers?.get('x-api-token')).toBe(TOKEN);
    expect(headers?.get('accept')).toBe('application/json');
  });

  it('takes per-call headers', async () => {
    const { GET, wire } = untyped();
    await GET('/api/v3/resellers/1/notes', { headers: { 'Accept-Language': 'ru' } });
    expect(wire.requests[0]?.headers.get('accept-language')).toBe('ru');
  });
});

describe('query families and lists', () => {
  it('serialises page and filter objects with raw brackets, lists comma-joined', async () => {
    const { GET, wire } = untyped();
    await GET('/api/v3/resellers/{reseller_id}/subscriptions', {
      params: {
        path: { reseller_id: 1 },
        query: {
          page: { size: 50, number: 2 },
          filter: { status: ['active', 'suspended'], account_id: [929, 930], trial: false },
          meta: true,
        },
      },
    });
    expect(wire.requests[0]?.line).toBe(
      'GET /api/v3/resellers/1/subscriptions?page[size]=50&page[number]=2&filter[status]=active,suspended&filter[account_id]=929,930&filter[trial]=false&meta=true',
    );
  });

  it('percent-encodes values, a comma inside one value included, and drops null and undefined', async () => {
    const { GET, wire } = untyped();
    await GET('/api/v3/resellers/1/notes', {
      params: {
        query: {
          filter: { name: 'Smith, John & Co', empty: null, gone: undefined, list: [] },
          date_from: new Date('2023-09-01T00:00:00Z'),
        },
      },
    });
    const sent = wire.requests[0];
    expect(sent?.url.search).toBe(
      '?filter[name]=Smith%2C%20John%20%26%20Co&date_from=2023-09-01T00%3A00%3A00.000Z',
    );
    expect(sent?.url.searchParams.get('filter[name]')).toBe('Smith, John & Co');
  });

  it('fills path parameters percent-encoded', async () => {
    const { GET, wire } = untyped();
    await GET('/api/v3/resellers/{reseller_id}/async_tasks/{async_task_id}', {
      params: { path: { reseller_id: 1, async_task_id: 'a/b c' } },
    });
    expect(wire.requests[0]?.url.pathname).toBe('/api/v3/resellers/1/async_tasks/a%2Fb%20c');
  });

  it.each([
    ['missing params.path', undefined],
    ['a missing value', {}],
    ['an empty string', { reseller_id: '' }],
    ['a dot-dot segment', { reseller_id: '..' }],
    ['an object', { reseller_id: { id: 1 } }],
    ['NaN', { reseller_id: Number.NaN }],
  ])('rejects %s as a path parameter before sending', async (_, path) => {
    const { GET, wire } = untyped();
    const call = GET('/api/v3/resellers/{reseller_id}/notes', path ? { params: { path } } : {});
    await expect(call).rejects.toThrow(TypeError);
    await expect(call).rejects.toThrow(/ActivePlatform client: .*(reseller_id|params\.path)/);
    expect(wire.requests).toHaveLength(0);
  });

  it('rejects query values it cannot write', async () => {
    const { GET, wire } = untyped();
    await expect(
      GET('/api/v3/resellers/1/notes', { params: { query: { filter: { f: () => 1 } } } }),
    ).rejects.toThrow(/query parameter filter\[f\] cannot be sent \(got function\)/);
    await expect(
      GET('/api/v3/resellers/1/notes', { params: { query: { filter: { d: new Date('x') } } } }),
    ).rejects.toThrow(/query parameter filter\[d\] cannot be sent \(got object\)/);
    expect(wire.requests).toHaveLength(0);
  });
});

describe('answers', () => {
  it('parses a JSON answer, an empty one is undefined', async () => {
    const ok = untyped({}, jsonResponse({ data: { id: '1' } }));
    expect((await ok.GET('/api/v3/resellers/1')).data).toEqual({ data: { id: '1' } });
    const empty = untyped({}, new Response('', { status: 200 }));
    expect((await empty.GET('/api/v3/resellers/1')).data).toBeUndefined();
    const noContent = untyped({}, new Response(null, { status: 204 }));
    expect((await noContent.GET('/api/v3/resellers/1')).data).toBeUndefined();
  });

  it('keeps parseAs when the caller sets it', async () => {
    const { GET } = untyped({}, new Response('plain text', { status: 200 }));
    const { data } = await GET('/api/v3/resellers/1', { parseAs: 'text' });
    expect(data).toBe('plain text');
  });

  it('turns a success answer that is not JSON into an ActivePlatformError', async () => {
    const html = '<!doctype html><title>Welcome</title>';
    const { GET } = untyped(
      {},
      new Response(html, { status: 200, headers: { 'Content-Type': 'text/html' } }),
    );
    const error = await GET('/api/v3/resellers/{reseller_id}', {
      params: { path: { reseller_id: 1 } },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivePlatformError);
    expect(error).toMatchObject({
      status: 200,
      body: html,
      operation: { method: 'GET', path: '/api/v3/resellers/{reseller_id}' },
    });
    expect((error as Error).message).toMatch(/answered 200.*not JSON/);
  });

  it('returns error answers as { error } unless throwOnError is set, per client or per call', async () => {
    const body = { errors: [{ title: 'Not found', status: '404' }] };
    const make = (throwOnError: boolean) =>
      untyped({ throwOnError }, jsonResponse(body, { status: 404 }));

    const quiet = make(false);
    const result = await quiet.GET('/api/v3/resellers/1');
    expect(result.error).toEqual(body);
    expect(result.response.status).toBe(404);
    await expect(quiet.GET('/api/v3/resellers/1', { throwOnError: true })).rejects.toBeInstanceOf(
      ActivePlatformError,
    );

    const loud = make(true);
    await expect(loud.GET('/api/v3/resellers/1')).rejects.toMatchObject({ status: 404 });
    const opted = await loud.GET('/api/v3/resellers/1', { throwOnError: false });
    expect(opted.error).toEqual(body);
  });

  it('runs openapi-fetch middleware registered with use(), until eject()', async () => {
    const { client, GET, wire } = untyped();
    const seen: unknown[] = [];
    const trace = {
      onRequest({ request }: { request: Request }) {
        seen.push(request);
        request.headers.set('X-Trace', 'on');
        return request;
      },
    };
    client.use(trace);
    await GET('/api/v3/resellers/1');
    client.eject(trace);
    await GET('/api/v3/resellers/2');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(wire.requests.map((r) => r.headers.get('x-trace'))).toEqual(['on', null]);
  });

  it('runs middleware given to one call', async () => {
    const { GET, wire } = untyped();
    const middleware = [
      {
        onRequest({ request }: { request: Request }) {
          request.headers.set('X-Trace', 'call');
          return request;
        },
      },
    ];
    await GET('/api/v3/resellers/1', { middleware });
    await GET('/api/v3/resellers/2');
    expect(wire.requests.map((r) => r.headers.get('x-trace'))).toEqual(['call', null]);
  });

  it('calls fetch(url, init) without middleware and fetch(request) with it', async () => {
    const calls: Array<{ input: unknown; init: RequestInit | undefined }> = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ input, init });
      return jsonResponse({ data: [] });
    }) as typeof globalThis.fetch;
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch });
    const GET = client.GET as unknown as (path: string) => Promise<unknown>;
    await GET('/api/v3/resellers/1');
    client.use({ onRequest: ({ request }) => request });
    await GET('/api/v3/resellers/1');

    const [plain, withMiddleware] = calls;
    expect(plain?.input).toBe(`${BASE_URL}/api/v3/resellers/1`);
    expect(new Headers(plain?.init?.headers).get('x-api-token')).toBe(TOKEN);
    expect(plain?.init?.method).toBe('GET');
    expect(plain?.init?.signal).toBeInstanceOf(AbortSignal);
    expect(Object.keys(plain?.init ?? {}).some((key) => key.startsWith('__'))).toBe(false);
    expect(withMiddleware?.input).toBeInstanceOf(Request);
    const request = withMiddleware?.input as Request | undefined;
    expect(request?.headers.get('x-api-token')).toBe(TOKEN);
    expect(request?.signal).toBeInstanceOf(AbortSignal);
    expect(withMiddleware?.init).toBeUndefined();
  });

  it('uses a fetch given to one call, and reports its failure with the operation', async () => {
    const { GET, wire } = untyped({ retry: false });
    const failing = (async () => {
      throw new TypeError('socket hang up');
    }) as typeof globalThis.fetch;
    const call = GET('/api/v3/resellers/1', { fetch: failing });
    await expect(call).rejects.toMatchObject({
      name: 'ActivePlatformNetworkError',
      operation: { method: 'GET', path: '/api/v3/resellers/1' },
      url: `${BASE_URL}/api/v3/resellers/1`,
    });
    await expect(call).rejects.toThrow(/socket hang up/);
    expect(wire.requests).toHaveLength(0);
  });

  it('refuses a body on GET before sending, as a Request would', async () => {
    const { GET, wire } = untyped();
    await expect(GET('/api/v3/resellers/1', { body: { a: 1 } })).rejects.toThrow(TypeError);
    expect(wire.requests).toHaveLength(0);
  });

  it('sends HEAD, OPTIONS and PUT, and request() with a lower-case method', async () => {
    const { client, HEAD, OPTIONS, PUT, wire } = untyped();
    await HEAD('/api/v3/resellers/1');
    await OPTIONS('/api/v3/resellers/1');
    await PUT('/api/v3/resellers/1', { body: { a: 1 } });
    await (client.request as unknown as (m: string, p: string) => Promise<unknown>)(
      'get',
      '/api/v3/resellers/1',
    );
    expect(wire.requests.map((r) => r.method)).toEqual(['HEAD', 'OPTIONS', 'PUT', 'GET']);
  });
});
