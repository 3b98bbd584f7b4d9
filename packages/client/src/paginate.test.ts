import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { ActivePlatformError, ActivePlatformLimitError } from './errors.js';
import { paginate } from './paginate.js';
import { BASE_URL, jsonResponse, recordingFetch, TOKEN } from './test-support/wire.js';

type Item = { id: string };
const items = (...ids: number[]): Item[] => ids.map((id) => ({ id: String(id) }));

/** A client whose `page` answers are computed from the request; `paginate` gets an untyped path. */
function listing(answer: (url: URL, index: number) => Response) {
  const wire = recordingFetch((request, i) => answer(new URL(request.url), i));
  const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch });
  const run = (path: string, init?: object) =>
    (paginate as unknown as (c: unknown, p: string, i?: object) => AsyncGenerator<Item>)(
      client,
      path,
      init,
    );
  return { wire, run };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const MANAGERS = '/api/v3/resellers/{reseller_id}/managers';

describe('paginate over links.next', () => {
  it('follows links.next until it is null and yields every item in order', async () => {
    const { wire, run } = listing((url) => {
      const page = Number(url.searchParams.get('page[number]') ?? 1);
      const next =
        page < 3 ? `/api/v3/resellers/1/managers?page[number]=${page + 1}&page[size]=2` : null;
      return jsonResponse({
        data: items(page * 10 + 1, page * 10 + 2),
        links: { self: url.pathname, next },
      });
    });

    const all = await collect(
      run(MANAGERS, { params: { path: { reseller_id: 1 }, query: { page: { size: 2 } } } }),
    );

    expect(all.map((i) => i.id)).toEqual(['11', '12', '21', '22', '31', '32']);
    expect(wire.requests.map((r) => r.line)).toEqual([
      'GET /api/v3/resellers/1/managers?page[size]=2',
      'GET /api/v3/resellers/1/managers?page[number]=2&page[size]=2',
      'GET /api/v3/resellers/1/managers?page[number]=3&page[size]=2',
    ]);
  });

  it('takes only the query of an absolute links.next, so the token never leaves baseUrl', async () => {
    const { wire, run } = listing((url) =>
      jsonResponse({
        data: items(url.searchParams.has('page[number]') ? 2 : 1),
        links: {
          next: url.searchParams.has('page[number]')
            ? null
            : 'https://elsewhere.example/api/v3/resellers/1/managers?page%5Bnumber%5D=2&page%5Bsize%5D=1&filter%5Bstatus%5D=active,blocked',
        },
      }),
    );
    const all = await collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } }));
    expect(all).toEqual(items(1, 2));
    expect(wire.requests.every((r) => r.url.origin === BASE_URL)).toBe(true);
    expect(wire.requests[1]?.line).toBe(
      'GET /api/v3/resellers/1/managers?page[number]=2&page[size]=1&filter[status]=active,blocked',
    );
  });

  it('keeps the caller’s filters when links.next leaves them out', async () => {
    const { wire, run } = listing((_, i) =>
      jsonResponse({ data: items(i), links: { next: i === 0 ? '?page[number]=2' : null } }),
    );
    await collect(
      run(MANAGERS, {
        params: { path: { reseller_id: 1 }, query: { filter: { status: 'active' } } },
      }),
    );
    expect(wire.requests[1]?.url.searchParams.get('filter[status]')).toBe('active');
    expect(wire.requests[1]?.url.searchParams.get('page[number]')).toBe('2');
  });

  it('stops with an error when links.next points back to a page already read', async () => {
    const { run } = listing(() =>
      jsonResponse({ data: items(1), links: { next: '/api/v3/resellers/1/managers' } }),
    );
    await expect(collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } }))).rejects.toThrow(
      /led back to a page already read/,
    );
  });
});

describe('paginate by page number', () => {
  it('counts page[number] up and stops at a short page', async () => {
    const { wire, run } = listing((url) => {
      const page = Number(url.searchParams.get('page[number]') ?? 1);
      return jsonResponse({ data: page < 3 ? items(page * 2 - 1, page * 2) : items(5) });
    });
    const all = await collect(
      run(MANAGERS, { params: { path: { reseller_id: 1 }, query: { page: { size: 2 } } } }),
    );
    expect(all.map((i) => i.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(wire.requests.map((r) => r.url.search)).toEqual([
      '?page[size]=2',
      '?page[size]=2&page[number]=2',
      '?page[size]=2&page[number]=3',
    ]);
  });

  it('stops at an empty page', async () => {
    const { wire, run } = listing((_, i) => jsonResponse({ data: i < 1 ? items(1, 2) : [] }));
    const all = await collect(
      run(MANAGERS, {
        params: { path: { reseller_id: 1 }, query: { page: { size: 2, number: 7 } } },
      }),
    );
    expect(all).toHaveLength(2);
    expect(wire.requests[1]?.url.searchParams.get('page[number]')).toBe('8');
  });

  it('uses the documented default page size of 50 when none is given', async () => {
    const { wire, run } = listing((_, i) =>
      jsonResponse({
        data: i === 0 ? items(...Array.from({ length: 50 }, (_, n) => n)) : items(99),
      }),
    );
    const all = await collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } }));
    expect(all).toHaveLength(51);
    expect(wire.requests).toHaveLength(2);
  });

  it('counts plain page / per_page up, as the Customer Store lists take them', async () => {
    const { wire, run } = listing((url) =>
      jsonResponse({ data: url.searchParams.get('page') === '1' ? items(1, 2) : items(3) }),
    );
    const all = await collect(
      run('/api/v3/customer_store/resellers/{reseller_id}/product_categories', {
        params: { path: { reseller_id: 1 }, query: { page: 1, per_page: 2 } },
      }),
    );
    expect(all).toHaveLength(3);
    expect(wire.requests.map((r) => r.url.search)).toEqual([
      '?page=1&per_page=2',
      '?page=2&per_page=2',
    ]);
  });
});

describe('paginate: stopping and failing', () => {
  it('sends no more requests after the loop breaks', async () => {
    const { wire, run } = listing((_, i) =>
      jsonResponse({ data: items(i * 2, i * 2 + 1), links: { next: `?page[number]=${i + 2}` } }),
    );
    for await (const item of run(MANAGERS, { params: { path: { reseller_id: 1 } } })) {
      if (item.id === '2') break;
    }
    expect(wire.requests).toHaveLength(2);
  });

  it('throws ActivePlatformError on an error answer, after yielding the earlier pages', async () => {
    const { run } = listing((_, i) =>
      i === 0
        ? jsonResponse({ data: items(1), links: { next: '?page[number]=2' } })
        : jsonResponse({ errors: [{ title: 'Forbidden', status: '403' }] }, { status: 403 }),
    );
    const seen: Item[] = [];
    const error = await (async () => {
      for await (const item of run(MANAGERS, { params: { path: { reseller_id: 1 } } })) {
        seen.push(item);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual(items(1));
    expect(error).toBeInstanceOf(ActivePlatformError);
    expect(error).toMatchObject({ status: 403, operation: { method: 'GET', path: MANAGERS } });
  });

  it('refuses an answer that is not a list', async () => {
    const { run } = listing(() => jsonResponse({ data: { id: '1' } }));
    await expect(collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } }))).rejects.toThrow(
      /did not answer with a list/,
    );
  });
});

describe('paginate: keys written by the server', () => {
  const polluted = () => ({}) as Record<string, unknown> & { polluted?: unknown; yes?: unknown };

  it('refuses the issue’s links.next without polluting Object.prototype', async () => {
    const { wire, run } = listing((_, i) =>
      jsonResponse({
        data: items(i),
        links: { next: i === 0 ? '?__proto__[polluted]=yes&page[number]=2' : null },
      }),
    );
    const error = await collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } })).catch(
      (e: unknown) => e,
    );
    expect(polluted().polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      `paginate: links.next of GET ${MANAGERS} has a parameter named __proto__`,
    );
    expect(wire.requests).toHaveLength(1);
  });

  it.each([
    '?constructor[prototype][polluted]=yes',
    '?page[constructor][prototype][polluted]=yes',
    '?filter[__proto__]=yes',
    '?prototype=yes',
    '?%5F%5Fproto%5F%5F[polluted]=yes',
    '?__proto__%5Bpolluted%5D=yes',
  ])('refuses %s', async (next) => {
    const { run } = listing(() => jsonResponse({ data: items(1), links: { next } }));
    await expect(collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } }))).rejects.toThrow(
      /links\.next of GET .* has a parameter named (__proto__|constructor|prototype)$/,
    );
    expect(polluted().polluted).toBeUndefined();
    expect(polluted().yes).toBeUndefined();
  });

  it('reads families into objects without a prototype, and a family replaces a plain value', async () => {
    const { wire, run } = listing((_, i) =>
      jsonResponse({
        data: items(i),
        links: {
          next: i === 0 ? '?toString=1&filter=a&filter[hasOwnProperty]=x&page[number]=2' : null,
        },
      }),
    );
    await collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } }));
    expect(wire.requests[1]?.line).toBe(
      'GET /api/v3/resellers/1/managers?toString=1&filter[hasOwnProperty]=x&page[number]=2',
    );
  });

  it('does not take links.next from a __proto__ member of the body', async () => {
    const { wire, run } = listing(
      () =>
        new Response(
          '{"data":[{"id":"1"}],"links":{"__proto__":{"next":"?page[number]=2"}},"__proto__":{"links":{"next":"?page[number]=3"}}}',
        ),
    );
    expect(await collect(run(MANAGERS, { params: { path: { reseller_id: 1 } } }))).toEqual(
      items(1),
    );
    expect(wire.requests).toHaveLength(1);
  });
});

describe('paginate: maxPages and maxItems', () => {
  /** The runaway server: every links.next changes a junk parameter. */
  const runaway = () =>
    listing((_, i) =>
      jsonResponse({ data: items(i * 2, i * 2 + 1), links: { next: `?junk=${i}` } }),
    );

  it('stops a runaway list after maxPages pages with ActivePlatformLimitError', async () => {
    const { wire, run } = runaway();
    const seen: Item[] = [];
    const error = await (async () => {
      for await (const item of run(MANAGERS, {
        params: { path: { reseller_id: 1 } },
        maxPages: 5,
      })) {
        seen.push(item);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivePlatformLimitError);
    expect(error).toMatchObject({
      limit: 'maxPages',
      value: 5,
      operation: { method: 'GET', path: MANAGERS },
      message: `GET ${MANAGERS} went past maxPages (5)`,
    });
    expect(wire.requests).toHaveLength(5);
    expect(seen).toHaveLength(10);
  });

  it('stops after maxItems items, having yielded exactly that many', async () => {
    const { wire, run } = runaway();
    const seen: Item[] = [];
    const error = await (async () => {
      for await (const item of run(MANAGERS, {
        params: { path: { reseller_id: 1 } },
        maxItems: 7,
      })) {
        seen.push(item);
      }
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ActivePlatformLimitError', limit: 'maxItems', value: 7 });
    expect(seen).toHaveLength(7);
    expect(wire.requests).toHaveLength(4);
  });

  it('a list of exactly maxPages pages and maxItems items ends normally', async () => {
    const { run } = listing((_, i) =>
      jsonResponse({ data: items(i), links: { next: i < 2 ? `?page[number]=${i + 2}` : null } }),
    );
    const all = await collect(
      run(MANAGERS, { params: { path: { reseller_id: 1 } }, maxPages: 3, maxItems: 3 }),
    );
    expect(all).toEqual(items(0, 1, 2));
  });

  it('does not pass the limits on to the request', async () => {
    const { wire, run } = listing(() => jsonResponse({ data: [] }));
    await collect(
      run(MANAGERS, { params: { path: { reseller_id: 1 } }, maxPages: 2, maxItems: 2 }),
    );
    expect(wire.requests[0]?.line).toBe('GET /api/v3/resellers/1/managers');
  });

  it.each([
    ['maxPages', 0],
    ['maxItems', -1],
    ['maxPages', '5'],
  ])('refuses %s: %j', async (name, value) => {
    const { run } = listing(() => jsonResponse({ data: [] }));
    await expect(
      collect(run(MANAGERS, { params: { path: { reseller_id: 1 } }, [name]: value })),
    ).rejects.toThrow(new RegExp(`${name} must be a number above 0`));
  });
});
