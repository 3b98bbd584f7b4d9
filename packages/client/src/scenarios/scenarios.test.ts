/**
 * End-to-end scenarios of the client: CRUD, reseller scoping, errors, paging and async tasks.
 * The same scenarios run against the in-process mock (part of `pnpm test`) and, with
 * ACTIVEPLATFORM_BASE_URL / ACTIVEPLATFORM_TOKEN / ACTIVEPLATFORM_RESELLER_ID set, against a
 * real sandbox (`pnpm check:sandbox`; see target.ts). They discover the ids they work on,
 * create what they change and remove it again, whether they pass or fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pollAsyncTask } from '../async-task.js';
import { createClient } from '../client.js';
import { toDataUri } from '../data-uri.js';
import { ActivePlatformError, isActivePlatformError } from '../errors.js';
import { paginate } from '../paginate.js';
import { resolveTarget } from './target.js';
import { tapFetch } from './wire-tap.js';

const target = await resolveTarget();
const wire = tapFetch(target.fetch);
const settings = { baseUrl: target.baseUrl, token: target.token, fetch: wire.fetch };
/** Returns `{ data, error, response }`. */
const client = createClient(settings);
/** Throws `ActivePlatformError` on error answers. */
const api = createClient({ ...settings, throwOnError: true });
const reseller_id = target.resellerId;
/** Marks what this run creates, so that it can be told from what the installation holds. */
const run = `client-scenario-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const onMock = target.kind === 'mock';

/** Removals of what the running scenario created, undone after it whatever its outcome. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  const failures: unknown[] = [];
  for (const undo of cleanups.splice(0).reverse()) {
    await undo().catch((error: unknown) => failures.push(error));
  }
  if (failures.length) throw new AggregateError(failures, 'cleaning up after the scenario failed');
});
afterAll(() => target.finish());

/** The body the server sent for the last call, parsed. */
const lastBody = () => JSON.parse(wire.last().body) as unknown;

let accountId: number | undefined;
let planId: number | undefined;
beforeAll(async () => {
  const accounts = await api.GET('/api/v3/resellers/{reseller_id}/accounts', {
    params: { path: { reseller_id }, query: { page: { size: 1 } } },
  });
  const plans = await api.GET('/api/v3/resellers/{reseller_id}/plans', {
    params: { path: { reseller_id }, query: { page: { size: 1 } } },
  });
  const account = accounts.data.data[0]?.id;
  const plan = plans.data.data[0]?.id;
  accountId = account === undefined ? undefined : Number(account);
  planId = plan === undefined ? undefined : Number(plan);
  if (onMock) {
    // The seed gives reseller 2 two accounts and two plans: the mock target must find them.
    expect(accountId).toBeTypeOf('number');
    expect(planId).toBeTypeOf('number');
  }
});

/** The account the scenarios attach notes to; a sandbox without one skips those scenarios. */
function needAccount(skip: (note: string) => void): number {
  if (accountId === undefined) skip('the reseller has no account to attach notes to');
  return accountId as number;
}

async function createNote(account: number, content: string) {
  const created = await api.POST('/api/v3/resellers/{reseller_id}/notes', {
    params: { path: { reseller_id } },
    body: { data: { attributes: { id: account, type: 'account', content } } },
  });
  const id = created.data.data.id;
  cleanups.push(() => removeNote(Number(id)));
  return created;
}

/** A small PDF as the data URI the API takes. */
const pdf = (text: string) =>
  toDataUri(new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`), {
    mimeType: 'application/pdf',
  });

async function createDocument(name: string) {
  const created = await api.POST('/api/v3/resellers/{reseller_id}/free_access_documents', {
    params: { path: { reseller_id } },
    body: { name, file: await pdf(name) },
  });
  const id = created.data.data.id;
  cleanups.push(() => removeDocument(Number(id)));
  return created.data.data;
}

/** Removal for the clean-up: what is already gone (404) is fine, any other failure is not. */
function ensureRemoved(what: string) {
  return ({ response }: { response: Response }) => {
    if (!response.ok && response.status !== 404) {
      throw new Error(`could not remove ${what}: ${response.status}`);
    }
  };
}
const removeNote = (note_id: number) =>
  client
    .DELETE('/api/v3/resellers/{reseller_id}/notes/{note_id}', {
      params: { path: { reseller_id, note_id } },
    })
    .then(ensureRemoved(`note ${note_id}`));
const removeDocument = (free_access_document_id: number) =>
  client
    .DELETE('/api/v3/resellers/{reseller_id}/free_access_documents/{free_access_document_id}', {
      params: { path: { reseller_id, free_access_document_id } },
    })
    .then(ensureRemoved(`free access document ${free_access_document_id}`));

describe(`scenarios against the ${target.kind}`, () => {
  describe('CRUD', () => {
    it('creates a note on an account, reads it, finds it in the list and deletes it', async (ctx) => {
      const account = needAccount(ctx.skip);
      const content = `${run}: note`;
      const created = await createNote(account, content);
      expect(created.response.status).toBeGreaterThanOrEqual(200);
      expect(created.response.status).toBeLessThan(300);
      expect(created.data.data.attributes.content).toBe(content);
      const noteId = Number(created.data.data.id);

      const read = await api.GET('/api/v3/resellers/{reseller_id}/notes/{note_id}', {
        params: { path: { reseller_id, note_id: noteId } },
      });
      expect(read.data.data.id).toBe(created.data.data.id);
      expect(read.data.data.attributes.content).toBe(content);

      // Every note of the reseller: the mock does not narrow notes by filter[account_id].
      const listed: string[] = [];
      for await (const note of paginate(client, '/api/v3/resellers/{reseller_id}/notes', {
        params: { path: { reseller_id }, query: { page: { size: 100 } } },
      })) {
        if (note.attributes.content === content) listed.push(note.id);
      }
      expect(listed).toEqual([created.data.data.id]);

      const removed = await client.DELETE('/api/v3/resellers/{reseller_id}/notes/{note_id}', {
        params: { path: { reseller_id, note_id: noteId } },
      });
      expect(removed.error).toBeUndefined();
      expect(removed.response.ok).toBe(true);

      const gone = await client.GET('/api/v3/resellers/{reseller_id}/notes/{note_id}', {
        params: { path: { reseller_id, note_id: noteId } },
      });
      expect(gone.response.status).toBe(404);
      expect(gone.error).toEqual(lastBody());
    });

    it('creates a free access document, replaces it and deletes it', async () => {
      const name = `${run}.pdf`;
      const created = await createDocument(name);
      const documentId = created.id;
      expect(created.attributes.name).toBe(name);

      const names = async () => {
        const seen = new Map<string, string>();
        for await (const document of paginate(
          client,
          '/api/v3/resellers/{reseller_id}/free_access_documents',
          { params: { path: { reseller_id } } },
        )) {
          seen.set(document.id, document.attributes.name);
        }
        return seen;
      };
      expect((await names()).get(documentId)).toBe(name);

      const renamed = `${run}-replaced.pdf`;
      const replaced = await api.PUT(
        '/api/v3/resellers/{reseller_id}/free_access_documents/{free_access_document_id}',
        {
          params: { path: { reseller_id, free_access_document_id: Number(documentId) } },
          body: { name: renamed, file: await pdf(`${run} replaced`) },
        },
      );
      expect(replaced.data.data.id).toBe(documentId);
      expect(replaced.data.data.attributes.name).toBe(renamed);
      expect((await names()).get(documentId)).toBe(renamed);

      const removed = await api.DELETE(
        '/api/v3/resellers/{reseller_id}/free_access_documents/{free_access_document_id}',
        {
          params: { path: { reseller_id, free_access_document_id: Number(documentId) } },
        },
      );
      expect(removed.response.ok).toBe(true);
      expect((await names()).has(documentId)).toBe(false);
    });
  });

  describe('reseller scoping', () => {
    it("reaches the token's reseller and the resellers below it", async () => {
      const own = await api.GET('/api/v3/resellers/{reseller_id}', {
        params: { path: { reseller_id } },
      });
      expect(own.data.data.id).toBe(String(reseller_id));

      const children = await api.GET('/api/v3/resellers/{reseller_id}/child_resellers', {
        params: { path: { reseller_id } },
      });
      if (onMock) expect(children.data.data.map((child) => child.id).sort()).toEqual(['4', '5']);
      for (const child of children.data.data.slice(0, 3)) {
        const read = await api.GET('/api/v3/resellers/{reseller_id}', {
          params: { path: { reseller_id: Number(child.id) } },
        });
        expect(read.data.data.id).toBe(child.id);
        expect(read.data.data.attributes.parent_id).toBe(String(reseller_id));
      }
    });

    it("is refused the reseller above the token's reseller", async (ctx) => {
      const own = await api.GET('/api/v3/resellers/{reseller_id}', {
        params: { path: { reseller_id } },
      });
      const parent = own.data.data.attributes.parent_id;
      if (onMock) expect(parent).toBe('1');
      if (parent === null || parent === undefined) {
        ctx.skip('the reseller is at the top of the tree');
        return;
      }
      for (const call of [
        () =>
          client.GET('/api/v3/resellers/{reseller_id}', {
            params: { path: { reseller_id: Number(parent) } },
          }),
        () =>
          client.GET('/api/v3/resellers/{reseller_id}/accounts', {
            params: { path: { reseller_id: Number(parent) }, query: { page: { size: 1 } } },
          }),
      ]) {
        const { data, error, response } = await call();
        expect(data).toBeUndefined();
        expect(response.status).toBe(403);
        expect(error).toEqual(lastBody());
      }
    });
  });

  describe('errors', () => {
    it('an unknown token: ActivePlatformError with status 401 and the API error body', async () => {
      const wrongToken = `${run.replace(/\W/g, '')}x`;
      const stranger = createClient({ ...settings, token: wrongToken, throwOnError: true });
      const thrown = await stranger
        .GET('/api/v3/resellers/{reseller_id}', { params: { path: { reseller_id } } })
        .then(undefined, (error: unknown) => error);
      expect(thrown).toBeInstanceOf(ActivePlatformError);
      const error = thrown as ActivePlatformError;
      expect(error.status).toBe(401);
      expect(error.body).toEqual(lastBody());
      expect(error.errors.length).toBeGreaterThan(0);
      expect(error.operation).toEqual({ method: 'GET', path: '/api/v3/resellers/{reseller_id}' });
      expect(JSON.stringify(error)).not.toContain(wrongToken);
      expect(error.message).not.toContain(wrongToken);
    });

    it('an account that does not exist: 404 with the API error body, returned or thrown', async () => {
      // Far above any id an installation hands out.
      const params = { path: { reseller_id, account_id: 2_147_483_000 } };
      const returned = await client.GET('/api/v3/resellers/{reseller_id}/accounts/{account_id}', {
        params,
      });
      expect(returned.data).toBeUndefined();
      expect(returned.response.status).toBe(404);
      expect(returned.error).toEqual(lastBody());

      const thrown = await api
        .GET('/api/v3/resellers/{reseller_id}/accounts/{account_id}', {
          params,
        })
        .then(undefined, (error: unknown) => error);
      expect(isActivePlatformError(thrown, 404)).toBe(true);
      expect((thrown as ActivePlatformError).body).toEqual(lastBody());
    });

    it('a note without its content: 422 naming the member, in the API error body', async (ctx) => {
      const account = needAccount(ctx.skip);
      const thrown = await api
        .POST('/api/v3/resellers/{reseller_id}/notes', {
          params: { path: { reseller_id } },
          // Deliberately invalid: `content` is required.
          body: { data: { attributes: { id: account, type: 'account' } } } as never,
        })
        .then(
          (created) => {
            const id = (created.data as { data?: { id?: string } } | undefined)?.data?.id;
            if (id !== undefined) {
              cleanups.push(() => removeNote(Number(id)));
            }
            return undefined;
          },
          (error: unknown) => error,
        );
      expect(thrown).toBeInstanceOf(ActivePlatformError);
      const error = thrown as ActivePlatformError;
      expect(error.status).toBe(422);
      expect(error.body).toEqual(lastBody());
      expect(error.errors.length).toBeGreaterThan(0);
      if (onMock) {
        expect(error.errors[0]?.title).toBe(
          'param is missing or the value is empty: data.attributes.content',
        );
      }
    });
  });

  describe('paging', () => {
    it('paginate yields every free access document once, page after page', async () => {
      const mine: string[] = [];
      for (const n of [1, 2, 3]) mine.push((await createDocument(`${run}-page-${n}.pdf`)).id);
      const before = wire.answers.length;
      const seen: string[] = [];
      for await (const document of paginate(
        client,
        '/api/v3/resellers/{reseller_id}/free_access_documents',
        { params: { path: { reseller_id }, query: { page: { size: 2 } } } },
      )) {
        seen.push(document.id);
      }
      const pages = wire.answers.slice(before);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(mine));
      // Two items a page: every page but the last is full, so at least ⌈n / 2⌉ requests.
      expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(seen.length / 2));
      expect(pages.every((page) => page.method === 'GET' && page.status === 200)).toBe(true);

      // One page big enough for all of them holds the same documents.
      const whole = await api.GET('/api/v3/resellers/{reseller_id}/free_access_documents', {
        params: { path: { reseller_id }, query: { page: { size: seen.length + 10 } } },
      });
      expect(whole.data.data.map((document) => document.id).sort()).toEqual([...seen].sort());
    });
  });

  describe('async tasks', () => {
    it('an order attributes validation becomes a task that pollAsyncTask waits for', async (ctx) => {
      const account = needAccount(ctx.skip);
      if (planId === undefined) ctx.skip('the reseller has no plan');
      const validation = await api.POST(
        '/api/v3/resellers/{reseller_id}/plans/{plan_id}/order_attributes_validation',
        {
          params: { path: { reseller_id, plan_id: planId as number } },
          body: { data: { account_id: account, attributes: [] } },
        },
      );
      const taskId = validation.data.data.id;
      expect(taskId).toBeTypeOf('string');
      const task = await pollAsyncTask(
        client,
        { reseller_id, async_task_id: taskId },
        { intervalMs: target.pollIntervalMs, timeoutMs: 120_000 },
      );
      expect(task.data.id).toBe(taskId);
      expect(['completed', 'failed']).toContain(task.data.attributes.status);
      const polls = wire.answers.filter((answer) =>
        answer.target.endsWith(`/async_tasks/${taskId}`),
      );
      expect(polls.length).toBeGreaterThanOrEqual(1);
      if (onMock) {
        // The mock's task moves on as it is read: running, then completed.
        expect(polls.length).toBe(2);
        expect(task.data.attributes.status).toBe('completed');
      }
    }, 150_000);

    it('a task that does not exist: pollAsyncTask throws 404 with the API error body', async () => {
      const unknown = crypto.randomUUID();
      const thrown = await pollAsyncTask(
        client,
        { reseller_id, async_task_id: unknown },
        { intervalMs: target.pollIntervalMs },
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isActivePlatformError(thrown, 404)).toBe(true);
      expect((thrown as ActivePlatformError).body).toEqual(lastBody());
    });
  });
});
