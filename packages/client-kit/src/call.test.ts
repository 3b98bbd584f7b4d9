import { describe, expect, it } from 'vitest';
import { callWithin } from './call.js';
import { ApiError, ApiNetworkError, ApiTimeoutError } from './errors.js';

const op = { operationId: 'getThing', method: 'GET', path: '/things/{id}' };
const failures = {
  timeout: (ms: number) => new ApiTimeoutError(op, ms),
  network: (cause: unknown) => new ApiNetworkError(op, cause),
};
const never = () => new Promise<never>(() => {});

describe('callWithin', () => {
  it('gives the answer', async () => {
    expect(await callWithin({ timeoutMs: 1000 }, async () => 'answer', failures)).toBe('answer');
  });

  it('times out even when the request ignores its signal', async () => {
    const error = await callWithin({ timeoutMs: 10 }, never, failures).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect((error as Error).message).toBe('GET /things/{id} (getThing) took longer than 10 ms');
  });

  it('rejects with the caller’s reason when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = callWithin({ timeoutMs: 60_000, signal: controller.signal }, never, failures);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  it('turns a failed request into a network error with its cause and code', async () => {
    const cause = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const error = await callWithin(
      { timeoutMs: 1000 },
      () => Promise.reject(cause),
      failures,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiNetworkError);
    expect((error as Error).message).toContain('fetch failed (ECONNREFUSED)');
    expect((error as Error).cause).toBe(cause);
  });
});

describe('ApiError', () => {
  it('carries the status and the body, says the body’s message, and keeps the answer hidden', () => {
    const response = new Response(null, { status: 404 });
    const error = new ApiError({
      operation: op,
      status: 404,
      body: { message: 'Not found' },
      response,
    });
    expect(error.message).toBe('GET /things/{id} (getThing) answered 404: Not found');
    expect(error).toMatchObject({ status: 404, body: { message: 'Not found' }, operation: op });
    expect(Object.keys(error)).not.toContain('response');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'ApiError', status: 404 });
  });
});
