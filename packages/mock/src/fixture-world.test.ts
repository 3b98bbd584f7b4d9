import { beforeEach, describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN, MANAGERS } from './index.js';
import { fixtureSpec } from './test-support/fixture-spec.js';
import { createOracle } from './test-support/oracle.js';
import { type Sent, send } from './test-support/requests.js';

// The stateful world on a document with the sections still being written: the
// collections, filters, pages, actions and scoping work from the document alone.
const oracle = createOracle(fixtureSpec as unknown as Record<string, unknown>);
const MT = 'application/vnd.api+json';
const R = '/api/v3/resellers';
const token = (resellerId: number) =>
  MANAGERS.find((m) => m.resellerId === resellerId && m.token)?.token as string;

let handler: ReturnType<typeof createMockHandler>;

async function call(
  method: string,
  path: string,
  options: { body?: unknown; query?: string; token?: string | null } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { 'content-type': MT };
  const tokenValue = options.token === undefined ? DEMO_TOKEN : options.token;
  if (tokenValue !== null) headers['x-api-token'] = tokenValue;
  const sent = await send(handler, oracle, {
    method,
    path,
    query: options.query ?? '',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  expect(sent.problems, `${method} ${path}`).toEqual([]);
  return sent;
}

const data = (sent: Sent) => (sent.json as { data: unknown }).data;
const attributes = (sent: Sent) =>
  (data(sent) as { attributes: Record<string, unknown> }).attributes;
const ids = (sent: Sent) => (data(sent) as { id: string }[]).map((r) => r.id);

beforeEach(() => {
  handler = createMockHandler({ spec: fixtureSpec, mode: 'stateful', randomSeed: 1 });
});

describe('stateful world on a fuller document', () => {
  it('creates, reads, lists, updates an account', async () => {
    const created = await call('POST', `${R}/2/accounts`, {
      body: { data: { attributes: { name: 'Hafen Kontor', email: 'kontor@hafen.example' } } },
    });
    expect(created.status).toBe(201);
    const id = (data(created) as { id: string }).id;
    expect(attributes(created)).toMatchObject({
      name: 'Hafen Kontor',
      reseller_id: 2,
      status: 'active',
    });

    const read = await call('GET', `${R}/2/accounts/${id}`);
    expect(read.status).toBe(200);
    expect(attributes(read).email).toBe('kontor@hafen.example');

    const listed = await call('GET', `${R}/2/accounts`, { query: 'page[size]=100' });
    expect(ids(listed)).toContain(id);

    const updated = await call('PATCH', `${R}/2/accounts/${id}`, {
      body: { data: { attributes: { name: 'Hafen Kontor GmbH' } } },
    });
    expect(attributes(updated).name).toBe('Hafen Kontor GmbH');
    expect(attributes(await call('GET', `${R}/2/accounts/${id}`)).name).toBe('Hafen Kontor GmbH');
    // Another reseller's collection does not hold it.
    expect((await call('GET', `${R}/1/accounts/${id}`)).status).toBe(404);
  });

  it('pages a list with correct links and filters it', async () => {
    const all = await call('GET', `${R}/1/accounts`, { query: 'page[size]=1000' });
    const total = ids(all).length;
    expect(total).toBeGreaterThan(4);

    const page2 = await call('GET', `${R}/1/accounts`, { query: 'page[size]=2&page[number]=2' });
    expect(ids(page2)).toEqual(ids(all).slice(2, 4));
    const links = (page2.json as { links: Record<string, string | null> }).links;
    const last = Math.ceil(total / 2);
    const linkPage = (href: string | null | undefined) => {
      const url = new URL(href as string);
      return [
        url.pathname,
        url.searchParams.get('page[number]'),
        url.searchParams.get('page[size]'),
      ];
    };
    expect(linkPage(links.self)).toEqual([`${R}/1/accounts`, '2', '2']);
    expect(linkPage(links.first)).toEqual([`${R}/1/accounts`, '1', '2']);
    expect(linkPage(links.prev)).toEqual([`${R}/1/accounts`, '1', '2']);
    expect(linkPage(links.next)).toEqual([`${R}/1/accounts`, '3', '2']);
    expect(linkPage(links.last)).toEqual([`${R}/1/accounts`, String(last), '2']);

    const first = await call('GET', `${R}/1/accounts`, { query: 'page[size]=2' });
    expect((first.json as { links: Record<string, unknown> }).links.prev).toBeNull();
    const lastPage = await call('GET', `${R}/1/accounts`, {
      query: `page[size]=2&page[number]=${last}`,
    });
    expect((lastPage.json as { links: Record<string, unknown> }).links).not.toHaveProperty('next');

    // Following `next` from the first page walks every record exactly once.
    const walked: string[] = [];
    let next: string | undefined = `${R}/1/accounts?page[size]=3`;
    while (next) {
      const url = new URL(next, 'http://mock.test');
      const page = await call('GET', url.pathname, { query: url.search.slice(1) });
      walked.push(...ids(page));
      next = (page.json as { links: { next?: string } }).links.next;
    }
    expect(walked).toEqual(ids(all));

    const subscriptions = await call('GET', `${R}/1/subscriptions`, {
      query: 'filter[account_id]=505,929&page[size]=100',
    });
    const accountIds = (data(subscriptions) as { attributes: { account_id: number } }[]).map(
      (s) => s.attributes.account_id,
    );
    expect(accountIds.length).toBeGreaterThan(0);
    expect(new Set(accountIds)).toEqual(new Set([505, 929]));
    const stopped = await call('GET', `${R}/1/subscriptions`, { query: 'filter[status]=stopped' });
    expect(
      (data(stopped) as { attributes: { status: string } }[]).every(
        (s) => s.attributes.status === 'stopped',
      ),
    ).toBe(true);
    expect(ids(stopped)).toContain('3007097');
  });

  it('refuses an unknown filter member and a page size out of range', async () => {
    expect((await call('GET', `${R}/1/accounts`, { query: 'filter[colour]=red' })).status).toBe(
      422,
    );
    expect((await call('GET', `${R}/1/accounts`, { query: 'page[size]=0' })).status).toBe(422);
  });

  it('stops and activates a subscription', async () => {
    const path = `${R}/1/subscriptions/3007095`;
    expect(attributes(await call('GET', path)).status).toBe('active');
    const stopped = await call('POST', `${path}/stop_operation`);
    expect(attributes(stopped).status).toBe('stopped');
    expect(attributes(await call('GET', path)).status).toBe('stopped');
    const active = await call('POST', `${path}/activate_operation`);
    expect(attributes(active).status).toBe('active');
    const deleted = await call('POST', `${path}/delete_operation`);
    expect(deleted.status).toBe(200);
    expect(deleted.text).toBe('');
    expect(attributes(await call('GET', path)).status).toBe('deleted');
    expect((await call('POST', `${R}/1/subscriptions/1/stop_operation`)).status).toBe(404);
  });

  it('updates a subscription with PATCH', async () => {
    const updated = await call('PATCH', `${R}/1/subscriptions/3007096`, {
      body: { data: { attributes: { autorenew: false } } },
    });
    expect(attributes(updated).autorenew).toBe(false);
  });

  it('approves, completes and revokes invoices', async () => {
    const approved = await call('POST', `${R}/1/accounts/505/approve_invoices`, {
      body: { document_id: 'INV-2024-06001', billing_date: '2024-11-01' },
    });
    expect(attributes(approved)).toMatchObject({ document_id: 'INV-2024-06001', approved: true });
    expect(attributes(await call('GET', `${R}/1/invoices/6001`)).approved).toBe(true);
    const revoked = await call('POST', `${R}/1/invoices/6001/revoke`);
    expect(attributes(revoked).approved).toBe(false);
    const completed = await call('POST', `${R}/1/invoices/6001/complete`);
    expect(attributes(completed).status).toBe('paid');
    // An invoice of another account is not found through this account.
    const other = await call('POST', `${R}/1/accounts/505/approve_invoices`, {
      body: { document_id: 'INV-2024-06003' },
    });
    expect(other.status).toBe(404);
  });

  it('creates, completes and cancels payments', async () => {
    const created = await call('POST', `${R}/1/payments`, {
      body: { data: { attributes: { account_id: 505, total: '100.00', comment: 'Top-up' } } },
    });
    expect(created.status).toBe(201);
    const id = (data(created) as { id: string }).id;
    const completed = await call('PATCH', `${R}/1/payments/${id}`, {
      body: { data: { attributes: { payment_method_id: 3 } } },
    });
    expect(attributes(completed)).toMatchObject({ status: 'completed', payment_method_id: 3 });
    const cancelled = await call('DELETE', `${R}/1/payments/7003`);
    expect(attributes(cancelled).status).toBe('cancelled');
    // Cancelling keeps the payment: it is still there, cancelled.
    expect(attributes(await call('GET', `${R}/1/payments/7003`)).status).toBe('cancelled');
    const filtered = await call('GET', `${R}/1/payments`, { query: 'filter[status]=cancelled' });
    expect(ids(filtered)).toEqual(['7003']);
  });

  it('creates a sales order and cancels an order', async () => {
    const created = await call('POST', `${R}/1/sales_order`, {
      body: { data: { attributes: { account_id: 929, plan_id: 2000031 } } },
    });
    expect(created.status).toBe(201);
    expect(attributes(created)).toMatchObject({
      type: 'SalesOrder',
      status: 'new',
      account_id: 929,
    });
    const id = (data(created) as { id: string }).id;
    expect(ids(await call('GET', `${R}/1/orders`, { query: 'page[size]=100' }))).toContain(id);
    const cancelled = await call('POST', `${R}/1/orders/${id}/cancel_operation`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toBe('');
    expect(attributes(await call('GET', `${R}/1/orders/${id}`)).status).toBe('cancelled');
  });

  it('creates and deletes notes', async () => {
    const created = await call('POST', `${R}/4/notes`, {
      body: {
        data: { attributes: { id: 3100401, type: 'Account', content: 'Called about renewal.' } },
      },
      token: token(4),
    });
    expect(created.status).toBe(201);
    const id = (data(created) as { id: string }).id;
    expect(attributes(await call('GET', `${R}/4/notes/${id}`, { token: token(4) })).content).toBe(
      'Called about renewal.',
    );
    const deleted = await call('DELETE', `${R}/4/notes/${id}`, { token: token(4) });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call('GET', `${R}/4/notes/${id}`, { token: token(4) })).status).toBe(404);
  });

  it('runs an async task from pending to completed', async () => {
    const created = await call('POST', `${R}/1/plans/2000031/order_attributes_validation`, {
      body: { data: { account_id: 505 } },
    });
    expect(created.status).toBe(201);
    const task = data(created) as { id: string; attributes: { status: string } };
    expect(task.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(task.attributes.status).toBe('pending');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(attributes(await call('GET', `${R}/1/async_tasks/${task.id}`)).status as string);
    }
    expect(seen).toEqual(['running', 'completed', 'completed', 'completed']);
    const done = attributes(await call('GET', `${R}/1/async_tasks/${task.id}`));
    expect(done.results).toEqual({ valid: true, errors: [], application_attributes: {} });
    // A plan that does not exist has no validation.
    const missing = await call('POST', `${R}/1/plans/1/order_attributes_validation`, {
      body: { data: { account_id: 505 } },
    });
    expect(missing.status).toBe(404);
  });

  it('updates currency rates', async () => {
    const updated = await call('PATCH', `${R}/1/currency_rates`, {
      body: {
        data: {
          attributes: [
            {
              base_currency: 'EUR',
              foreign_currency: 'USD',
              quantity: 1,
              rate: 1.1,
              show_for_client: true,
            },
            { base_currency: 'EUR', foreign_currency: 'CHF', rate: 0.95 },
          ],
        },
      },
    });
    expect(updated.status).toBe(200);
    const rates = attributes(await call('GET', `${R}/1/currency_rates`)).rates as {
      iso_code: string;
      rate: string;
    }[];
    expect(rates.find((r) => r.iso_code === 'USD')?.rate).toBe('1.1');
    expect(rates.find((r) => r.iso_code === 'CHF')?.rate).toBe('0.95');
  });

  it('lists the resellers below a reseller', async () => {
    expect(ids(await call('GET', `${R}/1/child_resellers`))).toEqual(['2', '3']);
    expect(ids(await call('GET', `${R}/2/child_resellers`))).toEqual(['4', '5']);
    expect(ids(await call('GET', `${R}/7/child_resellers`))).toEqual([]);
  });

  it('lets a token reach only its reseller and the resellers below it', async () => {
    const fjord = token(4);
    expect((await call('GET', `${R}/4/accounts`, { token: fjord })).status).toBe(200);
    expect((await call('GET', `${R}/7/accounts`, { token: fjord })).status).toBe(200);
    expect((await call('GET', `${R}/2/accounts`, { token: fjord })).status).toBe(403);
    expect((await call('GET', `${R}/1/accounts`, { token: fjord })).status).toBe(403);
    expect((await call('GET', `${R}/5/accounts`, { token: fjord })).status).toBe(403);
    expect((await call('GET', `${R}/404/accounts`, { token: fjord })).status).toBe(404);
    const northwind = token(2);
    expect((await call('GET', `${R}/5/accounts`, { token: northwind })).status).toBe(200);
    expect((await call('GET', `${R}/3/accounts`, { token: northwind })).status).toBe(403);
    expect((await call('GET', `${R}/6/accounts`, { token: token(3) })).status).toBe(200);
    expect((await call('GET', `${R}/4/accounts`, { token: DEMO_TOKEN })).status).toBe(200);
    expect((await call('GET', `${R}/4/accounts`, { token: 'not-a-token' })).status).toBe(401);
    expect((await call('GET', `${R}/4/accounts`, { token: null })).status).toBe(401);
  });

  it('manages managers', async () => {
    const created = await call('POST', `${R}/2/managers`, {
      body: { data: { attributes: { name: 'Nora New', email: 'nora@northwind.example' } } },
      token: token(2),
    });
    const id = (data(created) as { id: string }).id;
    const updated = await call('PATCH', `${R}/2/managers/${id}`, {
      body: { data: { attributes: { status: 'inactive' } } },
      token: token(2),
    });
    expect(attributes(updated)).toMatchObject({
      name: 'Nora New',
      status: 'inactive',
      reseller_id: 2,
    });
  });

  it('seeds records that validate against the document', async () => {
    for (const path of [
      `${R}/1/accounts`,
      `${R}/1/subscriptions`,
      `${R}/1/orders`,
      `${R}/1/invoices`,
      `${R}/1/payments`,
      `${R}/1/notes`,
      `${R}/1/plans`,
      `${R}/1/managers`,
      `${R}/1/charges`,
      `${R}/2/accounts`,
      `${R}/4/accounts`,
    ]) {
      const listed = await call('GET', path, { query: 'page[size]=1000' });
      expect(listed.status).toBe(200);
      expect(ids(listed).length, path).toBeGreaterThan(0);
    }
    expect(attributes(await call('GET', `${R}/1`))).toMatchObject({ parent_id: null });
  });
});
