import type { paths } from '@activeplatform/types';
import createOpenApiClient, { type Middleware } from 'openapi-fetch';
import {
  ActivePlatformError,
  ActivePlatformLimitError,
  ActivePlatformNetworkError,
  ActivePlatformTimeoutError,
  type ErrorOperation,
} from './errors.js';
import { PARSED, type Parsed } from './parsed.js';
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, retryPolicy, sleep } from './retry.js';
import { invalid, serializePath, serializeQuery } from './serialize.js';
import type { ActivePlatformClient, ActivePlatformThrowingClient, ClientOptions } from './types.js';

const MEDIA = 'application/vnd.api+json';
/** setTimeout fires at once for delays above this, so longer timeouts mean "no timeout". */
const MAX_TIMER = 2_147_483_647;
const METHODS = 'GET PUT POST DELETE OPTIONS HEAD PATCH TRACE'.split(' ');
const REDIRECTS = [301, 302, 303, 307, 308];
const MAX_REDIRECTS = 20;
const ignore = () => {};

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
type RequestParts = { url: string; init: RequestInit & { method?: string } };

type Params = { path?: Record<string, unknown>; query?: Record<string, unknown> };
type RawResult = { data?: unknown; error?: unknown; response: Response };

const positive = (value: unknown, name: string): number =>
  typeof value === 'number' && value > 0 ? value : invalid(`${name} must be a number above 0`);

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
    maxResponseBytes = 104_857_600,
    throwOnError = false,
  } = options ?? ({} as ClientOptions);

  if (typeof token !== 'string' || !/^[\x21-\x7e]+$/.test(token)) {
    invalid('`token` must be a manager API token (no spaces or line breaks)');
  }
  let root = '';
  let origin = '';
  try {
    const url = new URL(baseUrl);
    if (/^https?:$/.test(url.protocol) && !url.search && !url.hash) {
      origin = url.origin;
      root = origin + url.pathname.replace(/\/+$/, '');
    }
  } catch {}
  if (!root || /\/api\/v3$/i.test(root)) {
    invalid(
      '`baseUrl` must be an http(s) URL without /api/v3, like https://test.activeplatform.com',
    );
  }
  if (typeof fetchImpl !== 'function') invalid('no fetch is available: pass `fetch`');
  const clientTimeout = positive(timeoutMs, 'timeoutMs');
  const clientMaxBytes = positive(maxResponseBytes, 'maxResponseBytes');
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

  // A server may echo the token: as it was sent, JSON-escaped or percent-encoded.
  const forms = [
    ...new Set([token, JSON.stringify(token).slice(1, -1), encodeURIComponent(token)]),
  ];
  const clean = (text: string) =>
    forms.reduce((out, form) => out.split(form).join('[token]'), text);
  /** Takes the token out of every string of a thrown value, its causes included, in place. */
  const scrub = (value: unknown, depth = 0): unknown => {
    if (value && typeof value === 'object' && depth < 6) {
      for (const key of Object.getOwnPropertyNames(value)) {
        try {
          const member = (value as Record<string, unknown>)[key];
          if (typeof member !== 'string') scrub(member, depth + 1);
          else if (clean(member) !== member) {
            Object.defineProperty(value, key, { value: clean(member) });
          }
        } catch {}
      }
    }
    return value;
  };

  const httpError = (
    operation: ErrorOperation,
    response: Response,
    body: unknown,
    message?: string,
  ) => new ActivePlatformError({ status: response.status, body, operation, response, message });

  async function call(
    method: string,
    path: string,
    init?: Record<string, unknown> & { signal?: AbortSignal },
  ) {
    const {
      timeoutMs: callTimeout = clientTimeout,
      maxResponseBytes: callMaxBytes = clientMaxBytes,
      retry: callRetry,
      throwOnError: throws = throwOnError,
      signal,
      ...rest
    } = init ?? {};
    if (path.includes('{') && !(rest.params as Params | undefined)?.path) {
      invalid(`${method} ${path} needs params.path`);
    }
    const limit = positive(callTimeout, 'timeoutMs');
    const maxBytes = positive(callMaxBytes, 'maxResponseBytes');
    const policy = retryPolicy(clientPolicy, callRetry, method);
    const operation = { method, path };
    const parseJson = rest.parseAs === undefined;
    if (parseJson) rest.parseAs = 'text';
    // Middleware sees a real Request; without any, the runtime's fetch builds the only one.
    if (!hasMiddleware && !rest.middleware) rest.Request ??= RequestParts;
    const send = (rest.fetch as typeof fetch | undefined) ?? fetchImpl;
    // Redirects are followed below, within baseUrl's origin only; the body is read here, whole
    // and within maxResponseBytes (a body streamed to the caller is handed over unread).
    const stream = rest.parseAs === 'stream';
    rest.redirect = 'manual';
    /** The answer `fetch` gave last, whose body the client read. */
    let raw: (Response & Parsed) | undefined;
    rest.fetch = async (request: Request & Partial<RequestParts>) => {
      let { url, init } = request;
      // A Request has no `init`: it goes to fetch as it is (unless middleware let it follow
      // redirects), and a copy of its body is kept for a redirect that sends it again.
      const spare = init ? undefined : request.body && request.clone();
      let input: Request | string = init
        ? url
        : request.redirect === 'manual'
          ? request
          : new Request(request, { redirect: 'manual' });
      // Marks a failure of `fetch` or of reading the body, as opposed to errors raised before.
      const net = async <T>(step: () => Promise<T>, cutShort?: boolean) => {
        try {
          return await step();
        } catch (cause) {
          throw new ActivePlatformNetworkError(operation, clean(url), cause, cutShort);
        }
      };
      for (let hops = 0; ; hops++) {
        const response = await net(() => send(input, init));
        const { status, headers, body } = response;
        if (!(status > 199 && status < 600)) {
          // What a browser gives for any redirect with `redirect: 'manual'`: no status, no target.
          if (response.type === 'opaqueredirect') {
            throw httpError(
              operation,
              response,
              '',
              'a redirect the browser hides is not followed',
            );
          }
          // undici hands over statuses such as 600 or 999, which no Response can be built with.
          // Their body is let go at once: a body left unread stalls undici's parser, and a
          // connection that then closes throws where no caller can catch it (undici#5360).
          if (status) {
            body?.cancel().catch(ignore);
            throw new ActivePlatformNetworkError(
              operation,
              clean(url),
              new RangeError(`${status} is not an HTTP status`),
            );
          }
          return response;
        }
        /**
         * The answer with the token taken out of its status text, headers and URL. The status
         * text is set afterwards: undici reads it as UTF-8, which `new Response` may refuse.
         */
        const tidy = (data: BodyInit | null) =>
          Object.defineProperties(
            new Response(data, {
              status,
              headers: [...headers].map(
                ([name, value]) => [name, clean(value)] as [string, string],
              ),
            }),
            {
              url: { value: clean(response.url) },
              statusText: { value: clean(response.statusText) },
            },
          );
        const location = REDIRECTS.includes(status) && headers.get('location');
        if (location) {
          body?.cancel().catch(ignore);
          let to: URL | undefined;
          try {
            to = new URL(location, url);
          } catch {}
          if (to?.origin !== origin || hops >= MAX_REDIRECTS) {
            throw httpError(
              operation,
              tidy(null),
              '',
              `the redirect to ${clean(location)} is not followed: ${hops < MAX_REDIRECTS ? `the token goes to ${origin} only` : 'too many redirects'}`,
            );
          }
          // From here on the request goes as a URL and an init, whatever it started as.
          init ??= {
            method: request.method,
            headers: request.headers,
            body: (await spare?.arrayBuffer()) ?? null,
            signal: request.signal,
            redirect: 'manual',
          };
          // 303 turns any method but HEAD into a GET without a body, 301 and 302 a POST.
          const { method } = init;
          if (status === 303 ? method !== 'HEAD' : status < 303 && method === 'POST') {
            init = { ...init, method: 'GET', body: null };
          }
          input = url = to.href;
          continue;
        }
        // An error answer is always read, so that the token can be taken out of its body.
        const reader = stream && response.ok ? undefined : body?.getReader();
        const tooLarge = () => {
          reader?.cancel().catch(ignore);
          return new ActivePlatformLimitError(operation, 'maxResponseBytes', maxBytes);
        };
        const chunks: BlobPart[] = [];
        let size = 0;
        if (reader) {
          if (Number(headers.get('content-length')) > maxBytes) throw tooLarge();
          for (;;) {
            const { done, value } = await net(() => reader.read(), true);
            if (done) break;
            size += value.length;
            if (size > maxBytes) throw tooLarge();
            chunks.push(value);
          }
        }
        const read = reader && new Blob(chunks);
        raw = response;
        return tidy(read ? (response.ok ? read : clean(await read.text())) : body);
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
            // The body as it came, parsed: a tapping fetch judges it without parsing it again.
            if (data) raw?.[PARSED]?.(result.data);
          } catch {
            throw httpError(operation, response, clean(data), 'the answer is not JSON');
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

  // Whatever a call throws passes through `scrub` on its way out.
  const guarded = (method: string, path: string, init?: Record<string, unknown>) =>
    call(method, path, init).catch((error: unknown) => {
      throw scrub(error);
    });
  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: Record<string, unknown>) =>
      guarded(method.toUpperCase(), path, init),
    use: (...added: Middleware[]) => {
      base.use(...added);
      // From now on every call builds a Request for the middleware (also after `eject`).
      hasMiddleware = true;
    },
    eject: base.eject,
  };
  for (const method of METHODS) {
    client[method] = (path: string, init?: Record<string, unknown>) => guarded(method, path, init);
  }
  return client as unknown as ActivePlatformClient<object>;
}
