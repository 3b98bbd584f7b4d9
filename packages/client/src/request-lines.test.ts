import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { BASE_URL, jsonResponse, recordingFetch, TOKEN } from './test-support/wire.js';

interface DocumentedLine {
  method: string;
  path: string;
  line: string;
  expected?: string;
  note?: string;
}

const { lines } = JSON.parse(
  readFileSync(new URL('./fixtures/documented-request-lines.json', import.meta.url), 'utf8'),
) as { lines: DocumentedLine[] };

/** `1848` → 1848, `true` → true, `a,b` → ['a', 'b']: the values a caller would pass. */
function parseValue(raw: string): unknown {
  const text = decodeURIComponent(raw);
  if (text.includes(',')) return text.split(',').map(parseValue);
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/** The `params` a caller writes to get this request line from this path template. */
function paramsFor(template: string, target: string) {
  const [pathname = '', search = ''] = target.split('?');
  const names = template.split('/');
  const values = pathname.split('/');
  expect(values.length).toBe(names.length);
  const path: Record<string, unknown> = {};
  names.forEach((segment, i) => {
    const match = /^\{(.+)\}$/.exec(segment);
    if (match?.[1]) path[match[1]] = parseValue(values[i] ?? '');
    else expect(values[i]).toBe(segment);
  });
  const query: Record<string, unknown> = {};
  for (const pair of search ? search.split('&') : []) {
    const [name = '', value = ''] = pair.split('=');
    const family = /^(\w+)\[(\w+)\]$/.exec(name);
    if (family?.[1] && family[2]) {
      const group = (query[family[1]] ?? {}) as Record<string, unknown>;
      group[family[2]] = parseValue(value);
      query[family[1]] = group;
    } else {
      query[name] = parseValue(value);
    }
  }
  return { path, query };
}

function client() {
  const wire = recordingFetch(() => jsonResponse({ data: [] }));
  return { wire, api: createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch }) };
}

describe('request lines of the official documentation', () => {
  it('the fixture holds every documented line, the three paging examples among them', () => {
    expect(lines.length).toBeGreaterThanOrEqual(41);
    expect(lines.map((l) => l.line)).toEqual(
      expect.arrayContaining([
        'GET /api/v3/resellers/1/managers?page[size]=2&page[number]=48',
        'GET /api/v3/resellers/1/child_reseller_subscriptions?meta=true&page[number]=396&page[size]=2',
        'GET/api/v3/resellers/1/accounts/505/external_invoices?filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4',
      ]),
    );
  });

  it.each(lines.map((l) => [l.expected ?? l.line, l] as const))('%s', async (expected, entry) => {
    const [method = '', target = ''] = expected.split(' ');
    expect(method).toBe(entry.method);
    const { wire, api } = client();
    // Most of these operations are not in the bundle yet, so the path is passed untyped.
    const request = api.request as unknown as (m: string, p: string, i: object) => Promise<unknown>;

    await request(method.toLowerCase(), entry.path, { params: paramsFor(entry.path, target) });

    const sent = wire.requests[0];
    // Raw: brackets and list commas go out unencoded, exactly as the documentation writes them.
    expect(sent?.line).toBe(expected);
    expect(decodeURIComponent(sent?.line ?? '')).toBe(decodeURIComponent(expected));
    expect(sent?.url.origin).toBe(BASE_URL);
  });
});

describe('request lines of operations in the bundle, typed calls', () => {
  it('GET closing document by key', async () => {
    const { wire, api } = client();
    await api.GET('/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices', {
      params: {
        path: { reseller_id: 1, account_id: 505 },
        query: { filter: { key: '0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4' } },
      },
    });
    expect(wire.requests[0]?.line).toBe(
      'GET /api/v3/resellers/1/accounts/505/external_invoices?filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4',
    );
  });

  it('PATCH and DELETE closing document', async () => {
    const { wire, api } = client();
    const path =
      '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices/{external_invoice_id}' as const;
    await api.PATCH(path, {
      params: { path: { reseller_id: 1, account_id: 505, external_invoice_id: 11 } },
      body: {
        key: 'k',
        type: 'invoice',
        name: 'n',
        amount: { total: '1.00', currency: 'EUR' },
        start_date: '2019-09-01',
        end_date: '2019-10-01',
        file: 'data:application/pdf;base64,JVBERi0=',
      },
    });
    await api.DELETE(path, {
      params: { path: { reseller_id: 1, account_id: 505, external_invoice_id: 277 } },
    });
    expect(wire.requests.map((r) => r.line)).toEqual([
      'PATCH /api/v3/resellers/1/accounts/505/external_invoices/11',
      'DELETE /api/v3/resellers/1/accounts/505/external_invoices/277',
    ]);
  });

  it('POST notifications on closing documents (the documented path, not the example line)', async () => {
    const { wire, api } = client();
    await api.POST('/api/v3/resellers/{reseller_id}/notifications/external_invoices', {
      params: { path: { reseller_id: 1 } },
      body: { account_ids: [2003421], start_date: '2019-11-01', end_date: '2019-11-30' },
    });
    expect(wire.requests[0]?.line).toBe('POST /api/v3/resellers/1/notifications/external_invoices');
  });
});
