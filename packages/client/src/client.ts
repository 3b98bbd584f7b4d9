import type { paths } from '@activeplatform/types';
import createOpenApiClient, { type Middleware } from 'openapi-fetch';
import {
  ActivePlatformError,
  ActivePlatformNetworkError,
  ActivePlatformTimeoutError,
  type ErrorOperation,
} from './errors.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, retryPolicy, sleep } from './retry.js';
import { invalid, serializePath, serializeQuery } from './serialize.js';
import type { ActivePlatformClient, ActivePlatformThrowingClient, ClientOptions } from './types.js';

const MEDIA = 'application/vnd.api+json';
/** setTimeout fires at once for delays above this, so longer timeouts mean "no timeout". */
const MAX_TIMER = 2_147_483_647;
const METHODS = 'GET PUT POST DELETE OPTIONS HEAD PATCH TRACE'.split(' ');

/**
 * What openapi-fetch builds instead of a `Request` when no middleware needs one: the URL and the
 * init, handed to `fetch` as `fetch(url, init)`, so that the runtime builds the only `Request` of
 * the call (a `Request` given to undici's `fetch` is copied into a second one). openapi-fetch
 * copies `method` from the init onto it.
 */
function RequestParts(url: string, init: RequestInit & { method: string }): RequestParts {
  if (init.body != null && /^(GET|HEAD)$/.test(init.method)) {
    throw new TypeError(`${init.method} with a body`);
  }
  return { url, init };
}
type RequestParts = { url: string; init: RequestInit };

type Params = { path?: Record<string, unknown>; query?: Record<string, unknown> };
type RawResult = { data?: unknown; error?: unknown; response: Response };

const checkTimeout = (value: unknown): number =>
  typeof value === 'number' && value > 0 ? value : invalid('timeoutMs must be a number above 0');

/**
 * Creates a client for the ActivePlatform API v3: openapi-fetch typed by `@activeplatform/types`,
 * sending `X-Api-Token`, `Accept` and `Content-Type: application/vnd.api+json`, serialising
 * `page`/`filter` objects as `page[size]=…`, retrying idempotent calls, with timeouts.
 */
export function createClient<Paths extends {} = paths>(
  options: ClientOptions & { throwOnError: true },
): ActivePlatformThrowingClient<Paths>;
export function createClient<Paths extends {} = paths>(
  options: ClientOptions,
): ActivePlatformClient<Paths>;
export function createClient(
  options: ClientOptions,
): ActivePlatformClient<object> | ActivePlatformThrowingClient<object> {
  const {
    baseUrl,
    token,
    fetch: fetchImpl = globalThis.fetch,
    headers,
    retry,
    timeoutMs = 30_000,
    throwOnError = false,
  } = options ?? ({} as ClientOptions);

  if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) {
    invalid('`token` must be a manager API token (no spaces or line breaks)');
  }
  let root = '';
  try {
    const url = new URL(baseUrl);
    if (/^https?:$/.test(url.protocol) && !url.search && !url.hash) {
      root = url.origin + url.pathname.replace(/\/+$/, '');
    }
  } catch {}
  if (!root || /\/api\/v3$/i.test(root)) {
    invalid(
      '`baseUrl` must be an http(s) URL without /api/v3, like https://test.activeplatform.com',
    );
  }
  if (typeof fetchImpl !== 'function') invalid('no fetch is available: pass `fetch`');
  const clientTimeout = checkTimeout(timeoutMs);
  const clientPolicy = retry === false ? undefined : { ...DEFAULT_RETRY, ...retry };

  const base = createOpenApiClient<Record<string, Record<string, unknown>>>({
    baseUrl: root,
    headers: { Accept: MEDIA, 'Content-Type': MEDIA, ...headers, 'X-Api-Token': token },
    querySerializer: serializeQuery,
    pathSerializer: serializePath,
  });
  let hasMiddleware = false;
  const request = base.request as unknown as (
    method: string,
    path: string,
    init: Record<string, unknown>,
  ) => Promise<RawResult>;

  const httpError = (
    operation: ErrorOperation,
    response: Response,
    body: unknown,
    message?: string,
  ) => {
    // The token is taken out of whatever the server sent back, in case it was echoed.
    const json = JSON.stringify(body) ?? '';
    const needle = JSON.stringify(token).slice(1, -1);
    return new ActivePlatformError({
      status: response.status,
      body: json.includes(needle) ? JSON.parse(json.split(needle).join('[token]')) : body,
      operation,
      response,
      message,
    });
  };

  async function call(
    method: string,
    path: string,
    init?: Record<string, unknown> & { signal?: AbortSignal },
  ) {
    const {
      timeoutMs: callTimeout = clientTimeout,
      retry: callRetry,
      throwOnError: throws = throwOnError,
      signal,
      ...rest
    } = init ?? {};
    if (path.includes('{') && !(rest.params as Params | undefined)?.path) {
      invalid(`${method} ${path} needs params.path`);
    }
    const limit = checkTimeout(callTimeout);
    const policy = retryPolicy(clientPolicy, callRetry, method);
    const operation = { method, path };
    const parseJson = rest.parseAs === undefined;
    if (parseJson) rest.parseAs = 'text';
    // Middleware sees a real Request; without any, the runtime's fetch builds the only one.
    if (!hasMiddleware && !rest.middleware) rest.Request ??= RequestParts;
    const send = (rest.fetch as typeof fetch | undefined) ?? fetchImpl;
    rest.fetch = async (request: Request & Partial<RequestParts>) => {
      try {
        // A Request has no `init`: it goes to fetch as it is.
        return await send(request.init ? request.url : request, request.init);
      } catch (cause) {
        // Marks a rejection of `fetch` itself, as opposed to errors raised before sending.
        throw new ActivePlatformNetworkError(
          operation,
          request.url.split(token).join('[token]'),
          cause,
        );
      }
    };

    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      let timer: ReturnType<typeof setTimeout> | undefined;
      let stop: (() => void) | undefined;
      const controller = limit < MAX_TIMER || signal ? new AbortController() : undefined;
      const onAbort = () => {
        controller?.abort(signal?.reason);
        stop?.();
      };
      let result: RawResult | undefined;
      let failure: Error | undefined;
      try {
        rest.signal = controller?.signal;
        let pending = request(method, path, rest);
        if (controller) {
          // The call ends when the attempt does, when the timer fires or when the caller aborts,
          // whether or not the fetch in use honours its signal.
          pending = Promise.race([
            pending,
            new Promise<never>((_, reject) => {
              stop = reject;
            }),
          ]);
          if (limit < MAX_TIMER) timer = setTimeout(onAbort, limit);
          signal?.addEventListener('abort', onAbort, { once: true });
        }
        result = await pending;
        const { response, data } = result;
        if (parseJson && response.ok && typeof data === 'string') {
          try {
            result.data = data ? JSON.parse(data) : undefined;
          } catch {
            throw httpError(operation, response, data, 'the answer is not JSON');
          }
        }
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // The call's own controller aborted while the caller's signal did not: the timer fired.
        if (controller?.signal.aborted) failure = new ActivePlatformTimeoutError(operation, limit);
        else if (error instanceof ActivePlatformNetworkError) failure = error;
        else throw error;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      }

      const canRetry = policy !== undefined && attempt < policy.retries;
      if (failure) {
        if (!canRetry) throw failure;
        await sleep(backoffDelay(policy, attempt), signal);
        continue;
      }
      const { response, error } = result as RawResult;
      if (response.ok) return result;
      if (canRetry && policy.statuses.includes(response.status)) {
        const after = parseRetryAfter(response.headers.get('Retry-After'));
        if (after === undefined || after <= policy.maxRetryAfterMs) {
          await sleep(after ?? backoffDelay(policy, attempt), signal);
          continue;
        }
      }
      if (throws) throw httpError(operation, response, error);
      return result;
    }
  }

  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: Record<string, unknown>) =>
      call(method.toUpperCase(), path, init),
    use: (...added: Middleware[]) => {
      base.use(...added);
      // From now on every call builds a Request for the middleware (also after `eject`).
      hasMiddleware = true;
    },
    eject: base.eject,
  };
  for (const method of METHODS) {
    client[method] = (path: string, init?: Record<string, unknown>) => call(method, path, init);
  }
  return client as unknown as ActivePlatformClient<object>;
}
