import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { ActivePlatformError } from './errors.js';
import { type HostileServer, startHostileServer } from './fixtures/hostile-server.js';

const TOKEN = 'redirect-test-token-6Jq2';
type Result = { data?: unknown; error?: unknown; response: Response };
type Call = (path: string, init?: Record<string, unknown>) => Promise<Result>;

// `api` is baseUrl's origin. `otherPort` is the same host on another port; `otherHost` another
// host (127.0.0.2, also the loopback) on the same port as `api`.
let api: HostileServer;
let otherPort: HostileServer;
let otherHost: HostileServer;

beforeAll(async () => {
  api = await startHostileServer();
  otherPort = await startHostileServer();
  otherHost = await startHostileServer({ host: '127.0.0.2', port: api.port });
});

afterAll(async () => {
  await Promise.all([api, otherPort, otherHost].map((s) => s?.close()));
});

function client(options: Record<string, unknown> = {}) {
  const c = createClient({ baseUrl: api.url, token: TOKEN, retry: false, ...options });
  return c as unknown as Record<'GET' | 'POST' | 'PUT' | 'HEAD', Call> & typeof c;
}

const redirect = (status: number, to: string) =>
  `/redirect?status=${status}&to=${encodeURIComponent(to)}`;

const everyRequest = () => [...api.requests, ...otherPort.requests, ...otherHost.requests];

describe('redirects to another origin are refused, and the token stays home', () => {
  const targets = () => ({
    'another port': `${otherPort.url}/ok`,
    'another host': `${otherHost.url}/ok`,
    'another scheme': `https://127.0.0.1:${api.port}/ok`,
  });

  for (const status of [301, 302, 303, 307, 308]) {
    for (const where of ['another port', 'another host', 'another scheme'] as const) {
      it(`${status} to ${where}`, async () => {
        const to = targets()[where];
        const before = everyRequest().length;
        for (const method of ['GET', 'POST'] as const) {
          const error = await client()
            [method](redirect(status, to), method === 'POST' ? { body: { a: 1 } } : {})
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(ActivePlatformError);
          const e = error as ActivePlatformError;
          expect(e.status).toBe(status);
          expect(e.operation).toEqual({ method, path: redirect(status, to) });
          expect(e.message).toContain(`the redirect to ${to} is not followed`);
          expect(e.message).toContain(`the token goes to ${api.url} only`);
          expect(e.url).toBe(`${api.url}${redirect(status, to)}`);
        }
        // Only the two first requests reached a server, both baseUrl's.
        const seen = everyRequest().slice(before);
        expect(seen.map((r) => r.host)).toEqual([`127.0.0.1:${api.port}`, `127.0.0.1:${api.port}`]);
        expect(otherPort.requests.concat(otherHost.requests).some((r) => r.token)).toBe(false);
      });
    }
  }

  it('refuses also in result mode (the call rejects rather than resolving)', async () => {
    await expect(client().GET(redirect(302, `${otherPort.url}/ok`))).rejects.toBeInstanceOf(
      ActivePlatformError,
    );
  });

  it('refuses a Location that is not a URL', async () => {
    const e = await client()
      .GET(redirect(302, 'http://[not-an-address'))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformError);
    expect((e as Error).message).toContain('is not followed');
  });

  it('with middleware that asks fetch to follow redirects', async () => {
    const c = client();
    c.use({ onRequest: ({ request }) => new Request(request, { redirect: 'follow' }) });
    const before = otherPort.requests.length;
    await expect(
      c.POST(redirect(307, `${otherPort.url}/ok`), { body: { a: 1 } }),
    ).rejects.toBeInstanceOf(ActivePlatformError);
    expect(otherPort.requests.length).toBe(before);
    expect((await c.POST(redirect(307, '/ok'), { body: { a: 1 } })).data).toMatchObject({
      data: { method: 'POST', body: '{"a":1}' },
    });
  });

  it('with middleware too: a Request goes out with redirect: manual', async () => {
    const c = client();
    c.use({ onRequest: ({ request }) => request });
    const before = otherPort.requests.length;
    await expect(c.GET(redirect(307, `${otherPort.url}/ok`))).rejects.toBeInstanceOf(
      ActivePlatformError,
    );
    expect(otherPort.requests.length).toBe(before);
  });
});

describe('redirects within baseUrl’s origin are followed', () => {
  it.each([301, 302, 307, 308])('%i keeps a GET a GET, with the token', async (status) => {
    const before = api.requests.length;
    const { data, response } = await client().GET(redirect(status, '/ok?step=2'));
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${api.url}/ok?step=2`);
    expect(data).toMatchObject({ data: { method: 'GET', path: '/ok?step=2' } });
    expect(api.requests.slice(before).map((r) => r.token)).toEqual([TOKEN, TOKEN]);
  });

  it.each([
    [301, 'GET', ''],
    [302, 'GET', ''],
    [303, 'GET', ''],
    [307, 'POST', '{"a":1}'],
    [308, 'POST', '{"a":1}'],
  ])('%i after a POST continues as %s', async (status, method, body) => {
    const { data } = await client().POST(redirect(status, `${api.url}/ok`), { body: { a: 1 } });
    expect(data).toMatchObject({ data: { method, body } });
  });

  it('303 after a PUT continues as GET; 307 keeps the PUT and its body', async () => {
    const c = client();
    const put = { body: { b: 2 } };
    expect((await c.PUT(redirect(303, '/ok'), put)).data).toMatchObject({
      data: { method: 'GET', body: '' },
    });
    expect((await c.PUT(redirect(307, '/ok'), put)).data).toMatchObject({
      data: { method: 'PUT', body: '{"b":2}' },
    });
  });

  it('307 after a POST keeps the body when middleware built the Request', async () => {
    const c = client();
    c.use({ onRequest: ({ request }) => request });
    const { data } = await c.POST(redirect(307, '/ok'), { body: { c: 3 } });
    expect(data).toMatchObject({ data: { method: 'POST', body: '{"c":3}' } });
  });

  it('stops a redirect loop after 20 redirects', async () => {
    const before = api.requests.length;
    const e = await client()
      .GET('/loop')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ActivePlatformError);
    expect((e as Error).message).toContain('too many redirects');
    expect(api.requests.length - before).toBe(21);
  });
});
