import type { components, operations, paths } from '@activeplatform/types';
import type { Client } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ActivePlatformClient,
  ActivePlatformError,
  type ActivePlatformThrowingClient,
  type AsyncTaskDocument,
  createClient,
  type ErrorBodyOf,
  type ErrorStatusOf,
  isActivePlatformError,
  type ListItem,
  type ListPath,
  paginate,
  pollAsyncTask,
  toDataUri,
} from './index.js';

const client = createClient({ baseUrl: 'https://test.activeplatform.com', token: 't' });
const throwing = createClient({
  baseUrl: 'https://test.activeplatform.com',
  token: 't',
  throwOnError: true,
});

const LIST = '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices' as const;
const ONE =
  '/api/v3/resellers/{reseller_id}/accounts/{account_id}/external_invoices/{external_invoice_id}' as const;
const NOTIFY = '/api/v3/resellers/{reseller_id}/notifications/external_invoices' as const;
type Input = components['schemas']['ClosingDocumentInput'];
type ErrorDocument = components['schemas']['ErrorDocument'];
declare const input: Input;

describe('the client is openapi-fetch typed by @activeplatform/types', () => {
  it('is openapi-fetch’s Client<paths, vnd.api+json>; the throwing one has its own type', () => {
    expectTypeOf(client).toEqualTypeOf<ActivePlatformClient>();
    expectTypeOf(client).toEqualTypeOf<Client<paths, 'application/vnd.api+json'>>();
    expectTypeOf(throwing).toEqualTypeOf<ActivePlatformThrowingClient<paths>>();
  });

  it('requires path parameters', () => {
    // @ts-expect-error params is required
    void client.DELETE(ONE);
    // @ts-expect-error external_invoice_id is missing
    void client.DELETE(ONE, { params: { path: { reseller_id: 1, account_id: 505 } } });
    void client.DELETE(ONE, {
      // @ts-expect-error ids are integers
      params: { path: { reseller_id: '1', account_id: 505, external_invoice_id: 1 } },
    });
    void client.DELETE(ONE, {
      params: { path: { reseller_id: 1, account_id: 505, external_invoice_id: 1 } },
    });
  });

  it('requires the filter[key] query of getClosingDocument', () => {
    // @ts-expect-error query.filter is required
    void client.GET(LIST, { params: { path: { reseller_id: 1, account_id: 505 } } });
    void client.GET(LIST, {
      params: { path: { reseller_id: 1, account_id: 505 }, query: { filter: { key: 'k' } } },
    });
  });

  it('types request bodies, enums included', () => {
    const path = { reseller_id: 1, account_id: 505 };
    void client.POST(LIST, { params: { path }, body: input });
    // @ts-expect-error body is required
    void client.POST(LIST, { params: { path } });
    // @ts-expect-error 'bill' is not a closing document type
    void client.POST(LIST, { params: { path }, body: { ...input, type: 'bill' } });
    const { file: _file, ...withoutFile } = input;
    // @ts-expect-error file is required
    void client.POST(LIST, { params: { path }, body: withoutFile });
    void client.POST(NOTIFY, {
      params: { path: { reseller_id: 1 } },
      // @ts-expect-error account_ids are numbers
      body: { account_ids: ['1'], start_date: '', end_date: '' },
    });
  });

  it('rejects unknown paths and methods a path does not have', () => {
    // @ts-expect-error no such path
    void client.GET('/api/v3/resellers/{reseller_id}/nothing', {});
    // @ts-expect-error the notifications path has no GET
    void client.GET(NOTIFY, { params: { path: { reseller_id: 1 } } });
    // @ts-expect-error closing documents are changed with PATCH, not PUT
    void client.PUT(ONE, {
      params: { path: { reseller_id: 1, account_id: 1, external_invoice_id: 1 } },
      body: input,
    });
  });

  it('takes the per-call options next to params', () => {
    const params = { path: { reseller_id: 1, account_id: 1, external_invoice_id: 1 } };
    void client.DELETE(ONE, { params, timeoutMs: 5000, retry: { retries: 1 }, throwOnError: true });
    void throwing.DELETE(ONE, { params, retry: true, signal: AbortSignal.timeout(10) });
    // @ts-expect-error params stay required when per-call options are given
    void client.DELETE(ONE, { timeoutMs: 5000 });
    // @ts-expect-error the throwing client checks the types of per-call options
    void throwing.DELETE(ONE, { params, timeoutMs: '5s' });
    void throwing.DELETE(ONE, { params, maxResponseBytes: 1024 });
    // @ts-expect-error maxResponseBytes is a number of bytes
    void throwing.DELETE(ONE, { params, maxResponseBytes: '1 MB' });
  });

  it('types the answer: an open string where the values are not shown, data null for notifications', async () => {
    const got = await client.GET(LIST, {
      params: { path: { reseller_id: 1, account_id: 1 }, query: { filter: { key: 'k' } } },
    });
    if (got.data) {
      // The answer's list of document types is cut off in the documentation, so the type
      // is not narrowed to the three values the request accepts.
      expectTypeOf(got.data.data.attributes.type).toEqualTypeOf<string>();
      expectTypeOf(got.data.data.id).toEqualTypeOf<string>();
    }
    if (got.error) expectTypeOf(got.error).toEqualTypeOf<ErrorDocument>();

    const sent = await client.POST(NOTIFY, {
      params: { path: { reseller_id: 1 } },
      body: { account_ids: [1], start_date: '2019-11-01', end_date: '2019-11-30' },
    });
    expectTypeOf(sent.data).toEqualTypeOf<null | undefined>();
  });

  it('in throwing mode only the success branch is returned', async () => {
    const params = { path: { reseller_id: 1, account_id: 1, external_invoice_id: 1 } };
    const { data } = await throwing.DELETE(ONE, { params });
    expectTypeOf(data).toEqualTypeOf<components['schemas']['ClosingDocumentDocument']>();

    const optedOut = await throwing.DELETE(ONE, { params, throwOnError: false });
    expectTypeOf(optedOut.data).toEqualTypeOf<
      components['schemas']['ClosingDocumentDocument'] | undefined
    >();
  });
});

describe('errors narrowed by status', () => {
  type Notify = operations['sendClosingDocumentNotifications'];
  type Update = operations['updateClosingDocument'];

  it('knows the statuses each operation declares', () => {
    expectTypeOf<ErrorStatusOf<Notify>>().toEqualTypeOf<401 | 403 | 422 | 500>();
    expectTypeOf<ErrorStatusOf<Update>>().toEqualTypeOf<400 | 401 | 403 | 404 | 422 | 500>();
    expectTypeOf<ErrorBodyOf<Update, 400>>().toEqualTypeOf<ErrorDocument>();
    expectTypeOf<ErrorStatusOf<unknown>>().toEqualTypeOf<number>();
  });

  it('narrows with isActivePlatformError and is()', () => {
    const e: unknown = null;
    if (isActivePlatformError<Notify>(e) && e.is(422)) {
      expectTypeOf(e.status).toEqualTypeOf<422>();
      expectTypeOf(e.body).toEqualTypeOf<ErrorDocument>();
      expectTypeOf(e.operation).toEqualTypeOf<{ method: string; path: string }>();
      expectTypeOf(e.requestId).toEqualTypeOf<string | undefined>();
    }
    // @ts-expect-error 404 is not declared for sendClosingDocumentNotifications
    isActivePlatformError<Notify>(e, 404);

    if (e instanceof ActivePlatformError) {
      expectTypeOf(e.status).toEqualTypeOf<number>();
      expectTypeOf(e.body).toEqualTypeOf<unknown>();
    }
    const typed = e as ActivePlatformError<Update>;
    if (typed.is(400)) expectTypeOf(typed.status).toEqualTypeOf<400>();
    // @ts-expect-error 418 is not declared for updateClosingDocument
    typed.is(418);
  });
});

/** An operation set with a list, as the spec will have once list operations land. */
interface ListPaths {
  '/api/v3/resellers/{reseller_id}/managers': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: {
        query?: { page?: { size?: number; number?: number } };
        header?: never;
        path: { reseller_id: number };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: { 'application/vnd.api+json': { data: { id: string; type: 'managers' }[] } };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

describe('helpers', () => {
  it('paginate yields the item type of a list operation and only takes list paths', () => {
    const lists = createClient<ListPaths>({ baseUrl: 'https://x.example', token: 't' });
    expectTypeOf<ListPath<ListPaths>>().toEqualTypeOf<'/api/v3/resellers/{reseller_id}/managers'>();
    expectTypeOf<ListItem<ListPaths, '/api/v3/resellers/{reseller_id}/managers'>>().toEqualTypeOf<{
      id: string;
      type: 'managers';
    }>();
    const it = paginate(lists, '/api/v3/resellers/{reseller_id}/managers', {
      params: { path: { reseller_id: 1 }, query: { page: { size: 100 } } },
    });
    expectTypeOf(it).toEqualTypeOf<
      AsyncGenerator<{ id: string; type: 'managers' }, void, undefined>
    >();
    // @ts-expect-error path parameters are required
    paginate(lists, '/api/v3/resellers/{reseller_id}/managers', {});
    paginate(lists, '/api/v3/resellers/{reseller_id}/managers', {
      params: { path: { reseller_id: 1 } },
      maxPages: 100,
      maxItems: 5000,
    });
    paginate(lists, '/api/v3/resellers/{reseller_id}/managers', {
      params: { path: { reseller_id: 1 } },
      // @ts-expect-error the limits are numbers
      maxPages: '100',
    });
    // @ts-expect-error getClosingDocument answers one document, not a list
    paginate(client, LIST, {
      params: { path: { reseller_id: 1, account_id: 1 }, query: { filter: { key: 'k' } } },
    });
  });

  it('pollAsyncTask resolves to a finished task document', () => {
    expectTypeOf(pollAsyncTask(client, { reseller_id: 1, async_task_id: 'x' })).toEqualTypeOf<
      Promise<AsyncTaskDocument<'completed' | 'failed'>>
    >();
    // @ts-expect-error the task id is required
    pollAsyncTask(client, { reseller_id: 1 });
  });

  it('toDataUri takes bytes, Blobs and paths and resolves to a string', () => {
    expectTypeOf(toDataUri(new Uint8Array())).toEqualTypeOf<Promise<string>>();
    expectTypeOf(toDataUri)
      .parameter(0)
      .toEqualTypeOf<Uint8Array | ArrayBuffer | Blob | string | URL>();
    // @ts-expect-error numbers are not files
    toDataUri(1);
  });
});
