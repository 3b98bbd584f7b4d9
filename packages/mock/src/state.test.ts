import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { createOracle, send } from '@proseapi/mock-engine/testing';
import {
  buildSpecModel,
  findResponse,
  type JsonObject,
  successStatus,
  templateKey,
} from '@proseapi/openapi-model';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonApi } from './dialect/jsonapi.js';
import {
  createMockHandler,
  DEMO_TOKEN,
  MANAGERS,
  type MockState,
  startMockServer,
} from './index.js';

const doc = bundle as unknown as JsonObject;
const oracle = createOracle(doc);
const MT = 'application/vnd.api+json';
const headers = { 'x-api-token': DEMO_TOKEN, 'content-type': MT };
const DOCS = '/api/v3/resellers/1/accounts/505/external_invoices';
const document = (key: string, name: string) => ({
  key,
  type: 'act',
  name,
  amount: { total: '437.00', currency: 'EUR' },
  start_date: '2024-11-01',
  end_date: '2024-11-30',
  file: 'data:application/pdf;base64,JVBERi0xLjQK',
});

const ADMIN_SECRET = 'state-test-secret';
const admin = { 'x-mock-admin-secret': ADMIN_SECRET };

const scratch = mkdtempSync(join(tmpdir(), 'activeplatform-mock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('closing documents in the stateful world', () => {
  it('send → get by key → update → delete', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const created = await send(handler, oracle, {
      method: 'POST',
      path: DOCS,
      headers,
      body: JSON.stringify(document('erp-1001', 'Act, November')),
    });
    expect(created.status).toBe(200);
    expect(created.problems).toEqual([]);
    const id = (created.json as { data: { id: string } }).data.id;

    const found = await send(handler, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=erp-1001',
      headers,
    });
    expect(found.problems).toEqual([]);
    expect(found.json).toMatchObject({
      data: { id, attributes: { name: 'Act, November', key: 'erp-1001' } },
    });

    const updated = await send(handler, oracle, {
      method: 'PATCH',
      path: `${DOCS}/${id}`,
      headers,
      body: JSON.stringify({
        ...document('erp-1001', 'Act, November (corrected)'),
        type: 'invoice',
      }),
    });
    expect(updated.problems).toEqual([]);
    expect(updated.json).toMatchObject({
      data: { id, attributes: { name: 'Act, November (corrected)', type: 'invoice' } },
    });
    const refound = await send(handler, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=erp-1001',
      headers,
    });
    expect(refound.json).toMatchObject({
      data: { attributes: { name: 'Act, November (corrected)' } },
    });

    const deleted = await send(handler, oracle, {
      method: 'DELETE',
      path: `${DOCS}/${id}`,
      headers,
    });
    expect(deleted.status).toBe(200);
    expect(deleted.problems).toEqual([]);
    // The delete answer leaves the file out, as the operation's example does.
    expect((deleted.json as { data: { attributes: object } }).data.attributes).not.toHaveProperty(
      'file',
    );
    const gone = await send(handler, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=erp-1001',
      headers,
    });
    expect(gone.status).toBe(404);
    expect(gone.problems).toEqual([]);
    expect(
      (await send(handler, oracle, { method: 'DELETE', path: `${DOCS}/${id}`, headers })).status,
    ).toBe(404);
  });

  it('keeps documents under their account', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    await send(handler, oracle, {
      method: 'POST',
      path: DOCS,
      headers,
      body: JSON.stringify(document('erp-2002', 'A')),
    });
    const elsewhere = await send(handler, oracle, {
      method: 'GET',
      path: '/api/v3/resellers/1/accounts/929/external_invoices',
      query: 'filter[key]=erp-2002',
      headers,
    });
    expect(elsewhere.status).toBe(404);
  });

  it('lets the token of a reseller below use its own accounts only', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const northwind = MANAGERS.find((m) => m.resellerId === 2)?.token as string;
    const own = await send(handler, oracle, {
      method: 'POST',
      path: '/api/v3/resellers/2/accounts/3100101/external_invoices',
      headers: { ...headers, 'x-api-token': northwind },
      body: JSON.stringify(document('erp-3003', 'Hanse')),
    });
    expect(own.status).toBe(200);
    const below = await send(handler, oracle, {
      method: 'GET',
      path: '/api/v3/resellers/4/accounts/3100401/external_invoices',
      query: 'filter[key]=none',
      headers: { ...headers, 'x-api-token': northwind },
    });
    expect(below.status).toBe(404);
    const above = await send(handler, oracle, {
      method: 'POST',
      path: DOCS,
      headers: { ...headers, 'x-api-token': northwind },
      body: JSON.stringify(document('erp-3004', 'Not allowed')),
    });
    expect(above.status).toBe(403);
    expect(above.problems).toEqual([]);
  });
});

describe('the seeded world', () => {
  it('holds records that validate against the description, reseller tree three levels deep', () => {
    const state = createMockHandler({ mode: 'stateful' }).snapshot();
    const model = buildSpecModel(doc);
    let checked = 0;
    for (const op of model.operations) {
      const last = op.segments[op.segments.length - 1] ?? '';
      if (op.method !== 'GET' || !last.startsWith('{')) continue;
      const status = successStatus(op);
      const response = findResponse(op, status);
      const location = jsonApi.locate(doc, response?.content[0]?.schema);
      if (!response || !location || location.many) continue;
      const key = templateKey(`/${op.segments.slice(0, -1).join('/')}`);
      for (const record of state.tables[key] ?? []) {
        expect(
          oracle.checkValue(op.method, op.path, response.status, { data: record.resource }),
        ).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    const parents = new Map(
      (state.tables['/api/v3/resellers'] ?? []).map((r) => [
        String(r.resource.id),
        (r.resource.attributes as JsonObject).parent_id as string | null,
      ]),
    );
    const depth = (id: string): number => {
      const parent = parents.get(id);
      return parent === null || parent === undefined ? 1 : 1 + depth(parent);
    };
    expect(Math.max(...[...parents.keys()].map(depth))).toBeGreaterThanOrEqual(3);
  });
});

describe('state: seed file, reset, snapshots', () => {
  it('seeds the world from a file', async () => {
    const base = createMockHandler({ mode: 'stateful' }).snapshot();
    const key = templateKey(
      `/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices`,
    );
    const seeded: MockState = {
      ...base,
      tables: {
        ...base.tables,
        [key]: [
          {
            parents: ['1', '505'],
            resource: {
              id: '9001',
              type: 'external_invoices',
              attributes: {
                created_at: '2024-01-01T00:00:00.000Z',
                updated_at: '2024-01-01T00:00:00.000Z',
                key: 'from-seed-file',
                type: 'act',
                name: 'Seeded',
                amount: { total: '1.00', currency: 'EUR' },
                start_date: '2024-01-01',
                end_date: '2024-01-31',
              },
            },
          },
        ],
      },
    };
    const file = join(scratch, 'seed.json');
    writeFileSync(file, JSON.stringify(seeded));
    const handler = createMockHandler({ mode: 'stateful', seed: file });
    const found = await send(handler, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=from-seed-file',
      headers,
    });
    expect(found.status).toBe(200);
    expect(found.problems).toEqual([]);
    expect(found.json).toMatchObject({ data: { id: '9001' } });
    // Only what the file holds: the examples' document 11 is not there.
    const example = await send(handler, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4',
      headers,
    });
    expect(example.status).toBe(404);
    expect(() =>
      createMockHandler({ mode: 'stateful', seed: { tables: 3 } as unknown as MockState }),
    ).toThrow(/tables/);
  });

  it('resets to the starting state, by call and over HTTP', async () => {
    const handler = createMockHandler({ mode: 'stateful', adminSecret: ADMIN_SECRET });
    const start = JSON.stringify(handler.snapshot().tables);
    await send(handler, oracle, { method: 'DELETE', path: `${DOCS}/11`, headers });
    expect(JSON.stringify(handler.snapshot().tables)).not.toBe(start);
    handler.reset();
    expect(JSON.stringify(handler.snapshot().tables)).toBe(start);

    await send(handler, oracle, { method: 'DELETE', path: `${DOCS}/11`, headers });
    const reset = await handler(
      new Request('http://mock.test/__mock/reset', { method: 'POST', headers: admin }),
    );
    expect(reset.status).toBe(204);
    expect(JSON.stringify(handler.snapshot().tables)).toBe(start);
    const state = await handler(new Request('http://mock.test/__mock/state', { headers: admin }));
    expect(((await state.json()) as MockState).tables).toEqual(JSON.parse(start));
  });

  it('saves the state on shutdown and loads it on start', async () => {
    const file = join(scratch, 'state.json');
    const first = await startMockServer({ port: 0, stateFile: file });
    const created = await fetch(`${first.url}${DOCS}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(document('erp-persisted', 'Kept across restarts')),
    });
    expect(created.status).toBe(200);
    expect(
      oracle.check({
        method: 'POST',
        path: DOCS,
        status: 200,
        contentType: created.headers.get('content-type'),
        body: await created.text(),
      }),
    ).toEqual([]);
    // The state file is written at start; the change sits in its journal until the close.
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(`${file}.journal`, 'utf8')).toContain('erp-persisted');
    await first.close();
    expect(readFileSync(file, 'utf8')).toContain('erp-persisted');
    expect(readFileSync(`${file}.journal`, 'utf8')).toBe('');

    const second = await startMockServer({ port: 0, stateFile: file });
    const found = await fetch(`${second.url}${DOCS}?filter%5Bkey%5D=erp-persisted`, { headers });
    expect(found.status).toBe(200);
    expect(
      oracle.check({
        method: 'GET',
        path: DOCS,
        status: 200,
        contentType: found.headers.get('content-type'),
        body: await found.clone().text(),
      }),
    ).toEqual([]);
    expect(
      ((await found.json()) as { data: { attributes: { name: string } } }).data.attributes.name,
    ).toBe('Kept across restarts');
    await second.close();
  });

  it('serves a stored record bent to the schema when it no longer fits', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const state = handler.snapshot();
    const key = templateKey(
      `/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices`,
    );
    const record = state.tables[key]?.find((r) => r.resource.id === '11');
    if (!record) throw new Error('document 11 is not seeded');
    const attributes = record.resource.attributes as Record<string, unknown>;
    attributes.amount = { total: 12.5, currency: 'EUR' };
    // Whatever the document type's schema is (an enum, an open string), a number breaks it.
    attributes.type = 42;
    attributes.surprise = true;
    handler.restore(state);
    const found = await send(handler, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=0493e78a-e8ef-11e9-81b4-2a2ae2dbcce4',
      headers,
    });
    expect(found.status).toBe(200);
    expect(found.problems).toEqual([]);
    expect(found.headers.get('x-mock-fallback')).toBeNull();
    expect(found.json).toMatchObject({
      data: { id: '11', attributes: { amount: { total: '12.5' }, type: expect.any(String) } },
    });
  });

  it('restores a snapshot, tokens included', async () => {
    const source = createMockHandler({ mode: 'stateful' });
    await send(source, oracle, {
      method: 'POST',
      path: DOCS,
      headers,
      body: JSON.stringify(document('erp-snap', 'Snap')),
    });
    const snapshot = source.snapshot();
    const target = createMockHandler({
      mode: 'stateful',
      seed: snapshot,
      adminSecret: ADMIN_SECRET,
    });
    const found = await send(target, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=erp-snap',
      headers,
    });
    expect(found.status).toBe(200);
    expect(snapshot.tables['/manager_tokens']?.map((t) => t.resource.id)).toContain(DEMO_TOKEN);
    const put = await target(
      new Request('http://mock.test/__mock/state', {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify(createMockHandler({ mode: 'stateful' }).snapshot()),
      }),
    );
    expect(put.status).toBe(204);
    expect(
      (
        await send(target, oracle, {
          method: 'GET',
          path: DOCS,
          query: 'filter[key]=erp-snap',
          headers,
        })
      ).status,
    ).toBe(404);
    const bad = await target(
      new Request('http://mock.test/__mock/state', { method: 'PUT', body: '[]', headers: admin }),
    );
    expect(bad.status).toBe(400);
  });
});
