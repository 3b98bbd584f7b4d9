import bundle from '@activeplatform/openapi/openapi.json' with { type: 'json' };
import { createOracle, type Sent, send } from '@proseapi/mock-engine/testing';
import { type JsonObject, pointerGet } from '@proseapi/openapi-model';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMockHandler, DEMO_TOKEN, MANAGERS } from './index.js';

// The stateful world of API v3 on the bundle: collections, filters, pages, the actions
// and the reach of each token.
const doc = bundle as unknown as JsonObject;
const oracle = createOracle(doc);
const MT = 'application/vnd.api+json';
const R = '/api/v3/resellers';
const token = (resellerId: number) =>
  MANAGERS.find((m) => m.resellerId === resellerId && m.token)?.token as string;
/** The value of one of the description's named examples. */
const example = (name: string) =>
  structuredClone((pointerGet(doc, `#/components/examples/${name}`) as { value: unknown }).value);

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
const success = (sent: Sent) => {
  expect(sent.status, sent.text).toBeGreaterThanOrEqual(200);
  expect(sent.status, sent.text).toBeLessThan(300);
  return sent;
};

beforeEach(() => {
  handler = createMockHandler({ mode: 'stateful', randomSeed: 1 });
});

describe('the stateful world of API v3', () => {
  it('creates, reads, lists and updates an account', async () => {
    const created = success(
      await call('POST', `${R}/2/accounts`, { body: example('createAccount-request') }),
    );
    const id = (data(created) as { id: string }).id;
    expect(attributes(created)).toMatchObject({
      first_name: 'Anna',
      last_name: 'Keller',
      primary_name: 'Keller Design Studio GmbH',
      reseller_id: 2,
    });
    expect(attributes(await call('GET', `${R}/2/accounts/${id}`)).email).toBe(
      'anna.keller@keller-design.example.com',
    );
    expect(ids(await call('GET', `${R}/2/accounts`, { query: 'page[size]=100' }))).toContain(id);
    const updated = success(
      await call('PATCH', `${R}/2/accounts/${id}`, {
        body: { data: { attributes: { account_type_id: 1, city: 'Bergen' } } },
      }),
    );
    expect(attributes(updated).city).toBe('Bergen');
    expect(attributes(await call('GET', `${R}/2/accounts/${id}`)).city).toBe('Bergen');
    // Another reseller's collection does not hold it.
    expect((await call('GET', `${R}/1/accounts/${id}`)).status).toBe(404);
  });

  it('pages a list with correct links and filters it', async () => {
    const all = await call('GET', `${R}/1/accounts`, { query: 'page[size]=100' });
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
    // Following `next` from the first page walks every record exactly once.
    const walked: string[] = [];
    let next: string | null | undefined = `${R}/1/accounts?page[size]=3`;
    while (next) {
      const url = new URL(next, 'http://mock.test');
      const page = await call('GET', url.pathname, { query: url.search.slice(1) });
      walked.push(...ids(page));
      next = (page.json as { links: { next?: string | null } }).links.next;
    }
    expect(walked).toEqual(ids(all));

    const subscriptions = await call('GET', `${R}/1/subscriptions`, {
      query: 'filter[account_id]=505,929&page[size]=100',
    });
    const accountIds = (data(subscriptions) as { attributes: { account_id: number } }[]).map(
      (s) => s.attributes.account_id,
    );
    expect(new Set(accountIds)).toEqual(new Set([505, 929]));
    const stopped = await call('GET', `${R}/1/subscriptions`, { query: 'filter[status]=stopped' });
    expect(ids(stopped)).toContain('3007097');
    expect(
      (data(stopped) as { attributes: { status: string } }[]).every(
        (s) => s.attributes.status === 'stopped',
      ),
    ).toBe(true);
  });

  it('stops, activates and deletes a subscription', async () => {
    const path = `${R}/1/subscriptions/3007095`;
    expect(attributes(await call('GET', path)).status).toBe('active');
    success(
      await call('POST', `${path}/stop_operation`, { body: example('stopSubscription-request') }),
    );
    expect(attributes(await call('GET', path)).status).toBe('stopped');
    success(
      await call('POST', `${path}/activate_operation`, {
        body: example('activateSubscription-request'),
      }),
    );
    expect(attributes(await call('GET', path)).status).toBe('active');
    success(await call('POST', `${path}/delete_operation`));
    expect(['deleted', 'terminated', 'removed']).toContain(
      attributes(await call('GET', path)).status,
    );
    expect(
      (
        await call('POST', `${R}/1/subscriptions/1/activate_operation`, {
          body: example('activateSubscription-request'),
        })
      ).status,
    ).toBe(404);
  });

  it('approves, completes and revokes invoices', async () => {
    const approved = success(
      await call('POST', `${R}/1/accounts/505/approve_invoices`, {
        body: { document_id: 'INV-2024-06001', billing_date: '2024-11-01' },
      }),
    );
    expect(approved.status).toBeLessThan(300);
    expect(attributes(await call('GET', `${R}/1/invoices/6001`)).approved).toBe(true);
    success(
      await call('POST', `${R}/1/invoices/6001/revoke`, {
        body: { document_id: 'INV-2024-06001', billing_date: '2024-11-01' },
      }),
    );
    expect(attributes(await call('GET', `${R}/1/invoices/6001`)).approved).toBe(false);
    success(
      await call('POST', `${R}/1/invoices/6001/complete`, {
        body: { document_id: 'INV-2024-06001', billing_date: '2024-11-01' },
      }),
    );
    expect(['completed', 'paid', 'closed']).toContain(
      attributes(await call('GET', `${R}/1/invoices/6001`)).status,
    );
    // An invoice of another account is not found through this account.
    const other = await call('POST', `${R}/1/accounts/505/approve_invoices`, {
      body: { document_id: 'INV-2024-06003', billing_date: '2024-11-01' },
    });
    expect(other.status).toBe(404);
  });

  it('creates, completes and cancels payments', async () => {
    const created = success(
      await call('POST', `${R}/1/payments`, { body: example('createPayment-request') }),
    );
    const id = (data(created) as { id: string }).id;
    expect(attributes(created)).toMatchObject({ account_id: 505, comment: 'top-up payment' });
    const completed = success(
      await call('PATCH', `${R}/1/payments/${id}`, {
        body: { data: { attributes: { payment_method_id: 3 } } },
      }),
    );
    expect(attributes(completed)).toMatchObject({ status: 'completed', payment_method_id: 3 });
    success(await call('DELETE', `${R}/1/payments/7003`));
    // Cancelling keeps the payment: it is still there, cancelled.
    expect(['cancelled', 'canceled']).toContain(
      attributes(await call('GET', `${R}/1/payments/7003`)).status,
    );
  });

  it('creates orders of each kind and cancels one', async () => {
    const body = example('createSalesOrder-request') as { data: { attributes: JsonObject } };
    body.data.attributes.account_id = 929;
    const created = success(await call('POST', `${R}/1/sales_order`, { body }));
    expect(attributes(created)).toMatchObject({ type: 'SalesOrder', account_id: 929 });
    expect((data(created) as { type: string }).type).toBe('sales_orders');
    const id = (data(created) as { id: string }).id;
    expect(ids(await call('GET', `${R}/1/orders`, { query: 'page[size]=100' }))).toContain(id);
    success(await call('POST', `${R}/1/orders/${id}/cancel_operation`));
    expect(['cancelled', 'canceled']).toContain(
      attributes(await call('GET', `${R}/1/orders/${id}`)).status,
    );
  });

  it('creates and deletes notes', async () => {
    const created = success(
      await call('POST', `${R}/4/notes`, {
        body: {
          data: { attributes: { id: 3100401, type: 'account', content: 'Called about renewal.' } },
        },
        token: token(4),
      }),
    );
    const id = (data(created) as { id: string }).id;
    expect(attributes(await call('GET', `${R}/4/notes/${id}`, { token: token(4) })).content).toBe(
      'Called about renewal.',
    );
    const deleted = success(await call('DELETE', `${R}/4/notes/${id}`, { token: token(4) }));
    expect(deleted.text).toBe('');
    expect((await call('GET', `${R}/4/notes/${id}`, { token: token(4) })).status).toBe(404);
  });

  it('runs an async task from pending to completed', async () => {
    const created = success(
      await call('POST', `${R}/1/plans/2000031/order_attributes_validation`, {
        body: example('validatePlanOrderAttributes-request'),
      }),
    );
    const task = data(created) as { id: string; attributes: { status: string } };
    expect(task.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(task.attributes.status).toBe('pending');
    const seen: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push(attributes(await call('GET', `${R}/1/async_tasks/${task.id}`)).status);
    }
    expect(seen.slice(1)).toEqual([seen[1], seen[1], seen[1]].map(() => seen[1]));
    expect(seen[0]).not.toBe('pending');
    const done = attributes(await call('GET', `${R}/1/async_tasks/${task.id}`));
    expect(done.results).toMatchObject({ valid: true });
    // A plan that does not exist has no validation.
    const missing = await call('POST', `${R}/1/plans/1/order_attributes_validation`, {
      body: example('validatePlanOrderAttributes-request'),
    });
    expect(missing.status).toBe(404);
  });

  it('updates currency rates', async () => {
    success(
      await call('PATCH', `${R}/1/currency_rates`, {
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
              {
                base_currency: 'EUR',
                foreign_currency: 'CHF',
                quantity: 1,
                rate: 0.95,
                show_for_client: false,
              },
            ],
          },
        },
      }),
    );
    const rates = attributes(await call('GET', `${R}/1/currency_rates`)).rates as {
      iso_code: string;
      rate: string;
    }[];
    expect(rates.find((r) => r.iso_code === 'USD')?.rate).toBe('1.1');
    expect(rates.find((r) => r.iso_code === 'CHF')?.rate).toBe('0.95');
  });

  it('lists the resellers below a reseller', async () => {
    // The reseller records say who is below whom: the seeded ones, and those the
    // description's examples show under reseller 1.
    const below1 = await call('GET', `${R}/1/child_resellers`);
    expect(ids(below1)).toEqual(expect.arrayContaining(['2', '3']));
    for (const reseller of data(below1) as { attributes: { parent_id: string } }[]) {
      expect(reseller.attributes.parent_id).toBe('1');
    }
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
    expect((await call('GET', `${R}/4/accounts`, { token: 'not-a-token' })).status).toBe(401);
    expect((await call('GET', `${R}/4/accounts`, { token: null })).status).toBe(401);
  });

  it('manages managers', async () => {
    const created = success(
      await call('POST', `${R}/2/managers`, {
        body: example('createManager-request'),
        token: token(2),
      }),
    );
    const id = (data(created) as { id: string }).id;
    const updated = success(
      await call('PATCH', `${R}/2/managers/${id}`, {
        body: { data: { attributes: { status: 'inactive' } } },
        token: token(2),
      }),
    );
    expect(attributes(updated)).toMatchObject({
      name: 'Alma Ruecker',
      status: 'inactive',
      reseller_id: 2,
    });
  });
});
