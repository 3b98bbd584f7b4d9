import type { RetryOptions } from './types.js';

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 2,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
  statuses: [408, 429, 500, 502, 503, 504],
};

/**
 * The policy for one call, or undefined when it must not be retried. `perCall` is the call's
 * `retry` option: `false` turns retries off, `true` allows them whatever the method.
 */
export function retryPolicy(
  client: RetryPolicy | undefined,
  perCall: unknown,
  method: string,
): RetryPolicy | undefined {
  if (perCall === false || (perCall === undefined && !client)) return undefined;
  const policy =
    perCall && typeof perCall === 'object'
      ? { ...(client ?? DEFAULT_RETRY), ...(perCall as RetryOptions) }
      : (client ?? DEFAULT_RETRY);
  return policy.retries > 0 && (perCall === true || policy.methods.includes(method))
    ? policy
    : undefined;
}

/** Exponential backoff with equal jitter: between half and all of `base * 2^attempt`, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** Milliseconds a `Retry-After` header asks for (delay-seconds or HTTP-date), if it parses. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const seconds = Number(value);
  const wait = Number.isNaN(seconds) ? Date.parse(value) - now : seconds * 1000;
  return Number.isNaN(wait) ? undefined : Math.max(0, wait);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
