import { isObject, type JsonObject } from '@proseapi/openapi-model';
import { describe, expect, it } from 'vitest';
import { webHandler } from '../adapters/web.js';
import { createMock } from '../mock.js';
import { createOracle } from '../testing/oracle.js';
import { type Sent, send } from '../testing/requests.js';
import { fieldFiltering } from './filters.js';
import { queryPaging } from './paging.js';
import { plainJson, type Representation } from './representation.js';
import type { WorldDialect } from './world.js';

// The stateful world on a small library: shelves hold books; lists are `{items, links}`
// pages; lending, returning, the inventory and audits are actions a dialect declares.
const MT = 'application/json';
const json = (schema: unknown, example?: unknown) => ({
  content: { [MT]: example === undefined ? { schema } : { schema, example } },
});
const ok = (schema: unknown, example?: unknown, status = '200') => ({
  [status]: { description: 'ok', ...json(schema, example) },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const page = (item: string) => ({
  type: 'object',
  required: ['items', 'links'],
  properties: { items: { type: 'array', items: ref(item) }, links: ref('Links') },
});
const id = (name: string, example: unknown, type = 'integer') => ({
  name,
  in: 'path',
  required: true,
  schema: { type },
  example,
});
const shelfId = id('shelfId', 1);
const bookId = id('bookId', 10);
const notFound = { '404': { description: 'missing', ...json(ref('Error')) } };
const spec = {
  openapi: '3.1.0',
  info: { title: 'Library', version: '1' },
  paths: {
    '/shelves': {
      get: { responses: ok(page('Shelf')) },
      post: {
        requestBody: json({ type: 'object' }),
        responses: { ...ok(ref('Shelf'), undefined, '201'), ...notFound },
      },
    },
    '/shelves/{shelfId}': {
      parameters: [shelfId],
      get: { responses: { ...ok(ref('Shelf'), { id: 1, name: 'Fiction' }), ...notFound } },
    },
    '/shelves/{shelfId}/books': {
      parameters: [shelfId],
      get: {
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } },
          { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1 } },
          { name: 'author', in: 'query', schema: { type: 'string' } },
        ],
        responses: { ...ok(page('Book')), ...notFound },
      },
      post: {
        requestBody: json({ type: 'object', properties: { title: { type: 'string' } } }),
        responses: { ...ok(ref('Book'), undefined, '201'), ...notFound },
      },
    },
    '/shelves/{shelfId}/books/{bookId}': {
      parameters: [shelfId, bookId],
      get: {
        responses: {
          ...ok(ref('Book'), {
            id: 10,
            shelfId: 1,
            title: 'Dune',
            author: 'Herbert',
            status: 'available',
          }),
          ...notFound,
        },
      },
      patch: {
        requestBody: json({ type: 'object' }),
        responses: { ...ok(ref('Book')), ...notFound },
      },
      delete: { responses: { '204': { description: 'gone' }, ...notFound } },
    },
    '/shelves/{shelfId}/books/{bookId}/lend': {
      parameters: [shelfId, bookId],
      post: { responses: { ...ok(ref('Book')), ...notFound } },
    },
    '/shelves/{shelfId}/returns': {
      parameters: [shelfId],
      post: {
        requestBody: json({
          type: 'object',
          required: ['isbn'],
          properties: { isbn: { type: 'string' } },
          example: { isbn: '978-0441013593' },
        }),
        responses: { ...ok(ref('Book')), ...notFound },
      },
    },
    '/shelves/{shelfId}/inventory': {
      parameters: [shelfId],
      get: { responses: { ...ok(ref('Inventory')), ...notFound } },
      patch: {
        requestBody: json({ type: 'object', properties: { counted: { type: 'integer' } } }),
        responses: { ...ok(ref('Inventory')), ...notFound },
      },
    },
    '/shelves/{shelfId}/audits': {
      parameters: [shelfId],
      post: { responses: { ...ok(ref('Audit'), undefined, '202'), ...notFound } },
    },
    '/shelves/{shelfId}/audits/{auditId}': {
      parameters: [shelfId, id('auditId', '6f1c3c55-1d3f-4bfa-9a52-0d6b7b3b4a10', 'string')],
      get: {
        responses: {
          ...ok(ref('Audit'), { id: '6f1c3c55-1d3f-4bfa-9a52-0d6b7b3b4a10', status: 'done' }),
          ...notFound,
        },
      },
    },
    '/available_books': { get: { responses: ok(page('Book')) } },
  },
  components: {
    schemas: {
      Links: {
        type: 'object',
        required: ['self', 'first', 'last'],
        properties: {
          self: { type: 'string' },
          first: { type: 'string' },
          last: { type: 'string' },
          prev: { type: ['string', 'null'] },
          next: { type: 'string' },
        },
      },
      Shelf: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id: { type: 'integer' }, name: { type: 'string' } },
      },
      Book: {
        type: 'object',
        required: ['id', 'shelfId', 'title', 'author', 'status'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          shelfId: { type: 'integer' },
          title: { type: 'string' },
          author: { type: 'string' },
          isbn: { type: 'string' },
          status: { type: 'string', enum: ['available', 'lent', 'lost'] },
          pages: { type: 'integer' },
          added_at: { type: 'string' },
        },
      },
      Inventory: {
        type: 'object',
        required: ['id', 'counted'],
        properties: {
          id: { type: 'integer' },
          counted: { type: 'integer' },
          history: { type: 'array', items: { type: 'integer' } },
        },
      },
      Audit: {
        type: 'object',
        required: ['id', 'status'],
        properties: {
          id: { type: 'string' },
          status: { type: 'string', enum: ['queued', 'running', 'done'] },
        },
      },
      Error: { type: 'object', properties: { message: { type: 'string' } } },
    },
  },
};

/** `{items, links}` pages: plain JSON records, with the page links beside them. */
const pages: Representation = {
  ...plainJson,
  locate(doc, schema) {
    const location = plainJson.locate(doc, schema);
    if (location?.many && location.path[0] === 'items') return { ...location, links: ['links'] };
    return location;
  },
};

const AUDIT_STEPS = ['queued', 'running', 'done'];
const library: WorldDialect = {
  representation: pages,
  paging: queryPaging({ number: 'page', size: 'per_page', defaultSize: 2 }),
  filtering: fieldFiltering(),
  timestamps: { created: 'added_at' },
  rules: [
    { name: 'lend', method: 'POST', path: '/books/{}/lend', set: { status: ['on-loan', 'lent'] } },
    {
      name: 'return',
      method: 'POST',
      path: '/shelves/{}/returns',
      target: {
        kind: 'lookup',
        collection: '/shelves/{shelfId}/books',
        match: [{ field: 'isbn', from: 'body', name: 'isbn' }],
      },
      set: { status: ['available'] },
    },
    {
      name: 'count',
      method: 'PATCH',
      path: '/shelves/{}/inventory',
      target: { kind: 'singleton', collection: '/shelves/{shelfId}/inventory' },
      apply: (fields, body) => {
        const counted = isObject(body) ? body.counted : undefined;
        if (typeof counted !== 'number') return;
        fields.history = [...(Array.isArray(fields.history) ? fields.history : []), fields.counted];
        fields.counted = counted;
      },
    },
    {
      name: 'audit',
      method: 'POST',
      path: '/shelves/{}/audits',
      create: { collection: '/shelves/{shelfId}/audits', id: 'uuid', set: { status: ['queued'] } },
    },
    {
      name: 'available',
      method: 'GET',
      path: '/available_books',
      view: {
        collection: '/shelves/{shelfId}/books',
        where: (fields) => fields.status === 'available',
      },
    },
  ],
  collections: ['/shelves/{shelfId}/inventory'],
  onRead: [
    {
      collection: '/shelves/{shelfId}/audits',
      update({ fields }) {
        const step = AUDIT_STEPS.indexOf(String(fields.status));
        if (step === -1 || step === AUDIT_STEPS.length - 1) return false;
        fields.status = AUDIT_STEPS[step + 1];
        return true;
      },
    },
  ],
  seed(world, { stateful }) {
    if (!stateful) return;
    world.put('/shelves', [], 2, { name: 'Poetry' });
    world.put('/shelves/{shelfId}/inventory', [1], 1, { counted: 40 });
    for (const [n, author] of [
      [11, 'Le Guin'],
      [12, 'Le Guin'],
      [13, 'Banks'],
    ] as const) {
      world.put('/shelves/{shelfId}/books', [1], n, {
        title: `Book ${n}`,
        author,
        isbn: `isbn-${n}`,
        status: n === 13 ? 'lent' : 'available',
      });
    }
  },
};

const oracle = createOracle(spec);
const NOW = new Date('2024-05-01T10:00:00.000Z');

function library_() {
  const mock = createMock({ spec, mode: 'stateful', world: library, now: () => NOW });
  const handler = webHandler(mock.handle);
  const call = async (method: string, path: string, body?: unknown, query = '') => {
    const sent = await send(handler, oracle, {
      method,
      path,
      query,
      headers: { 'content-type': MT },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(sent.problems, `${method} ${path}?${query}`).toEqual([]);
    return sent;
  };
  return { mock, call };
}

const items = (sent: Sent) => (sent.json as { items: JsonObject[] }).items;

describe('a stateful world on a small description', () => {
  it('creates records from the request alone, never from other records', async () => {
    const { call } = library_();
    const created = await call('POST', '/shelves/1/books', { title: 'Solaris', pages: 204 });
    expect(created.status).toBe(201);
    const book = created.json as JsonObject;
    // The title and pages come from the body, the shelf from the path, the time from the clock;
    // the required author is filled from the schema, not from the example book (Herbert).
    expect(book).toMatchObject({
      title: 'Solaris',
      pages: 204,
      shelfId: 1,
      added_at: NOW.toISOString(),
    });
    expect(book.author).not.toBe('Herbert');
    expect(['available', 'lent', 'lost']).toContain(book.status);
    expect((await call('GET', `/shelves/1/books/${book.id}`)).json).toEqual(book);
    // A body member the (open) shelf schema does not name says something of the request,
    // not of the shelf: it is not kept.
    const shelf = await call('POST', '/shelves', { name: 'Poetry', placeAfter: 'Fiction' });
    expect(shelf.json).toMatchObject({ name: 'Poetry' });
    expect(shelf.json).not.toHaveProperty('placeAfter');
  });

  it('reads, updates and deletes; a shelf that does not exist holds nothing', async () => {
    const { call } = library_();
    expect((await call('GET', '/shelves/1/books/10')).json).toMatchObject({ title: 'Dune' });
    // Read twice (the second answer may be the kept one), then changed: the read follows.
    expect((await call('GET', '/shelves/1/books/11')).json).toMatchObject({ status: 'available' });
    expect((await call('GET', '/shelves/1/books/11')).json).toMatchObject({ status: 'available' });
    const updated = await call('PATCH', '/shelves/1/books/11', { status: 'lost', colour: 'red' });
    // What the schema does not allow is dropped, what it allows is kept.
    expect(updated.json).toMatchObject({ id: 11, status: 'lost' });
    expect(updated.json).not.toHaveProperty('colour');
    expect((await call('GET', '/shelves/1/books/11')).json).toMatchObject({ status: 'lost' });
    expect((await call('DELETE', '/shelves/1/books/11')).status).toBe(204);
    expect((await call('GET', '/shelves/1/books/11')).status).toBe(404);
    expect((await call('GET', '/shelves/9/books')).status).toBe(404);
    expect((await call('GET', '/shelves/9/books/10')).status).toBe(404);
  });

  it('pages lists with links that walk every record once, and filters them', async () => {
    const { call } = library_();
    const first = await call('GET', '/shelves/1/books');
    const links = (first.json as { links: Record<string, string | null> }).links;
    expect(links.prev).toBeNull();
    const walked: unknown[] = [];
    let next: string | null | undefined = links.self;
    while (next) {
      const url = new URL(next);
      const sent = await call('GET', url.pathname, undefined, url.search.slice(1));
      walked.push(...items(sent).map((b) => b.id));
      next = (sent.json as { links: { next?: string } }).links.next;
    }
    expect(walked).toEqual([11, 12, 13, 10]);
    const leGuin = await call('GET', '/shelves/1/books', undefined, 'author=Le%20Guin&per_page=10');
    expect(items(leGuin).map((b) => b.id)).toEqual([11, 12]);
  });

  it('runs the dialect’s actions: set, lookup, singleton, create and view', async () => {
    const { call } = library_();
    expect((await call('POST', '/shelves/1/books/11/lend')).json).toMatchObject({ status: 'lent' });
    const returned = await call('POST', '/shelves/1/returns', { isbn: 'isbn-13' });
    expect(returned.json).toMatchObject({ id: 13, status: 'available' });
    expect((await call('POST', '/shelves/1/returns', { isbn: 'none' })).status).toBe(404);
    const counted = await call('PATCH', '/shelves/1/inventory', { counted: 38 });
    expect(counted.json).toMatchObject({ counted: 38, history: [40] });
    const available = await call('GET', '/available_books', undefined, 'per_page=10');
    expect(items(available).map((b) => b.id)).toEqual([12, 13, 10]);
  });

  it('moves a record on as it is read, through the dialect’s read hook', async () => {
    const { call } = library_();
    const audit = (await call('POST', '/shelves/1/audits')).json as { id: string; status: string };
    expect(audit.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(audit.status).toBe('queued');
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      seen.push(((await call('GET', `/shelves/1/audits/${audit.id}`)).json as JsonObject).status);
    }
    expect(seen).toEqual(['running', 'done', 'done']);
    expect((await call('POST', '/shelves/7/audits')).status).toBe(404);
  });

  it('snapshots, resets and restores the world', async () => {
    const { mock, call } = library_();
    const start = mock.snapshot();
    await call('DELETE', '/shelves/1/books/10');
    const changed = mock.snapshot();
    mock.reset();
    expect(mock.snapshot()).toEqual(start);
    mock.restore(changed);
    expect((await call('GET', '/shelves/1/books/10')).status).toBe(404);
    expect(() => mock.restore({ tables: 3 } as never)).toThrow(/needs a "tables" object/);
  });
});

describe('records created from a request body', () => {
  it('keeps a body that fits the resource and bends one that does not', async () => {
    const { call } = library_();
    const fits = (
      await call('POST', '/shelves/2/books', {
        title: 'Odes',
        author: 'Keats',
        status: 'available',
      })
    ).json as JsonObject;
    expect(fits).toEqual({
      id: fits.id,
      shelfId: 2,
      title: 'Odes',
      author: 'Keats',
      status: 'available',
      added_at: NOW.toISOString(),
    });
    const odd = (
      await call('POST', '/shelves/2/books', {
        title: 'Ode',
        author: 'Keats',
        pages: '7',
        colour: 'red',
      })
    ).json as JsonObject;
    expect(odd).toMatchObject({ title: 'Ode', pages: 7 });
    expect(odd).not.toHaveProperty('colour');
    expect((await call('GET', `/shelves/2/books/${odd.id}`)).json).toEqual(odd);
  });
});
