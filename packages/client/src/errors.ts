import type { ErrorBodyOf, ErrorStatusOf } from './types.js';

/** One entry of the API's `errors` member. The platform's own examples carry `title` and `status`. */
export interface ApiErrorObject {
  title?: string;
  status?: string;
  code?: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  [member: string]: unknown;
}

/** Which call failed: its method and the path template it was made with. */
export interface ErrorOperation {
  method: string;
  path: string;
}

interface HttpErrorInit {
  status: number;
  body: unknown;
  operation: ErrorOperation;
  response: Response;
  message?: string | undefined;
}

/**
 * The API answered with an error status, with a body that could not be read, or with a redirect
 * the client does not follow (see `createClient`). Carries the
 * status, the body (JSON when it parses, text otherwise), the `errors` entries whichever shape the
 * body gives them (array or single object), the operation and the request id header if any.
 */
export class ActivePlatformError<Op = unknown> extends Error {
  override readonly name = 'ActivePlatformError';
  /** HTTP status of the answer. */
  declare readonly status: number;
  /** Body of the answer: parsed JSON, or the text when it is not JSON. */
  declare readonly body: ErrorBodyOf<Op>;
  /** The `errors` entries of the body as an array (a single error object becomes one entry). */
  declare readonly errors: ApiErrorObject[];
  /** Method and path template of the call. */
  declare readonly operation: ErrorOperation;
  /** The `X-Request-Id` answer header, if the server sent one. */
  declare readonly requestId: string | undefined;
  /** The URL that answered, where the `fetch` in use reports it (`''` otherwise). */
  declare readonly url: string;
  /** The answer itself (its body has been read). Not enumerable, so logs stay short. */
  declare readonly response: Response;

  constructor(init: HttpErrorInit) {
    const { status, body, operation, response } = init;
    const raw = (body as { errors?: unknown } | null)?.errors;
    const errors = (Array.isArray(raw) ? raw : [raw]).filter(
      (e): e is ApiErrorObject => !!e && typeof e === 'object',
    );
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const detail =
      init.message ??
      (errors.map((e) => e.title ?? e.detail ?? e.code).join('; ') ||
        (typeof body === 'string' && body.slice(0, 200)));
    super(
      `${operation.method} ${operation.path} answered ${`${status} ${response.statusText}`.trim()}${detail ? `: ${detail}` : ''}${requestId ? ` (request id ${requestId})` : ''}`,
    );
    Object.assign(this, { status, body, errors, operation, requestId, url: response.url });
    Object.defineProperty(this, 'response', { value: response });
  }

  /** True when the answer has this status; narrows `status` and `body` to what the spec declares for it. */
  is<S extends ErrorStatusOf<Op>>(
    status: S,
  ): this is ActivePlatformError<Op> & { status: S; body: ErrorBodyOf<Op, S> } {
    return this.status === status;
  }

  toJSON() {
    return { ...this, message: this.message };
  }
}

/**
 * No whole answer came back: the connection failed, the host is unknown, the request was refused,
 * or the answer's body broke off before its end.
 */
export class ActivePlatformNetworkError extends Error {
  override readonly name = 'ActivePlatformNetworkError';
  declare readonly operation: ErrorOperation;
  declare readonly url: string;

  constructor(operation: ErrorOperation, url: string, cause: unknown, cutShort?: boolean) {
    const c = cause as { message?: string; code?: string; cause?: { code?: string } } | null;
    const code = c?.cause?.code ?? c?.code;
    super(
      `${operation.method} ${operation.path} got ${cutShort ? 'a cut-short answer' : 'no answer'} from ${url}: ${c?.message}${code ? ` (${code})` : ''}`,
      { cause },
    );
    Object.assign(this, { operation, url });
  }
}

/** Which limit a call or `paginate` ran into. */
export type ActivePlatformLimit = 'maxResponseBytes' | 'maxPages' | 'maxItems';

/** An answer or a list was larger than a limit allows (`maxResponseBytes`, `maxPages`, `maxItems`). */
export class ActivePlatformLimitError extends Error {
  override readonly name = 'ActivePlatformLimitError';
  declare readonly operation: ErrorOperation;
  /** The option whose value was exceeded. */
  declare readonly limit: ActivePlatformLimit;
  /** Its value. */
  declare readonly value: number;

  constructor(operation: ErrorOperation, limit: ActivePlatformLimit, value: number) {
    super(`${operation.method} ${operation.path} went past ${limit} (${value})`);
    Object.assign(this, { operation, limit, value });
  }
}

/** A call attempt or a wait (such as `pollAsyncTask`) took longer than allowed. */
export class ActivePlatformTimeoutError extends Error {
  override readonly name = 'ActivePlatformTimeoutError';
  declare readonly operation: ErrorOperation;
  declare readonly timeoutMs: number;

  constructor(operation: ErrorOperation, timeoutMs: number, message?: string) {
    super(message ?? `${operation.method} ${operation.path} took longer than ${timeoutMs} ms`);
    Object.assign(this, { operation, timeoutMs });
  }
}

/**
 * Type guard for errors thrown by the client, optionally of one status. With the operation as type
 * argument, `is()` then narrows the body to what the spec declares for a status:
 * `if (isActivePlatformError<operations['updateClosingDocument']>(e) && e.is(400)) e.body.errors`.
 */
export function isActivePlatformError<Op = unknown>(
  error: unknown,
  status?: ErrorStatusOf<Op>,
): error is ActivePlatformError<Op> {
  return error instanceof ActivePlatformError && (status === undefined || error.status === status);
}
