import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { afterAll, describe, expect, it } from 'vitest';
import { buildSpecModel, type JsonObject } from './engine/openapi.js';
import {
  createMockHandler,
  DEMO_TOKEN,
  MANAGERS,
  type MockState,
  startMockServer,
} from './index.js';
import { StateModel } from './state/model.js';
import { normalizeTemplate } from './state/store.js';
import { fixtureSpec } from './test-support/fixture-spec.js';
import { createOracle } from './test-support/oracle.js';
import { send } from './test-support/requests.js';

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

describe.each([
  ['bundle', doc],
  ['fixture', fixtureSpec as unknown as JsonObject],
])('seeded world of the %s', (_label, spec) => {
  it('holds records that validate against the document, reseller tree three levels deep', () => {
    const handler = createMockHandler({ spec, mode: 'stateful' });
    const state = handler.snapshot();
    const specModel = buildSpecModel(spec);
    const model = new StateModel(specModel);
    const specOracle = createOracle(spec);
    let checked = 0;
    for (const op of specModel.operations) {
      const behaviour = model.behaviour(op);
      if (behaviour.kind === 'none') continue;
      const envelope = model.envelope(op);
      if (envelope.data !== 'one' || !envelope.declared) continue;
      for (const record of state.tables[normalizeTemplate(behaviour.collection.template)] ?? []) {
        expect(
          specOracle.checkValue(op.method, op.path, envelope.declared, { data: record.resource }),
        ).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    const layer = state.layer as { resellers: { id: number; parentId: number | null }[] };
    const depth = (id: number): number => {
      const parent = layer.resellers.find((r) => r.id === id)?.parentId;
      return parent === null || parent === undefined ? 1 : 1 + depth(parent);
    };
    expect(Math.max(...layer.resellers.map((r) => depth(r.id)))).toBeGreaterThanOrEqual(3);
  });
});

describe('state: seed file, reset, snapshots', () => {
  it('seeds the world from a file', async () => {
    const base = createMockHandler({ mode: 'stateful' }).snapshot();
    const key = normalizeTemplate(
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
    const handler = createMockHandler({ mode: 'stateful' });
    const start = JSON.stringify(handler.snapshot().tables);
    await send(handler, oracle, { method: 'DELETE', path: `${DOCS}/11`, headers });
    expect(JSON.stringify(handler.snapshot().tables)).not.toBe(start);
    handler.reset();
    expect(JSON.stringify(handler.snapshot().tables)).toBe(start);

    await send(handler, oracle, { method: 'DELETE', path: `${DOCS}/11`, headers });
    const reset = await handler(new Request('http://mock.test/__mock/reset', { method: 'POST' }));
    expect(reset.status).toBe(204);
    expect(JSON.stringify(handler.snapshot().tables)).toBe(start);
    const state = await handler(new Request('http://mock.test/__mock/state'));
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
    expect(existsSync(file)).toBe(false);
    await first.close();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('erp-persisted');

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
    const key = normalizeTemplate(
      `/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices`,
    );
    const record = state.tables[key]?.find((r) => r.resource.id === '11');
    if (!record) throw new Error('document 11 is not seeded');
    const attributes = record.resource.attributes as Record<string, unknown>;
    attributes.amount = { total: 12.5, currency: 'EUR' };
    // The answer's document type is an open string, so only a non-string breaks it.
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
      data: { id: '11', attributes: { amount: { total: '12.5' }, type: '42' } },
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
    const target = createMockHandler({ mode: 'stateful', seed: snapshot });
    const found = await send(target, oracle, {
      method: 'GET',
      path: DOCS,
      query: 'filter[key]=erp-snap',
      headers,
    });
    expect(found.status).toBe(200);
    const layer = snapshot.layer as { managers: { token?: string }[] };
    expect(layer.managers.some((m) => m.token === DEMO_TOKEN)).toBe(true);
    const put = await target(
      new Request('http://mock.test/__mock/state', {
        method: 'PUT',
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
      new Request('http://mock.test/__mock/state', { method: 'PUT', body: '[]' }),
    );
    expect(bad.status).toBe(400);
  });
});

describe('records created from a request body', () => {
  // A collection whose stored resource is stricter than what its create body accepts.
  const strict = {
    openapi: '3.1.0',
    info: { title: 'things', version: '1' },
    paths: {
      '/things': {
        post: {
          operationId: 'createThing',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data'],
                  properties: { data: { type: 'object', additionalProperties: true } },
                },
              },
            },
          },
          responses: {
            '201': {
              description: 'created',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { data: { $ref: '#/components/schemas/Thing' } },
                  },
                },
              },
            },
          },
        },
      },
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'one thing',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { data: { $ref: '#/components/schemas/Thing' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        Thing: {
          type: 'object',
          required: ['id', 'type', 'attributes'],
          properties: {
            id: { type: 'string' },
            type: { const: 'things' },
            attributes: {
              type: 'object',
              additionalProperties: false,
              properties: { name: { type: 'string' }, count: { type: 'integer' } },
            },
          },
        },
      },
    },
  };

  it('keeps a body that fits the resource and bends one that does not', async () => {
    const model = new StateModel(buildSpecModel(strict as unknown as JsonObject));
    const things = model.collections.get('/things');
    expect(things?.resourceKey).toBe('I GET /things/{id} 200 application/json');

    const handler = createMockHandler({ spec: strict, mode: 'stateful', profile: 'generic' });
    const create = async (attributes: JsonObject) => {
      const response = await handler(
        new Request('http://mock/things', {
          method: 'POST',
          headers: { 'x-api-token': 'any', 'content-type': 'application/json' },
          body: JSON.stringify({ data: { type: 'things', attributes } }),
        }),
      );
      expect(response.status).toBe(201);
      const { data } = (await response.json()) as { data: { id: string; attributes: JsonObject } };
      const read = await handler(
        new Request(`http://mock/things/${data.id}`, { headers: { 'x-api-token': 'any' } }),
      );
      const body = (await read.json()) as { data: typeof data };
      expect(read.status, JSON.stringify(body)).toBe(200);
      return { created: data.attributes, stored: body.data.attributes };
    };

    const fits = await create({ name: 'bolt', count: 3 });
    expect(fits).toEqual({
      created: { name: 'bolt', count: 3 },
      stored: { name: 'bolt', count: 3 },
    });
    const odd = await create({ name: 'nut', count: '7', colour: 'red' });
    expect(odd).toEqual({ created: { name: 'nut', count: 7 }, stored: { name: 'nut', count: 7 } });
  });
});
