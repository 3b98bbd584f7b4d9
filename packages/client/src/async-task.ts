import { ActivePlatformTimeoutError } from './errors.js';
import { sleep } from './retry.js';
import type { AnyActivePlatformClient } from './types.js';

/** Where an asynchronous task is. `completed` and `failed` are final. */
export type AsyncTaskStatus = 'pending' | 'running' | 'completed' | 'failed';

/** The answer of GET /api/v3/resellers/{reseller_id}/async_tasks/{async_task_id}. */
export interface AsyncTaskDocument<Status extends AsyncTaskStatus = AsyncTaskStatus> {
  data: {
    id: string;
    type: string;
    attributes: {
      status: Status;
      /** Why the task failed, when `status` is `failed`. */
      failure_message?: string | null;
      /** What the task produced, when `status` is `completed`. */
      results?: unknown;
    };
  };
}

export interface PollAsyncTaskOptions {
  /** Milliseconds between two polls. Default 1000. */
  intervalMs?: number;
  /** Milliseconds after which polling gives up with `ActivePlatformTimeoutError`. Default 120 000. */
  timeoutMs?: number;
  /** Stops polling; the returned promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const ASYNC_TASK_PATH = '/api/v3/resellers/{reseller_id}/async_tasks/{async_task_id}';

/**
 * Polls an asynchronous task until its status is `completed` or `failed` and resolves with that
 * last task document (check `data.attributes.status`). Error answers throw `ActivePlatformError`;
 * running past `timeoutMs` throws `ActivePlatformTimeoutError`.
 */
export async function pollAsyncTask<Paths extends {}>(
  client: AnyActivePlatformClient<Paths>,
  ids: { reseller_id: number | string; async_task_id: string },
  options: PollAsyncTaskOptions = {},
): Promise<AsyncTaskDocument<'completed' | 'failed'>> {
  const { intervalMs = 1000, timeoutMs = 120_000, signal } = options;
  const deadline = new AbortController();
  const onAbort = () => deadline.abort(signal?.reason);
  const timer = setTimeout(() => deadline.abort(), Math.min(timeoutMs, 2_147_483_647));
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const get = (client as unknown as Record<string, unknown>).GET as (
    path: string,
    init: object,
  ) => Promise<{ data?: { data?: { attributes?: { status?: unknown } } } }>;
  try {
    for (;;) {
      const { data } = await get(ASYNC_TASK_PATH, {
        params: { path: ids },
        signal: deadline.signal,
        throwOnError: true,
      });
      const status = data?.data?.attributes?.status;
      if (status === 'completed' || status === 'failed') {
        return data as AsyncTaskDocument<'completed' | 'failed'>;
      }
      if (typeof status !== 'string') {
        throw new TypeError(
          `pollAsyncTask: the answer for task ${ids.async_task_id} has no data.attributes.status`,
        );
      }
      await sleep(intervalMs, deadline.signal);
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (deadline.signal.aborted) {
      throw new ActivePlatformTimeoutError(
        { method: 'GET', path: ASYNC_TASK_PATH },
        timeoutMs,
        `async task ${ids.async_task_id} did not finish within ${timeoutMs} ms`,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
