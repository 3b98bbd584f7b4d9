// The client against the mock of the same description, in-process and over HTTP: every
// operation in both forms, the grants, expiry and renewal, and the error body.
import {
  createMockFetch,
  DEMO_CLIENT,
  DEMO_USERS,
  type MockOptions,
  type RunningServer,
  startMockServer,
} from '@proseapi/rambase-mock';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createRamBaseClient,
  type RamBaseAuth,
  RamBaseAuthError,
  type RamBaseClientOptions,
  RamBaseError,
} from './index.js';

const INVOICE = 100523;
const clientCredentials: RamBaseAuth = { grant: 'client_credentials', ...DEMO_CLIENT };
const [kari, ole] = DEMO_USERS;

interface Transport {
  name: string;
  /** Options that reach a fresh, stateful mock made with `options`. */
  connect(options?: MockOptions): Promise<Pick<RamBaseClientOptions, 'baseUrl' | 'fetch'>>;
}

let server: RunningServer | undefined;
const transports: Transport[] = [
  {
    name: 'in-process (createMockFetch)',
    connect: async (options) => ({
      baseUrl: 'https://api.rambase.net',
      fetch: createMockFetch({ mode: 'stateful', ...options }),
    }),
  },
  {
    name: 'over HTTP (startMockServer)',
    async connect(options) {
      await server?.close();
      server = await startMockServer({ port: 0, ...options });
      return { baseUrl: server.url };
    },
  },
];

afterAll(async () => {
  await server?.close();
});

/** A fetch that tells the grants sent to the token endpoint. */
function recordingGrants(fetch: typeof globalThis.fetch = globalThis.fetch) {
  const grants: string[] = [];
  const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.endsWith('/oauth2/access_token')) {
      grants.push(new URLSearchParams(await request.clone().text()).get('grant_type') ?? '');
    }
    return fetch(request);
  }) as typeof globalThis.fetch;
  return { grants, fetch: recording };
}

describe.each(transports)('the client against the mock, $name', (transport) => {
  const connect = async (options: Partial<RamBaseClientOptions> = {}, mock?: MockOptions) =>
    createRamBaseClient({
      auth: clientCredentials,
      ...(await transport.connect(mock)),
      ...options,
    });

  it('$expand=CreatedBy.Name adds the name, in JSON and in XML; without it the name is absent', async () => {
    const rambase = await connect();
    for (const format of ['json', 'xml'] as const) {
      const expanded = await rambase.getNotification(INVOICE, 7, {
        expand: ['CreatedBy.Name'],
        format,
      });
      expect(expanded.createdBy?.name).toBe('Berg');
      expect(expanded.createdBy?.userId).toBe(2117);
      expect(expanded.messageParameters).toEqual([
        { key: 'AMOUNT', value: '12500.00 NOK' },
        { key: 'LIMIT', value: '10000.00 NOK' },
      ]);
      const plain = await rambase.getNotification(INVOICE, 7, { format });
      expect(plain.createdBy).toBeDefined();
      expect(plain.createdBy).not.toHaveProperty('name');
      expect(plain.approval).not.toHaveProperty('approvalRule');
    }
  });

  it('$select keeps only the named fields, with what $expand adds', async () => {
    const rambase = await connect();
    for (const format of ['json', 'xml'] as const) {
      const selected = await rambase.getNotification(INVOICE, 7, {
        select: ['NotificationId', 'Status'],
        expand: ['CreatedBy.FirstName'],
        format,
      });
      expect(Object.keys(selected).sort()).toEqual(['createdBy', 'notificationId', 'status']);
    }
  });

  it('creates a notification in either form and reads it back in the other', async () => {
    const rambase = await connect();
    const json = await rambase.createNotification(INVOICE, {
      notificationType: { notificationTypeId: 'APPRLIMIT' },
      regardingItem: { itemId: 3 },
      messageParameters: [{ key: 'AMOUNT', value: '1.00 NOK' }],
    });
    const xml = await rambase.createNotification(
      INVOICE,
      { notificationType: { notificationTypeId: 'POMATCH' } },
      { format: 'xml' },
    );
    expect(json.notificationId).toEqual(expect.any(Number));
    expect(xml.notificationId).toBe((json.notificationId ?? 0) + 1);
    const back = await rambase.getNotification(INVOICE, json.notificationId ?? 0, {
      format: 'xml',
    });
    expect(back).toMatchObject({
      notificationType: { notificationTypeId: 'APPRLIMIT' },
      regardingItem: { itemId: 3 },
      messageParameters: [{ key: 'AMOUNT', value: '1.00 NOK' }],
    });
    const list = await rambase.listNotifications(INVOICE, { query: { regardingItemId: 3 } });
    expect(list.notifications.map((n) => n.notificationId)).toEqual([json.notificationId]);
  });

  it('lists a page in either form, with paging', async () => {
    const rambase = await connect();
    for (const format of ['json', 'xml'] as const) {
      const page = await rambase.listNotifications(INVOICE, { format, query: { $top: 1 } });
      expect(page.notifications).toHaveLength(1);
      expect(page.paging?.nextPage).toContain('$skip=1');
    }
  });

  it('gives RamBase’s error body, read from either form, on a RamBaseError', async () => {
    const rambase = await connect();
    for (const format of ['json', 'xml'] as const) {
      const error = await rambase
        .getNotification(INVOICE, 999, { format })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RamBaseError);
      expect(error).toMatchObject({
        status: 404,
        body: { httpStatusCode: 404, message: expect.any(String) },
        operation: { operationId: 'getSupplierInvoiceNotification' },
      });
    }
    const badSelect = await rambase
      .getNotification(INVOICE, 7, { select: ['NoSuchField'] })
      .catch((e: unknown) => e);
    expect(badSelect).toMatchObject({ status: 400, body: { httpStatusCode: 400 } });
  });

  it('logs in with the password grant; a refused login is a RamBaseAuthError with its body', async () => {
    const password = (user: typeof kari, extra: object = {}) =>
      ({
        grant: 'password',
        ...DEMO_CLIENT,
        username: user?.username ?? '',
        password: user?.password ?? '',
        ...extra,
      }) as RamBaseAuth;
    const mock = await transport.connect();
    const rambase = createRamBaseClient({ ...mock, auth: password(kari) });
    expect((await rambase.getNotification(INVOICE, 5)).notificationId).toBe(5);
    const needsOtp = await createRamBaseClient({ ...mock, auth: password(ole) })
      .getNotification(INVOICE, 5)
      .catch((e: unknown) => e);
    expect(needsOtp).toBeInstanceOf(RamBaseAuthError);
    expect(needsOtp).toMatchObject({ status: 400, body: { error_code: 5 } });
    const withOtp = createRamBaseClient({
      ...mock,
      auth: password(ole, { otp: '481516', target: 'ACMETEST' }),
    });
    expect((await withOtp.getNotification(INVOICE, 5)).notificationId).toBe(5);
    const wrongSecret = await createRamBaseClient({
      ...mock,
      auth: { ...clientCredentials, clientSecret: 'wrong-secret' },
    })
      .getNotification(INVOICE, 5)
      .catch((e: unknown) => e);
    expect(wrongSecret).toMatchObject({ name: 'RamBaseAuthError', status: 400 });
  });

  it('renews an expired token with the refresh token it was issued, then with a refresh_token grant given', async () => {
    let clock = Date.parse('2026-11-30T10:00:00Z');
    const now = () => clock;
    const mock = await transport.connect({
      now: () => new Date(clock),
      tokenLifetime: 600,
      refreshGrants: ['client_credentials'],
    });
    const { grants, fetch } = recordingGrants(mock.fetch);
    const rambase = createRamBaseClient({ ...mock, fetch, now, auth: clientCredentials });
    await rambase.getNotification(INVOICE, 5);
    await rambase.getNotification(INVOICE, 7);
    expect(grants).toEqual(['client_credentials']);
    clock += 601_000;
    await rambase.getNotification(INVOICE, 5);
    expect(grants).toEqual(['client_credentials', 'refresh_token']);

    // A refresh token obtained elsewhere, as the only grant.
    const answer = await (mock.fetch ?? globalThis.fetch)(`${mock.baseUrl}/oauth2/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_CLIENT.clientId,
        client_secret: DEMO_CLIENT.clientSecret,
      }),
    });
    const { refresh_token } = (await answer.json()) as { refresh_token: string };
    const refreshing = createRamBaseClient({
      ...mock,
      now,
      auth: { grant: 'refresh_token', ...DEMO_CLIENT, refreshToken: refresh_token },
    });
    expect((await refreshing.getNotification(INVOICE, 7)).notificationId).toBe(7);
    clock += 601_000;
    // The first refresh token was used once and replaced: the client sends the new one.
    expect((await refreshing.getNotification(INVOICE, 7)).notificationId).toBe(7);
  });

  it('replaces a token the API refuses (401) once, and reports a given token that is refused', async () => {
    let clock = Date.parse('2026-11-30T10:00:00Z');
    const mock = await transport.connect({ now: () => new Date(clock), tokenLifetime: 600 });
    const { grants, fetch } = recordingGrants(mock.fetch);
    // The client's clock stands still: it believes its token fresh when the mock no longer does.
    const rambase = createRamBaseClient({ ...mock, fetch, now: () => 0, auth: clientCredentials });
    await rambase.getNotification(INVOICE, 5);
    clock += 601_000;
    expect((await rambase.getNotification(INVOICE, 5)).notificationId).toBe(5);
    expect(grants).toEqual(['client_credentials', 'client_credentials']);

    const given = await createRamBaseClient({ ...mock, auth: { accessToken: 'not-a-token' } })
      .getNotification(INVOICE, 5)
      .catch((e: unknown) => e);
    expect(given).toBeInstanceOf(RamBaseError);
    expect(given).toMatchObject({ status: 401, body: { httpStatusCode: 401 } });
  });
});
