// Requests and answers on a recording fetch: what goes on the wire, how tokens are obtained,
// kept and renewed, and how each kind of failure comes out.
import { describe, expect, it } from 'vitest';
import {
  createRamBaseClient,
  type RamBaseAuth,
  RamBaseAuthError,
  RamBaseError,
  RamBaseNetworkError,
  RamBaseTimeoutError,
} from './index.js';

const BASE = 'https://rambase.example.com';
const auth: RamBaseAuth = {
  grant: 'client_credentials',
  clientId: 'c',
  clientSecret: 's3cret-value',
};

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

type Answer = (seen: Seen) => Response;
const json =
  (body: unknown, status = 200): Answer =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const xml =
  (body: string, status = 200): Answer =>
  () =>
    new Response(body, { status, headers: { 'content-type': 'application/xml' } });
const token = (access: string, extra: object = {}) =>
  json({ access_token: access, expires_in: 3600, ...extra });

/** A fetch that records each request and answers with the next of `answers`. */
function server(...answers: Answer[]) {
  const seen: Seen[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const entry = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: await request.text(),
    };
    seen.push(entry);
    const answer = answers[seen.length - 1];
    if (!answer) throw new Error('no answer prepared');
    return answer(entry);
  };
  const forms = () =>
    seen
      .filter((s) => s.url.pathname === '/oauth2/access_token')
      .map((s) => Object.fromEntries(new URLSearchParams(s.body)));
  return { seen, forms, fetch: fetch as typeof globalThis.fetch };
}

describe('requests', () => {
  it('log in with the grant, then send the bearer token, $format, $expand and $select', async () => {
    const { seen, forms, fetch } = server(
      token('tok-1'),
      json({ notification: { notificationId: 7 } }),
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch });
    const got = await rambase.getNotification(100523, 7, {
      expand: ['CreatedBy.Name', 'Approval.ApprovalRule'],
      select: ['NotificationId', 'CreatedBy'],
      query: { $lang: 'NOR', $db: 'ACMETEST' },
    });
    expect(got).toEqual({ notificationId: 7 });
    expect(forms()).toEqual([
      { grant_type: 'client_credentials', client_id: 'c', client_secret: 's3cret-value' },
    ]);
    expect(seen[0]?.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    const call = seen[1];
    expect(call?.url.pathname).toBe('/procurement/invoices/100523/notifications/7');
    expect(call?.headers.get('authorization')).toBe('Bearer tok-1');
    expect(call?.headers.get('accept')).toBe('application/json');
    const query = call?.url.searchParams;
    expect(query?.get('$format')).toBe('json');
    expect(query?.get('$expand')).toBe('CreatedBy.Name,Approval.ApprovalRule');
    expect(query?.get('$select')).toBe('NotificationId,CreatedBy');
    expect(query?.get('$lang')).toBe('NOR');
    expect(query?.get('$db')).toBe('ACMETEST');
  });

  it('write a new notification as XML and read the XML answer', async () => {
    const { seen, fetch } = server(
      token('tok'),
      xml(
        '<Notification><NotificationId>9</NotificationId><MessageParameters><MessageParameter><Key>A</Key><Value>1</Value></MessageParameter></MessageParameters></Notification>',
        201,
      ),
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch, format: 'xml' });
    const made = await rambase.createNotification(100523, {
      notificationType: { notificationTypeId: 'APPRLIMIT' },
      messageParameters: [{ key: 'A', value: '1' }],
    });
    expect(made).toEqual({ notificationId: 9, messageParameters: [{ key: 'A', value: '1' }] });
    const call = seen[1];
    expect(call?.headers.get('content-type')).toBe('application/xml');
    expect(call?.headers.get('accept')).toBe('application/xml');
    expect(call?.body).toContain('<Notification>');
    expect(call?.body).toContain('<MessageParameters>\n    <MessageParameter>\n      <Key>A</Key>');
    expect(call?.body).toContain('<NotificationTypeId>APPRLIMIT</NotificationTypeId>');
  });

  it('write a new notification as JSON under its key', async () => {
    const { seen, fetch } = server(
      token('tok'),
      json({ notification: { notificationId: 3 } }, 201),
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch });
    await rambase.createNotification(1, { notificationType: { notificationTypeId: 'X' } });
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({
      notification: { notificationType: { notificationTypeId: 'X' } },
    });
    expect(seen[1]?.headers.get('content-type')).toBe('application/json');
  });
});

describe('tokens', () => {
  it('are obtained once for calls made together, and kept', async () => {
    const answer = json({ notification: { notificationId: 1 } });
    const { forms, fetch } = server(token('tok'), answer, answer, answer);
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch });
    await Promise.all([rambase.getNotification(1, 1), rambase.getNotification(1, 1)]);
    await rambase.getNotification(1, 1);
    expect(forms()).toHaveLength(1);
  });

  it('are renewed before they expire, with the refresh token when one came (expires_in as text too)', async () => {
    let clock = 0;
    const answer = json({ notification: {} });
    const { seen, forms, fetch } = server(
      token('first', { expires_in: '"120"', refresh_token: 'r-1' }),
      answer,
      answer,
      token('second', { expires_in: 120, refresh_token: 'r-2' }),
      answer,
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch, now: () => clock });
    await rambase.getNotification(1, 1);
    // Renewal starts 30 s (at most half the lifetime) before expiry: at 90 s of 120.
    clock = 89_999;
    await rambase.getNotification(1, 1);
    expect(forms()).toHaveLength(1);
    clock = 90_000;
    await rambase.getNotification(1, 1);
    expect(forms().map((f) => [f.grant_type, f.refresh_token])).toEqual([
      ['client_credentials', undefined],
      ['refresh_token', 'r-1'],
    ]);
    expect(seen[2]?.headers.get('authorization')).toBe('Bearer first');
    expect(seen[4]?.headers.get('authorization')).toBe('Bearer second');
  });

  it('fall back to the grant when the refresh token is refused', async () => {
    let clock = 0;
    const { forms, fetch } = server(
      token('first', { expires_in: 60, refresh_token: 'r-1' }),
      json({ notification: {} }),
      json({ message: 'Invalid refresh token' }, 400),
      token('again'),
      json({ notification: {} }),
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch, now: () => clock });
    await rambase.getNotification(1, 1);
    clock = 60_000;
    await rambase.getNotification(1, 1);
    expect(forms().map((f) => f.grant_type)).toEqual([
      'client_credentials',
      'refresh_token',
      'client_credentials',
    ]);
  });

  it('send the password grant’s fields', async () => {
    const { forms, fetch } = server(token('t'), json({ notification: {} }));
    const rambase = createRamBaseClient({
      baseUrl: BASE,
      fetch,
      auth: {
        grant: 'password',
        clientId: 'c',
        clientSecret: 's',
        username: 'kari',
        password: 'pw',
        otp: '123',
        target: 'PROD',
      },
    });
    await rambase.getNotification(1, 1);
    expect(forms()).toEqual([
      {
        grant_type: 'password',
        client_id: 'c',
        client_secret: 's',
        username: 'kari',
        password: 'pw',
        otp: '123',
        target: 'PROD',
      },
    ]);
  });

  it('are not requested when the client is given one', async () => {
    const { seen, fetch } = server(json({ notification: {} }));
    await createRamBaseClient({
      baseUrl: BASE,
      fetch,
      auth: { accessToken: 'given' },
    }).getNotification(1, 1);
    expect(seen.map((s) => s.headers.get('authorization'))).toEqual(['Bearer given']);
  });

  it('refused: RamBaseAuthError with the status and the login error', async () => {
    const { fetch } = server(
      json({ error_code: 10, message: 'Choose a target', targets: [{ target_name: 'A' }] }, 401),
    );
    const error = await createRamBaseClient({ baseUrl: BASE, auth, fetch })
      .getNotification(1, 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RamBaseAuthError);
    expect(error).toMatchObject({
      status: 401,
      body: { error_code: 10, targets: [{ target_name: 'A' }] },
      operation: { operationId: 'createAccessToken' },
    });
    expect((error as Error).message).toBe(
      'POST /oauth2/access_token (createAccessToken) answered 401: Choose a target',
    );
  });

  it('an answer without an access token is a RamBaseAuthError too', async () => {
    const { fetch } = server(json({ expires_in: 60 }));
    await expect(
      createRamBaseClient({ baseUrl: BASE, auth, fetch }).getNotification(1, 1),
    ).rejects.toThrow('holds no access_token');
  });
});

describe('answers', () => {
  it('an error status is a RamBaseError with the error body, from JSON or XML', async () => {
    const { fetch } = server(
      token('t'),
      json({ httpStatusCode: 403, message: 'No access' }, 403),
      xml('<Error><HttpStatusCode>404</HttpStatusCode><Message>Not there</Message></Error>', 404),
      () => new Response('gateway down', { status: 502 }),
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch });
    const errors = [];
    for (let i = 0; i < 3; i++)
      errors.push(await rambase.getNotification(1, 1).catch((e: unknown) => e));
    expect(errors.map((e) => e instanceof RamBaseError)).toEqual([true, true, true]);
    expect(errors).toMatchObject([
      { status: 403, body: { httpStatusCode: 403, message: 'No access' } },
      { status: 404, body: { httpStatusCode: 404, message: 'Not there' } },
      { status: 502, body: 'gateway down' },
    ]);
    expect((errors[0] as Error).message).toBe(
      'GET /procurement/invoices/{supplierInvoiceId}/notifications/{notificationId} (getSupplierInvoiceNotification) answered 403: No access',
    );
  });

  it('an answer that is neither form is a RamBaseError with its text', async () => {
    const { fetch } = server(
      token('t'),
      json({ other: 1 }),
      () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch });
    await expect(rambase.getNotification(1, 1)).rejects.toThrow('has no "notification" member');
    const html = await rambase.getNotification(1, 1).catch((e: unknown) => e);
    expect(html).toMatchObject({ name: 'RamBaseError', status: 200, body: '<html>' });
  });

  it('a 401 with a token of the client’s is answered by a new token and one retry', async () => {
    const { forms, fetch } = server(
      token('old'),
      json({ httpStatusCode: 401 }, 401),
      token('new'),
      json({ notification: { notificationId: 2 } }),
    );
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch });
    expect(await rambase.getNotification(1, 2)).toEqual({ notificationId: 2 });
    expect(forms()).toHaveLength(2);
  });
});

describe('the wire', () => {
  it('gives up after timeoutMs, even with a fetch that ignores its signal', async () => {
    const fetch = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
    const rambase = createRamBaseClient({
      baseUrl: BASE,
      auth: { accessToken: 't' },
      fetch,
      timeoutMs: 20,
    });
    await expect(rambase.getNotification(1, 1)).rejects.toBeInstanceOf(RamBaseTimeoutError);
  });

  it('reports a failed connection as RamBaseNetworkError', async () => {
    const fetch = (() => Promise.reject(new TypeError('fetch failed'))) as typeof globalThis.fetch;
    const error = await createRamBaseClient({ baseUrl: BASE, auth, fetch })
      .getNotification(1, 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RamBaseNetworkError);
    expect(error).toMatchObject({ operation: { operationId: 'createAccessToken' } });
  });

  it('refuses options it cannot work with', () => {
    expect(() => createRamBaseClient({ baseUrl: 'ftp://x', auth })).toThrow(TypeError);
    expect(() => createRamBaseClient({ auth: { grant: 'implicit' } as never })).toThrow(TypeError);
    expect(() => createRamBaseClient({ auth: { accessToken: '' } })).toThrow(TypeError);
    expect(() => createRamBaseClient({ auth, format: 'html' as never })).toThrow(TypeError);
    expect(() => createRamBaseClient({ auth, timeoutMs: 0 })).toThrow(TypeError);
  });

  it('refuses a notification that cannot be written as XML before sending it', async () => {
    const { seen, fetch } = server();
    const rambase = createRamBaseClient({ baseUrl: BASE, auth, fetch, format: 'xml' });
    await expect(
      rambase.createNotification(1, {
        notificationType: { notificationTypeId: 'X' },
        regardingItem: { itemId: 'one' as never },
      }),
    ).rejects.toThrow('cannot be written as XML');
    expect(seen).toHaveLength(0);
  });
});
