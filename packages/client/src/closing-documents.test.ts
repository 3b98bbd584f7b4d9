import type { components } from '@activeplatform/types';
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { ActivePlatformError } from './errors.js';
import {
  firstExample,
  operations,
  requestExample,
  responseExample,
  type SpecOperation,
} from './test-support/spec.js';
import { BASE_URL, jsonResponse, MEDIA, recordingFetch, TOKEN } from './test-support/wire.js';

const byId = (id: string): SpecOperation => {
  const op = operations().find((o) => o.operationId === id);
  if (!op) throw new Error(`${id} is not in the bundle`);
  return op;
};

type ClosingDocumentInput = components['schemas']['ClosingDocumentInput'];
type NotificationRequest = components['schemas']['ClosingDocumentNotificationRequest'];

function expectConventionHeaders(headers: Headers) {
  expect(headers.get('x-api-token')).toBe(TOKEN);
  expect(headers.get('accept')).toBe(MEDIA);
  expect(headers.get('content-type')).toBe(MEDIA);
}

describe('Closing documents on the wire (spec examples)', () => {
  it('getClosingDocument: GET with filter[key], no body, answer parsed', async () => {
    const op = byId('getClosingDocument');
    const answer = responseExample(op, '2XX');
    const { fetch, requests } = recordingFetch(() => jsonResponse(answer));
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch });

    const { data, error } = await client.GET(
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices',
      {
        params: {
          path: { reseller_id: 1, account_id: 505 },
          query: { filter: { key: '0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4' } },
        },
      },
    );

    expect(error).toBeUndefined();
    expect(data).toEqual(answer);
    expect(data?.data.attributes.type).toBe('invoice');
    const [sent] = requests;
    expect(sent?.method).toBe('GET');
    expect(sent?.url.href).toBe(
      `${BASE_URL}/api/v3/resellers/1/accounts/505/external_invoices?filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4`,
    );
    expectConventionHeaders(sent?.headers as Headers);
    expect(sent?.body).toBeNull();
  });

  it('sendClosingDocument: POST with the example body', async () => {
    const op = byId('sendClosingDocument');
    const body = requestExample(op) as ClosingDocumentInput;
    const answer = responseExample(op, '2XX');
    const { fetch, requests } = recordingFetch(() => jsonResponse(answer));
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch });

    const { data } = await client.POST(
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices',
      { params: { path: { reseller_id: 1, account_id: 505 } }, body },
    );

    expect(data).toEqual(answer);
    const [sent] = requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url.href).toBe(`${BASE_URL}/api/v3/resellers/1/accounts/505/external_invoices`);
    expectConventionHeaders(sent?.headers as Headers);
    expect(sent?.body).toBe(JSON.stringify(body));
    expect(JSON.parse(sent?.body ?? '')).toEqual(body);
  });

  it('updateClosingDocument: PATCH with the official example body', async () => {
    const op = byId('updateClosingDocument');
    const body = requestExample(op) as ClosingDocumentInput;
    const answer = responseExample(op, '2XX');
    const { fetch, requests } = recordingFetch(() => jsonResponse(answer));
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch });

    const { data } = await client.PATCH(
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices/{external_invoice_id}',
      { params: { path: { reseller_id: 1, account_id: 505, external_invoice_id: 11 } }, body },
    );

    expect(data).toEqual(answer);
    const [sent] = requests;
    expect(sent?.method).toBe('PATCH');
    expect(sent?.url.href).toBe(`${BASE_URL}/api/v3/resellers/1/accounts/505/external_invoices/11`);
    expectConventionHeaders(sent?.headers as Headers);
    expect(JSON.parse(sent?.body ?? '')).toEqual(body);
    // The official example keeps its quoted base64 part; the client sends it untouched.
    expect(sent?.body).toContain("data:application/pdf;base64,'SSBob2xk");
  });

  it('deleteClosingDocument: DELETE without a body', async () => {
    const op = byId('deleteClosingDocument');
    const answer = responseExample(op, '2XX');
    const { fetch, requests } = recordingFetch(() => jsonResponse(answer));
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch });

    const { data } = await client.DELETE(
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices/{external_invoice_id}',
      { params: { path: { reseller_id: 1, account_id: 505, external_invoice_id: 277 } } },
    );

    expect(data).toEqual(answer);
    expect(data?.data.attributes.file).toBeUndefined();
    const [sent] = requests;
    expect(sent?.method).toBe('DELETE');
    expect(sent?.url.href).toBe(
      `${BASE_URL}/api/v3/resellers/1/accounts/505/external_invoices/277`,
    );
    expectConventionHeaders(sent?.headers as Headers);
    expect(sent?.body).toBeNull();
  });

  it('sendClosingDocumentNotifications: POST, the null answer comes back as data null', async () => {
    const op = byId('sendClosingDocumentNotifications');
    const body = requestExample(op) as NotificationRequest;
    const { fetch, requests } = recordingFetch(() => new Response('null', { status: 200 }));
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch });

    const result = await client.POST(
      '/api/v3/resellers/{reseller_id}/notifications/external_invoices',
      { params: { path: { reseller_id: 1 } }, body },
    );

    expect(result.error).toBeUndefined();
    expect(result.data).toBeNull();
    expect(result.response.status).toBe(200);
    const [sent] = requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url.href).toBe(`${BASE_URL}/api/v3/resellers/1/notifications/external_invoices`);
    expectConventionHeaders(sent?.headers as Headers);
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      account_ids: [2003421, 2003565, 2013289, 2013459],
      start_date: '2019-11-01',
      end_date: '2019-11-30',
    });
  });

  it('sendClosingDocumentNotifications: the object-shaped 422 is returned, or thrown when asked', async () => {
    const op = byId('sendClosingDocumentNotifications');
    const errorBody = responseExample(op, '422');
    const { fetch } = recordingFetch(() =>
      jsonResponse(errorBody, { status: 422, headers: { 'X-Request-Id': 'req-422' } }),
    );
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch });
    const path = '/api/v3/resellers/{reseller_id}/notifications/external_invoices' as const;
    const init = {
      params: { path: { reseller_id: 1 } },
      body: { account_ids: [], start_date: '2019-11-01', end_date: '2019-11-30' },
    };

    const result = await client.POST(path, init);
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(errorBody);
    expect(result.response.status).toBe(422);

    const thrown = await client.POST(path, { ...init, throwOnError: true }).catch((e) => e);
    expect(thrown).toBeInstanceOf(ActivePlatformError);
    const error = thrown as ActivePlatformError;
    expect(error.status).toBe(422);
    expect(error.body).toEqual(errorBody);
    expect(error.errors).toEqual([
      { title: 'param is missing or the value is empty: account_ids', status: '422' },
    ]);
    expect(error.operation).toEqual({ method: 'POST', path });
    expect(error.requestId).toBe('req-422');
    expect(error.message).toContain('param is missing or the value is empty: account_ids');
  });
});

/** `{ filter: { created_at: { gt: 'x' } } }` → `[['filter[created_at][gt]', 'x']]`, lists comma-joined. */
function flatten(value: unknown, name = ''): [string, string][] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) =>
      flatten(inner, name ? `${name}[${key}]` : key),
    );
  }
  return [[name, Array.isArray(value) ? value.join(',') : String(value)]];
}

describe('every operation of the bundle, built from its examples', () => {
  const all = operations();

  it('the bundle holds the five Closing documents operations', () => {
    expect(all.map((o) => o.operationId)).toEqual(
      expect.arrayContaining([
        'getClosingDocument',
        'sendClosingDocument',
        'updateClosingDocument',
        'deleteClosingDocument',
        'sendClosingDocumentNotifications',
      ]),
    );
  });

  it.each(all.map((o) => [o.operationId, o] as const))(
    '%s goes out with its method, path, query, headers and body',
    async (_, op) => {
      const path: Record<string, unknown> = {};
      const query: Record<string, unknown> = {};
      for (const p of op.parameters) {
        const value = firstExample(p) ?? (p.in === 'path' ? 1 : undefined);
        if (value === undefined) continue;
        if (p.in === 'path') path[p.name as string] = value;
        if (p.in === 'query') query[p.name as string] = value;
      }
      const body = requestExample(op);
      const { fetch, requests } = recordingFetch(() => jsonResponse(null));
      const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch, retry: false });
      const call = client.request as unknown as (
        method: string,
        url: string,
        init: object,
      ) => Promise<unknown>;

      await call(op.method.toLowerCase(), op.path, {
        params: { path, query },
        ...(body === undefined ? {} : { body }),
      });

      const [sent] = requests;
      const expectedPath = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
        encodeURIComponent(String(path[name])),
      );
      expect(sent?.method).toBe(op.method);
      expect(`${sent?.url.origin}${sent?.url.pathname}`).toBe(BASE_URL + expectedPath);
      for (const [name, expected] of flatten(query)) {
        expect(sent?.url.searchParams.get(name)).toBe(expected);
      }
      expectConventionHeaders(sent?.headers as Headers);
      expect(sent?.body ? JSON.parse(sent.body) : undefined).toEqual(body);
    },
  );
});
