import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './client.js';
import { ActivePlatformNetworkError, ActivePlatformTimeoutError } from './errors.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, retryPolicy } from './retry.js';
import { BASE_URL, jsonResponse, recordingFetch, TOKEN } from './test-support/wire.js';
import type { ClientOptions } from './types.js';

type Result = { data?: unknown; error?: unknown; response: Response };
type Call = (path: string, init?: Record<string, unknown>) => Promise<Result>;

const PATH = '/api/v3/resellers/1/notes';

/** Answers in turn with the given responses (the last one repeats); `'fail'` rejects like a network failure. */
function scripted(answers: Array<(() => Response) | 'fail'>, options: Partial<ClientOptions> = {}) {
  const wire = recordingFetch((_, i) => {
    const answer = answers[Math.min(i, answers.length - 1)];
    if (answer === 'fail' || answer === undefined) throw new TypeError('fetch failed');
    return answer();
  });
  const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch, ...options });
  const c = client as unknown as Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Call>;
  return { wire, ...c };
}

const status =
  (code: number, headers: Record<string, string> = {}) =>
  () =>
    jsonResponse(
      { errors: [{ title: `status ${code}`, status: String(code) }] },
      { status: code, headers },
    );
const ok = () => jsonResponse({ data: [] });

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** Runs `promise` while moving the fake clock on until it settles. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => {
    done = true;
  });
  tracked.catch(() => {});
  while (!done) await vi.advanceTimersByTimeAsync(100);
  return tracked;
}

describe('which calls are retried', () => {
  it.each(['GET', 'PUT', 'DELETE'] as const)(
    '%s is retried on 503 and then succeeds',
    async (m) => {
      const api = scripted([status(503), ok]);
      const result = await settle(api[m](PATH));
      expect(result.response.status).toBe(200);
      expect(api.wire.requests.map((r) => r.method)).toEqual([m, m]);
    },
  );

  it.each([500, 502, 504, 408, 429])('GET is retried on %i', async (code) => {
    const api = scripted([status(code), ok]);
    await settle(api.GET(PATH));
    expect(api.wire.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 422, 501])('GET is not retried on %i', async (code) => {
    const api = scripted([status(code), ok]);
    const result = await settle(api.GET(PATH));
    expect(result.response.status).toBe(code);
    expect(api.wire.requests).toHaveLength(1);
  });

  it.each(['POST', 'PATCH'] as const)('%s is never retried unless asked', async (m) => {
    const onStatus = scripted([status(503), ok]);
    expect((await settle(onStatus[m](PATH))).response.status).toBe(503);
    expect(onStatus.wire.requests).toHaveLength(1);

    const onNetwork = scripted(['fail', ok]);
    await expect(settle(onNetwork[m](PATH))).rejects.toBeInstanceOf(ActivePlatformNetworkError);
    expect(onNetwork.wire.requests).toHaveLength(1);
  });

  it('POST is retried when the call asks with retry: true', async () => {
    const api = scripted([status(503), 'fail', ok]);
    const result = await settle(api.POST(PATH, { body: { a: 1 }, retry: true }));
    expect(result.response.status).toBe(200);
    expect(api.wire.requests).toHaveLength(3);
    // Every attempt carries the whole body again.
    expect(api.wire.requests.map((r) => r.body)).toEqual(Array(3).fill('{"a":1}'));
  });

  it('POST is retried when the client lists it in retry.methods', async () => {
    const api = scripted([status(502), ok], { retry: { methods: ['POST'] } });
    await settle(api.POST(PATH, { body: {} }));
    expect(api.wire.requests).toHaveLength(2);
  });

  it('network failures of GET are retried, then reported after the last attempt', async () => {
    const api = scripted(['fail']);
    const error = await settle(api.GET(PATH)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivePlatformNetworkError);
    expect(api.wire.requests).toHaveLength(1 + DEFAULT_RETRY.retries);
  });

  it('retries: n means n + 1 attempts; retry: false means one', async () => {
    const three = scripted([status(500)], { retry: { retries: 3 } });
    await settle(three.GET(PATH));
    expect(three.wire.requests).toHaveLength(4);

    const none = scripted([status(500)], { retry: false });
    await settle(none.GET(PATH));
    expect(none.wire.requests).toHaveLength(1);

    const perCall = scripted([status(500)]);
    await settle(perCall.GET(PATH, { retry: false }));
    expect(perCall.wire.requests).toHaveLength(1);

    const overridden = scripted([status(500)], { retry: false });
    await settle(overridden.GET(PATH, { retry: { retries: 1 } }));
    expect(overridden.wire.requests).toHaveLength(2);
  });

  it('throws the last error answer in throwing mode after the retries', async () => {
    const api = scripted([status(503)], { throwOnError: true });
    await expect(settle(api.GET(PATH))).rejects.toMatchObject({ status: 503 });
    expect(api.wire.requests).toHaveLength(3);
  });
});

describe('when the retries happen', () => {
  it('backs off exponentially with jitter between half and all of the step', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(policy, a))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    expect(backoffDelay(policy, 2)).toBe(300);
    vi.spyOn(Math, 'random').mockReturnValue(0.9999);
    expect(backoffDelay(policy, 2)).toBeCloseTo(400, 0);
  });

  it('waits the backoff before the next attempt', async () => {
    const api = scripted([status(503), status(503), ok], {
      retry: { baseDelayMs: 1000, maxDelayMs: 60_000 },
    });
    const pending = api.GET(PATH);
    await vi.advanceTimersByTimeAsync(499);
    expect(api.wire.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.wire.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(api.wire.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.wire.requests).toHaveLength(3);
    expect((await pending).response.status).toBe(200);
  });

  it('honours Retry-After in seconds on 429', async () => {
    const api = scripted([status(429, { 'Retry-After': '3' }), ok]);
    const pending = api.GET(PATH);
    await vi.advanceTimersByTimeAsync(2999);
    expect(api.wire.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.wire.requests).toHaveLength(2);
    await pending;
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
    const api = scripted([status(503, { 'Retry-After': 'Wed, 01 May 2024 10:00:05 GMT' }), ok]);
    const pending = api.GET(PATH);
    await vi.advanceTimersByTimeAsync(4999);
    expect(api.wire.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.wire.requests).toHaveLength(2);
    await pending;
  });

  it('does not retry when Retry-After asks for longer than maxRetryAfterMs', async () => {
    const api = scripted([status(429, { 'Retry-After': '120' }), ok]);
    const result = await settle(api.GET(PATH));
    expect(result.response.status).toBe(429);
    expect(api.wire.requests).toHaveLength(1);
  });

  it('parses Retry-After values', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Wed, 01 May 2024 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('resolves the policy per call', () => {
    const client = { ...DEFAULT_RETRY };
    expect(retryPolicy(client, undefined, 'GET')).toBe(client);
    expect(retryPolicy(client, undefined, 'POST')).toBeUndefined();
    expect(retryPolicy(client, true, 'POST')).toBe(client);
    expect(retryPolicy(client, false, 'GET')).toBeUndefined();
    expect(retryPolicy(undefined, undefined, 'GET')).toBeUndefined();
    expect(retryPolicy(undefined, true, 'PATCH')).toEqual(DEFAULT_RETRY);
    expect(retryPolicy(client, { retries: 0 }, 'GET')).toBeUndefined();
    expect(retryPolicy(client, { methods: ['PATCH'] }, 'PATCH')?.methods).toEqual(['PATCH']);
  });
});

/** A fetch that answers only when its request is aborted (then rejects like fetch does). */
function hanging() {
  const wire = recordingFetch(
    (request) =>
      new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      }),
  );
  return wire;
}

describe('timeouts and AbortSignal', () => {
  it('ends an attempt after timeoutMs with ActivePlatformTimeoutError', async () => {
    const wire = hanging();
    const client = createClient({
      baseUrl: BASE_URL,
      token: TOKEN,
      fetch: wire.fetch,
      timeoutMs: 1000,
      retry: false,
    });
    const get = client.GET as unknown as Call;
    const pending = get(PATH).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(wire.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(ActivePlatformTimeoutError);
    expect((error as Error).message).toBe(`GET ${PATH} took longer than 1000 ms`);
  });

  it('takes a per-call timeoutMs and retries timed-out GETs', async () => {
    const wire = hanging();
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch });
    const get = client.GET as unknown as Call;
    const error = await settle(get(PATH, { timeoutMs: 50 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActivePlatformTimeoutError);
    expect((error as ActivePlatformTimeoutError).timeoutMs).toBe(50);
    expect(wire.requests).toHaveLength(3);
  });

  it('refuses a bad per-call timeoutMs', async () => {
    const api = scripted([ok]);
    await expect(api.GET(PATH, { timeoutMs: -5 })).rejects.toThrow(/timeoutMs/);
  });

  it('passes the caller’s signal through: aborting rejects with its reason, no retry follows', async () => {
    const wire = hanging();
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch: wire.fetch });
    const get = client.GET as unknown as Call;
    const controller = new AbortController();
    const pending = get(PATH, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error('stop now'));
    const error = await pending;
    expect((error as Error).message).toBe('stop now');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(wire.requests).toHaveLength(1);
  });

  it('hands fetch a signal in init that aborts on timeout and on the caller’s abort', async () => {
    const seen: AbortSignal[] = [];
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      const signal = init?.signal as AbortSignal;
      seen.push(signal);
      return new Promise<Response>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      );
    }) as typeof globalThis.fetch;
    const client = createClient({ baseUrl: BASE_URL, token: TOKEN, fetch, retry: false });
    const get = client.GET as unknown as Call;

    const timedOut = get(PATH, { timeoutMs: 100 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(await timedOut).toBeInstanceOf(ActivePlatformTimeoutError);
    expect(seen[0]?.aborted).toBe(true);

    const controller = new AbortController();
    const aborted = get(PATH, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    expect(seen[1]?.aborted).toBe(false);
    controller.abort(new Error('gone'));
    expect(((await aborted) as Error).message).toBe('gone');
    expect(seen[1]?.aborted).toBe(true);
    expect(seen[1]?.reason).toEqual(new Error('gone'));
  });

  it('the signal also works with the timeout turned off', async () => {
    const wire = hanging();
    const client = createClient({
      baseUrl: BASE_URL,
      token: TOKEN,
      fetch: wire.fetch,
      timeoutMs: Number.POSITIVE_INFINITY,
    });
    const get = client.GET as unknown as Call;
    const controller = new AbortController();
    const pending = get(PATH, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort();
    expect((await pending) as Error).toMatchObject({ name: 'AbortError' });
  });

  it('aborting during the backoff stops the retries', async () => {
    const api = scripted([status(503), ok], { retry: { baseDelayMs: 10_000 } });
    const controller = new AbortController();
    const pending = api.GET(PATH, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    expect(api.wire.requests).toHaveLength(1);
    controller.abort();
    expect(await pending).toMatchObject({ name: 'AbortError' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.wire.requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const api = scripted([ok]);
    await expect(api.GET(PATH, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(api.wire.requests).toHaveLength(0);
  });
});
