// The hostile requests of the hardening review, each kept as a test: none of them loses
// the world, reaches a prototype, crosses reseller scoping or answers outside the API's
// error format.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { createOracle, send } from '@proseapi/mock-engine/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMockHandler,
  DEMO_TOKEN,
  MANAGERS,
  type MockState,
  startMockServer,
} from './index.js';

const oracle = createOracle(bundle as unknown as Record<string, unknown>);
const MT = 'application/vnd.api+json';
const SECRET = 'hardening-test-secret';
const admin = { 'x-mock-admin-secret': SECRET };
const headers = { 'x-api-token': DEMO_TOKEN, 'content-type': MT };
const ACCOUNTS = '/api/v3/resellers/1/accounts';
const tokenOf = (resellerId: number) =>
  MANAGERS.find((m) => m.resellerId === resellerId && m.token)?.token as string;

const scratch = mkdtempSync(join(tmpdir(), 'activeplatform-hardening-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function account(extra: unknown): string {
  return `{"data":{"attributes":{"account_type_id":1,"first_name":"A","last_name":"B","email":"a@b.example","extra":${
    typeof extra === 'string' ? extra : JSON.stringify(extra)
  }}}}`;
}
const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const count = (state: MockState) =>
  Object.values(state.tables).reduce((sum, records) => sum + records.length, 0);

describe('1. a deeply nested value', () => {
  it('is refused in the API format at 2,000 and 5,000 levels; the state still reads and saves', async () => {
    const handler = createMockHandler({ mode: 'stateful', adminSecret: SECRET });
    const before = count(handler.snapshot());
    for (const levels of [2_000, 5_000]) {
      const sent = await send(handler, oracle, {
        method: 'POST',
        path: ACCOUNTS,
        headers,
        body: account(deep(levels)),
      });
      expect([sent.status, sent.problems]).toEqual([422, []]);
      expect(sent.json).toEqual({
        errors: [{ title: 'The request body nests deeper than 64 levels', status: '422' }],
      });
    }
    expect(count(handler.snapshot())).toBe(before);
    const state = await handler(new Request('http://m/__mock/state', { headers: admin }));
    expect(state.status).toBe(200);
    const list = await send(handler, oracle, { method: 'GET', path: ACCOUNTS, headers });
    expect([list.status, list.problems]).toEqual([200, []]);
    const file = join(scratch, 'deep.json');
    handler.saveState(file);
  });
});

describe('2. the administration endpoints', () => {
  it('are off without a secret, and with one answer only requests that carry it, without CORS', async () => {
    const open = createMockHandler({ mode: 'stateful' });
    expect((await open(new Request('http://m/__mock/state'))).status).toBe(404);
    const handler = createMockHandler({ mode: 'stateful', adminSecret: SECRET });
    const read = await handler(new Request('http://m/__mock/state'));
    expect(read.status).toBe(401);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    expect(await read.json()).toEqual({
      errors: [
        {
          title: 'The administration endpoints need the X-Mock-Admin-Secret header',
          status: '401',
        },
      ],
    });
    const crossSite = await handler(
      new Request('http://m/__mock/reset', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: 'x',
      }),
    );
    expect(crossSite.status).toBe(401);
    const state = await handler(new Request('http://m/__mock/state', { headers: admin }));
    expect(state.status).toBe(200);
    expect(state.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('3. a rejected state', () => {
  it('leaves the world as it was', async () => {
    const handler = createMockHandler({ mode: 'stateful', adminSecret: SECRET });
    const before = handler.snapshot();
    const broken = structuredClone(before);
    const accounts = Object.keys(broken.tables).find((k) => k.endsWith('/accounts')) as string;
    (broken.tables[accounts] as unknown[]).push({ parents: ['1'], resource: { type: 'accounts' } });
    const put = await handler(
      new Request('http://m/__mock/state', {
        method: 'PUT',
        headers: admin,
        body: JSON.stringify(broken),
      }),
    );
    expect(put.status).toBe(400);
    expect(((await put.json()) as { errors: { title: string }[] }).errors[0]?.title).toMatch(
      /^Cannot load this state: The state: \/tables\/~1api~1v3~1resellers~1\{\}~1accounts\/[0-9]+\/resource: a record needs an id$/,
    );
    expect(count(handler.snapshot())).toBe(count(before));
    expect(count(before)).toBeGreaterThan(100);
  });
});

describe('5. memory', () => {
  it('past the limit of a reseller or of the mock, a write is refused in the API format', async () => {
    const handler = createMockHandler({
      mode: 'stateful',
      storeLimits: { tenant: 2_000_000, total: 3_000_000 },
    });
    // In a member the schema names: a created record keeps only those (ADR 6).
    const big = `{"data":{"attributes":{"account_type_id":1,"first_name":${JSON.stringify('x'.repeat(400_000))},"last_name":"B","email":"a@b.example"}}}`;
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (
          await send(handler, oracle, {
            method: 'POST',
            path: ACCOUNTS,
            headers,
            body: big,
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200]);
    const full = await send(handler, oracle, {
      method: 'POST',
      path: ACCOUNTS,
      headers,
      body: big,
    });
    expect([full.status, full.problems]).toEqual([413, []]);
    expect((full.json as { errors: { title: string }[] }).errors[0]?.title).toMatch(
      /tenant would pass the mock's limit of 2000000 characters/,
    );
    // Another reseller still writes.
    const other = await send(handler, oracle, {
      method: 'POST',
      path: '/api/v3/resellers/2/accounts',
      headers,
      body: big,
    });
    expect(other.status).toBe(200);
  });
});

describe('6. ids', () => {
  it('a state with an id past 2^53 is refused, naming the file and the place', () => {
    const state = createMockHandler({ mode: 'stateful' }).snapshot();
    const accounts = Object.keys(state.tables).find((k) => k.endsWith('/accounts')) as string;
    const records = state.tables[accounts] as unknown as { resource: { id: string } }[];
    (records[0] as { resource: { id: string } }).resource.id = '9007199254740993';
    const file = join(scratch, 'big-id.json');
    writeFileSync(file, JSON.stringify(state));
    expect(() => createMockHandler({ mode: 'stateful', seed: file })).toThrow(
      `${file}: /tables/~1api~1v3~1resellers~1{}~1accounts/0/resource/id: an id of digits is at most 9007199254740991`,
    );
    writeFileSync(file, '{"tables": {"/api/v3/resellers": [}');
    expect(() => createMockHandler({ mode: 'stateful', seed: file })).toThrow(
      new RegExp(`^${file} is not JSON: `),
    );
  });
});

describe('7. smaller findings', () => {
  it('paths without a reseller reach only subscriptions within the token', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const little = { 'x-api-token': tokenOf(7), 'content-type': MT };
    const close = (id: number, token: Record<string, string>) =>
      send(handler, oracle, {
        method: 'PATCH',
        path: `/api/v3/reseller/subscriptions/${id}/close_charges`,
        headers: token,
      });
    // 3007095 is reseller 1's; 999 is nobody's.
    expect((await close(3007095, little)).status).toBe(403);
    expect((await close(999, headers)).status).toBe(404);
    expect((await close(3007095, headers)).status).toBeLessThan(300);
    const analytics = await send(handler, oracle, {
      method: 'GET',
      path: '/api/v3/analytics_monthly',
      query: 'subscription_id=3007095',
      headers: little,
    });
    expect([analytics.status, analytics.problems]).toEqual([403, []]);
  });

  it('a create action refuses the id of an account outside the token', async () => {
    const handler = createMockHandler({ mode: 'stateful' });
    const example = (
      bundle as unknown as {
        components: { examples: Record<string, { value: { data: { attributes: object } } }> };
      }
    ).components.examples['createSalesOrder-request']?.value;
    const order = (token: string, account_id: number) =>
      send(handler, oracle, {
        method: 'POST',
        path: '/api/v3/resellers/7/sales_order',
        headers: { 'x-api-token': token, 'content-type': MT },
        body: JSON.stringify({ data: { attributes: { ...example?.data.attributes, account_id } } }),
      });
    // Account 505 is reseller 1's: out of reach of reseller 7's manager, not of the root's.
    const refused = await order(tokenOf(7), 505);
    expect([refused.status, refused.problems]).toEqual([422, []]);
    expect(JSON.stringify(refused.json)).toContain('"title":"param is invalid: account_id"');
    expect((await order(DEMO_TOKEN, 505)).status).toBeLessThan(300);
  });

  it('links are made from the base URL, not from Host; node:http refusals are in the format', async () => {
    const server = await startMockServer({ port: 0, baseUrl: 'https://mock.example' });
    const port = Number(new URL(server.url).port);
    const exchange = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(text));
        let received = '';
        socket.on('data', (chunk) => {
          received += chunk.toString();
        });
        socket.on('close', () => resolve(received));
        socket.on('error', () => undefined);
      });
    const list = await exchange(
      `GET ${ACCOUNTS}?page[size]=1 HTTP/1.1\r\nhost: evil.example\r\nx-api-token: ${DEMO_TOKEN}\r\nconnection: close\r\n\r\n`,
    );
    expect(list).toContain('"next":"https://mock.example/api/v3/resellers/1/accounts?');
    expect(list).not.toContain('evil.example');
    const broken = await exchange('NOT HTTP\r\n\r\n');
    expect(broken).toMatch(/^HTTP\/1\.1 400 /);
    expect(broken).toContain(`content-type: ${MT}`);
    expect(broken.split('\r\n\r\n')[1]).toBe(
      '{"errors":[{"title":"The request cannot be read as HTTP","status":"400"}]}',
    );
    await server.close();
  });
});
