// What a hostile request cannot do to a mock: store a value that a later answer or save
// cannot serialise, reach a prototype, grow the store without bound, use the
// administration endpoints without their secret, or lose the world with a bad state.
import { describe, expect, it } from 'vitest';
import { webHandler } from './adapters/web.js';
import { createMock, type MockSettings } from './mock.js';
import { NOTES_SPEC } from './testing/notes-spec.js';
import { createOracle } from './testing/oracle.js';
import { send } from './testing/requests.js';

const oracle = createOracle(NOTES_SPEC);
const MT = 'application/json';
const SECRET = 'admin-secret-for-tests';

function mockOf(settings: Partial<MockSettings> = {}) {
  const mock = createMock({ spec: NOTES_SPEC, mode: 'stateful', randomSeed: 1, ...settings });
  return { mock, handler: webHandler(mock.handle) };
}

function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** The JSON text of `nested(levels)`, written without a stack as deep as the value. */
function nestedText(levels: number): string {
  return `${'{"a":'.repeat(levels)}"bottom"${'}'.repeat(levels)}`;
}

async function post(handler: ReturnType<typeof mockOf>['handler'], body: string, shelf = 1) {
  return send(handler, oracle, {
    method: 'POST',
    path: `/api/shelves/${shelf}/notes`,
    headers: { 'content-type': MT },
    body,
  });
}

describe('values from requests', () => {
  it('refuses a body nested past the bound, stores nothing, and the state still serialises', async () => {
    const { mock, handler } = mockOf();
    const before = JSON.stringify(mock.snapshot());
    for (const levels of [2_000, 5_000, 100_000]) {
      const sent = await post(handler, `{"text":"deep","meta":${nestedText(levels)}}`);
      expect(sent.problems).toEqual([]);
      expect(sent.status).toBe(422);
      expect(sent.json).toEqual({
        status: 422,
        title: 'The request body nests deeper than 64 levels',
      });
    }
    expect(JSON.stringify(mock.snapshot())).toBe(before);
    const list = await send(handler, oracle, { method: 'GET', path: '/api/shelves/1/notes' });
    expect([list.status, list.problems]).toEqual([200, []]);
    // Within the bound, a deep value is kept and read back whole.
    const kept = await post(handler, JSON.stringify({ text: 'ok', meta: nested(60) }));
    expect(kept.status).toBe(201);
    expect((kept.json as { meta: unknown }).meta).toEqual(nested(60));
  });

  it('refuses a body with more members than the bound', async () => {
    const { handler } = mockOf({ valueLimits: { members: 1_000 } });
    const sent = await post(handler, JSON.stringify({ text: 'wide', meta: Array(2_000).fill(0) }));
    expect([sent.status, sent.json]).toEqual([
      422,
      { status: 422, title: 'The request body holds more than 1000 members and items' },
    ]);
  });

  it('refuses members named after prototypes, in bodies and in parameters', async () => {
    const { mock, handler } = mockOf();
    const before = JSON.stringify(mock.snapshot());
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = `{"text":"x","meta":{"${key}":{"polluted":"yes"}}}`;
      const sent = await post(handler, body);
      expect([sent.status, sent.problems]).toEqual([422, []]);
      expect((sent.json as { title: string }).title).toBe(`meta.${key} is invalid`);
      const query = await send(handler, oracle, {
        method: 'GET',
        path: '/api/shelves/1/notes',
        query: `page[${key}]=1`,
      });
      expect([query.status, query.problems]).toEqual([400, []]);
      expect((query.json as { title: string }).title).toBe(`page[${key}] is invalid`);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(mock.snapshot())).toBe(before);
  });
});

describe('the size of the store', () => {
  it('refuses a write past the tenant limit or the total, in the API format, and stores nothing', async () => {
    const { mock, handler } = mockOf({ storeLimits: { tenant: 20_000, total: 50_000 } });
    const big = JSON.stringify({ text: 'x'.repeat(4_000) });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post(handler, big, 1)).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    const full = await post(handler, big, 1);
    expect([full.status, full.problems]).toEqual([413, []]);
    expect((full.json as { title: string }).title).toMatch(/tenant would pass .*20000/);
    // Another tenant still writes, up to the total.
    expect((await post(handler, big, 2)).status).toBe(201);
    let total = await post(handler, big, 3);
    for (let shelf = 4; total.status === 201 && shelf < 30; shelf++) {
      total = await post(handler, big, shelf);
    }
    expect([total.status, total.problems]).toEqual([413, []]);
    expect((total.json as { title: string }).title).toMatch(/mock's records would pass .*50000/);
    expect(mock.store.size).toBeLessThanOrEqual(50_000);
    expect(JSON.stringify(mock.snapshot()).length).toBeLessThan(60_000);
  });
});

describe('ids', () => {
  const state = (id: string) => ({
    format: 'mock-state',
    version: 1,
    tables: { '/shelves/{}/notes': [{ parents: ['1'], resource: { id, text: 'x' } }] },
  });

  it('refuses a state whose numeric id is past the safe integers, naming the place', () => {
    for (const id of [String(2 ** 53 + 10), '9'.repeat(400)]) {
      expect(() => mockOf({ seed: state(id) })).toThrow(
        'The seed: /tables/~1shelves~1{}~1notes/0/resource/id: an id of digits is at most 9007199254740991',
      );
    }
  });

  it('hands out distinct ids up to the largest safe integer, then refuses', async () => {
    const { handler } = mockOf({ seed: state(String(Number.MAX_SAFE_INTEGER - 2)) });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = await post(handler, '{"text":"n"}');
      if (sent.status === 201) ids.push((sent.json as { id: string }).id);
      else {
        expect([sent.status, sent.problems]).toEqual([413, []]);
        expect((sent.json as { title: string }).title).toBe(
          'No numeric identifier is left in this collection',
        );
      }
    }
    expect(ids).toEqual([String(Number.MAX_SAFE_INTEGER - 1), String(Number.MAX_SAFE_INTEGER)]);
  });
});

describe('administration endpoints', () => {
  const admin = (path: string, init: RequestInit = {}) =>
    new Request(`http://mock.test/__mock/${path}`, init);

  it('are off without a secret', async () => {
    const { handler } = mockOf();
    const read = await handler(admin('state'));
    expect(read.status).toBe(404);
    expect(await read.text()).not.toContain('tables');
  });

  it('answer only with the secret, never with CORS headers', async () => {
    const { handler } = mockOf({ adminSecret: SECRET });
    for (const headers of [{}, { 'x-mock-admin-secret': 'wrong' }, { 'x-mock-admin-secret': '' }]) {
      const read = await handler(admin('state', { headers }));
      expect(read.status).toBe(401);
      expect(await read.json()).toEqual({
        status: 401,
        title: 'The administration endpoints need the X-Mock-Admin-Secret header',
      });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    }
    // A cross-site form post: no custom header, so refused; a preflight gets no CORS answer.
    const reset = await handler(
      admin('reset', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
    );
    expect(reset.status).toBe(401);
    const preflight = await handler(
      admin('reset', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await handler(admin('state', { headers: { 'x-mock-admin-secret': SECRET } }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await ok.json()) as { tables: unknown }).tables).toBeDefined();
  });

  it('keep the world when a replacement state fails its checks', async () => {
    const { mock, handler } = mockOf({ adminSecret: SECRET });
    for (let i = 0; i < 5; i++) await post(handler, `{"text":"note ${i}"}`);
    const before = JSON.stringify(mock.snapshot());
    const good = { parents: ['1'], resource: { id: '1', text: 'fine' } };
    for (const bad of [
      { parents: ['1'], resource: { text: 'no id' } },
      { parents: 'x', resource: { id: '2' } },
      { parents: ['1'], resource: { id: '3', meta: nested(100) } },
    ]) {
      const put = await handler(
        admin('state', {
          method: 'PUT',
          headers: { 'x-mock-admin-secret': SECRET },
          body: JSON.stringify({ tables: { '/shelves/{}/notes': [good, good, bad] } }),
        }),
      );
      expect(put.status).toBe(400);
      expect(((await put.json()) as { title: string }).title).toMatch(
        /^Cannot load this state: The state: \/tables\/~1shelves~1\{\}~1notes\/2/,
      );
      expect(JSON.stringify(mock.snapshot())).toBe(before);
    }
  });
});
