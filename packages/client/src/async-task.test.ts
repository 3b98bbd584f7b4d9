import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AsyncTaskStatus, pollAsyncTask } from './async-task.js';
import { createClient } from './client.js';
import { ActivePlatformError, ActivePlatformTimeoutError } from './errors.js';
import { BASE_URL, jsonResponse, recordingFetch, TOKEN } from './test-support/wire.js';

const TASK_ID = '9b68427b-52d5-4c01-9b77-eb1b70517414';
const ids = { reseller_id: 1, async_task_id: TASK_ID };

const task = (status: AsyncTaskStatus | string, extra: Record<string, unknown> = {}) =>
  jsonResponse({
    data: { id: TASK_ID, type: 'async_tasks', attributes: { status, ...extra } },
  });

function polling(answers: Array<() => Response>) {
  const wire = recordingFetch((_, i) =>
    (answers[Math.min(i, answers.length - 1)] as () => Response)(),
  );
  // No per-call timer: the fake clock then holds only the poller's own timers.
  const client = createClient({
    baseUrl: BASE_URL,
    token: TOKEN,
    fetch: wire.fetch,
    timeoutMs: Number.POSITIVE_INFINITY,
  });
  return { wire, client };
}

// Captured before the fake timers are installed.
const realImmediate = setImmediate;

/**
 * Waits, in real time, until the poller sleeps between two polls (its deadline and its
 * interval timer both set). Reading an answer's body runs outside the fake clock (a Blob is
 * read off the main thread), so the clock may only move once the poller is asleep.
 */
async function asleep(): Promise<void> {
  for (let i = 0; i < 100_000 && vi.getTimerCount() < 2; i++) {
    await new Promise((resolve) => realImmediate(resolve));
  }
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('pollAsyncTask', () => {
  it('polls every intervalMs until the task is completed and returns that document', async () => {
    const results = { valid: true, errors: [], application_attributes: {} };
    const { wire, client } = polling([
      () => task('pending'),
      () => task('running'),
      () => task('completed', { results }),
    ]);
    const pending = pollAsyncTask(client, ids, { intervalMs: 500 });

    await asleep();
    expect(wire.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(wire.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await asleep();
    expect(wire.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    const done = await pending;

    expect(wire.requests).toHaveLength(3);
    expect(done.data.attributes.status).toBe('completed');
    expect(done.data.attributes.results).toEqual(results);
    expect(wire.requests.map((r) => r.line)).toEqual(
      Array(3).fill(`GET /api/v3/resellers/1/async_tasks/${TASK_ID}`),
    );
    expect(wire.requests[0]?.headers.get('x-api-token')).toBe(TOKEN);
  });

  it('returns a failed task with its failure message', async () => {
    const { client } = polling([() => task('failed', { failure_message: 'Domain is taken' })]);
    const done = await pollAsyncTask(client, ids);
    expect(done.data.attributes).toEqual({ status: 'failed', failure_message: 'Domain is taken' });
  });

  it('keeps polling through statuses it does not know yet', async () => {
    const { wire, client } = polling([() => task('queued'), () => task('completed')]);
    const pending = pollAsyncTask(client, ids, { intervalMs: 10 });
    await asleep();
    await vi.advanceTimersByTimeAsync(10);
    expect((await pending).data.attributes.status).toBe('completed');
    expect(wire.requests).toHaveLength(2);
  });

  it('gives up with ActivePlatformTimeoutError after timeoutMs', async () => {
    const { wire, client } = polling([() => task('running')]);
    const pending = pollAsyncTask(client, ids, { intervalMs: 1000, timeoutMs: 3500 }).catch(
      (e: unknown) => e,
    );
    await asleep();
    for (let poll = 0; poll < 3; poll++) {
      await vi.advanceTimersByTimeAsync(1000);
      await asleep();
    }
    await vi.advanceTimersByTimeAsync(499);
    expect(wire.requests).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(ActivePlatformTimeoutError);
    expect((error as Error).message).toBe(`async task ${TASK_ID} did not finish within 3500 ms`);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wire.requests).toHaveLength(4);
  });

  it('stops when the signal aborts, with its reason', async () => {
    const { wire, client } = polling([() => task('pending')]);
    const controller = new AbortController();
    const pending = pollAsyncTask(client, ids, {
      intervalMs: 1000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await asleep();
    await vi.advanceTimersByTimeAsync(1000);
    await asleep();
    await vi.advanceTimersByTimeAsync(500);
    controller.abort(new Error('user left'));
    expect(((await pending) as Error).message).toBe('user left');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(wire.requests).toHaveLength(2);
  });

  it('throws ActivePlatformError on an error answer, even from a client in result mode', async () => {
    const { client } = polling([
      () => jsonResponse({ errors: [{ title: 'Not found', status: '404' }] }, { status: 404 }),
    ]);
    const error = await pollAsyncTask(client, ids).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivePlatformError);
    expect(error).toMatchObject({
      status: 404,
      operation: {
        method: 'GET',
        path: '/api/v3/resellers/{reseller_id}/async_tasks/{async_task_id}',
      },
    });
  });

  it('refuses an answer without a status', async () => {
    const { client } = polling([() => jsonResponse({ data: { id: TASK_ID } })]);
    await expect(pollAsyncTask(client, ids)).rejects.toThrow(/has no data.attributes.status/);
  });
});
