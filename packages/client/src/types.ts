import type { paths } from '@activeplatform/types';
import type { Client, FetchResponse, MaybeOptionalInit } from 'openapi-fetch';
import type {
  ErrorStatus,
  HttpMethod,
  PathsWithMethod,
  RequiredKeysOf,
  ResponseObjectMap,
} from 'openapi-typescript-helpers';

/** The media type of every ActivePlatform v3 request and answer. */
export type ApiMediaType = 'application/vnd.api+json';

/** When and how often a call is repeated after a failure. Every member is optional. */
export interface RetryOptions {
  /** Extra attempts after the first one. Default 2. */
  retries?: number;
  /** Base of the exponential backoff in milliseconds. Default 300. */
  baseDelayMs?: number;
  /** Longest backoff between two attempts in milliseconds. Default 10 000. */
  maxDelayMs?: number;
  /** Longest `Retry-After` the client waits for; a longer one ends the retries. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Methods retried without being asked per call. Default GET, HEAD, OPTIONS, PUT, DELETE. */
  methods?: string[];
  /** Answer statuses that are retried. Default 408, 429, 500, 502, 503, 504. */
  statuses?: number[];
}

/** Options of one call, next to openapi-fetch's own (`params`, `body`, `headers`, `signal` …). */
export interface CallOptions {
  /**
   * Milliseconds one attempt may take, answer body included. Overrides the client's
   * `timeoutMs`; `Infinity` turns the timeout off for this call.
   */
  timeoutMs?: number;
  /** Largest answer body this call reads, in bytes. Overrides the client's `maxResponseBytes`. */
  maxResponseBytes?: number;
  /**
   * `false`: no retries for this call. `true`: retry this call even if its method is not
   * idempotent (for example a POST you know is safe to repeat). An object overrides members
   * of the client's retry options for this call.
   */
  retry?: boolean | (RetryOptions & object);
  /** Throw an `ActivePlatformError` instead of returning `{ error }`. Overrides the client's setting. */
  throwOnError?: boolean;
}

/** Options of `createClient`. */
export interface ClientOptions {
  /** Address of the installation, e.g. `https://test.activeplatform.com`, without `/api/v3`. */
  baseUrl: string;
  /** API token of a manager, sent as `X-Api-Token`. */
  token: string;
  /** The `fetch` to send requests with; default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** Headers added to every request. `X-Api-Token` always comes from `token`. */
  headers?: Record<string, string>;
  /** Retry policy; `false` turns retries off. Default: see `RetryOptions`. */
  retry?: RetryOptions | false;
  /** Milliseconds one attempt may take. Default 30 000; `Infinity` turns it off. */
  timeoutMs?: number;
  /**
   * Largest answer body read, in bytes (after decompression). A larger answer rejects the call
   * with `ActivePlatformLimitError`. Default 104 857 600 (100 MiB); `Infinity` turns it off.
   */
  maxResponseBytes?: number;
  /** Throw `ActivePlatformError` on error answers instead of returning `{ error }`. Default false. */
  throwOnError?: boolean;
}

/** openapi-fetch's rule: the init argument is required when the operation has required members. */
export type InitParam<Init> =
  RequiredKeysOf<Init> extends never
    ? [(Init & { [key: string]: unknown })?]
    : [Init & { [key: string]: unknown }];

/** The success branch of a call's result. */
export type SuccessResult<Op, Init> = Extract<
  FetchResponse<Op & Record<string | number, unknown>, Init, ApiMediaType>,
  { data: unknown }
>;

/**
 * The client `createClient` returns: openapi-fetch's `Client<paths, 'application/vnd.api+json'>`
 * itself, so it fits wherever an openapi-fetch client is expected. The per-call options of
 * `CallOptions` go next to `params` and `body`.
 */
export type ActivePlatformClient<Paths extends {} = paths> = Client<Paths, ApiMediaType>;

/** What a call of the throwing client resolves to: the success branch, unless the call opts out. */
export type ThrowingResult<Op, Init> = Init extends { throwOnError: false }
  ? FetchResponse<Op & Record<string | number, unknown>, Init, ApiMediaType>
  : SuccessResult<Op, Init>;

/** One method of the throwing client. */
export type ThrowingClientMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]> & CallOptions,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<ThrowingResult<Paths[Path][Method & keyof Paths[Path]], Init>>;

/**
 * The client `createClient({ …, throwOnError: true })` returns: error answers are thrown as
 * `ActivePlatformError`, so each call resolves to `{ data, response }` with `data` typed as the
 * success body (unless the call passes `throwOnError: false`).
 */
export interface ActivePlatformThrowingClient<Paths extends {} = paths>
  extends Pick<Client<Paths, ApiMediaType>, 'use' | 'eject'> {
  request<
    Method extends HttpMethod,
    Path extends PathsWithMethod<Paths, Method>,
    Init extends MaybeOptionalInit<Paths[Path], Method & keyof Paths[Path]> & CallOptions,
  >(
    method: Method,
    url: Path,
    ...init: InitParam<Init>
  ): Promise<ThrowingResult<Paths[Path][Method & keyof Paths[Path]], Init>>;
  GET: ThrowingClientMethod<Paths, 'get'>;
  PUT: ThrowingClientMethod<Paths, 'put'>;
  POST: ThrowingClientMethod<Paths, 'post'>;
  DELETE: ThrowingClientMethod<Paths, 'delete'>;
  OPTIONS: ThrowingClientMethod<Paths, 'options'>;
  HEAD: ThrowingClientMethod<Paths, 'head'>;
  PATCH: ThrowingClientMethod<Paths, 'patch'>;
  TRACE: ThrowingClientMethod<Paths, 'trace'>;
}

/** Either kind of client, as the helpers take them. */
export type AnyActivePlatformClient<Paths extends {} = paths> =
  | ActivePlatformClient<Paths>
  | ActivePlatformThrowingClient<Paths>;

/** The operation object of a path and method, e.g. `OperationOf<'/api/v3/…', 'post'>`. */
export type OperationOf<
  Path extends keyof Paths,
  Method extends keyof Paths[Path],
  Paths extends {} = paths,
> = Paths[Path][Method];

type Responses<Op> = ResponseObjectMap<Op>;

/** The error statuses an operation declares (numbers only, not `4XX` or `default`). */
export type ErrorStatusOf<Op> = [Extract<keyof Responses<Op>, ErrorStatus & number>] extends [never]
  ? number
  : Extract<keyof Responses<Op>, ErrorStatus & number>;

type ContentOf<R> = R extends { content: infer C }
  ? ApiMediaType extends keyof C
    ? C[ApiMediaType]
    : C[keyof C]
  : unknown;

/** The body an operation declares for an error status (all of them if the status is omitted). */
export type ErrorBodyOf<Op, Status = ErrorStatusOf<Op>> = [
  Extract<keyof Responses<Op>, ErrorStatus & number>,
] extends [never]
  ? unknown
  : Status extends keyof Responses<Op>
    ? ContentOf<Responses<Op>[Status]>
    : never;
