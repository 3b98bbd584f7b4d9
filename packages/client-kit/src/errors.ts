/** Which call failed: its operationId, method and the path template it was made with. */
export interface ApiOperation {
  operationId: string;
  method: string;
  path: string;
}

export interface ApiErrorInit {
  operation: ApiOperation;
  status: number;
  /** The answer's body: the value the client read from it, or its text. */
  body: unknown;
  /** The answer (its body already read); kept on the error, not enumerable. */
  response: Response;
  /** What went wrong, when the status and the body do not say it. */
  message?: string | undefined;
  cause?: unknown;
}

const label = (operation: ApiOperation) =>
  `${operation.method} ${operation.path} (${operation.operationId})`;

/** A short line about an error body: its text, or the `message` member of its value. */
function summary(body: unknown): string {
  const text =
    typeof body === 'string' ? body : (body as { message?: unknown } | null | undefined)?.message;
  return typeof text === 'string' ? text.trim().slice(0, 200) : '';
}

/**
 * The API answered with an error status, or with an answer the client cannot read as its
 * description says. Carries the status, the body, the operation and the URL that answered.
 * Each client extends it with its API's name and, where the API has one, its error body's type.
 */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  declare readonly status: number;
  declare readonly body: unknown;
  declare readonly operation: ApiOperation;
  /** The URL that answered, where the `fetch` in use reports it (`''` otherwise). */
  declare readonly url: string;
  /** The answer itself (its body has been read). Not enumerable, so logs stay short. */
  declare readonly response: Response;

  constructor(init: ApiErrorInit) {
    const { operation, status, body, response } = init;
    const detail = init.message ?? summary(body);
    super(
      `${label(operation)} answered ${status}${detail ? `: ${detail}` : ''}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    Object.assign(this, { status, body, operation, url: response.url });
    Object.defineProperty(this, 'response', { value: response });
  }

  toJSON() {
    return { ...this, name: this.name, message: this.message };
  }
}

/** No whole answer came back: the connection failed, the host is unknown, the request was refused. */
export class ApiNetworkError extends Error {
  override readonly name: string = 'ApiNetworkError';
  declare readonly operation: ApiOperation;

  constructor(operation: ApiOperation, cause: unknown) {
    const c = cause as { message?: string; code?: string; cause?: { code?: string } } | null;
    const code = c?.cause?.code ?? c?.code;
    super(`${label(operation)} got no answer: ${c?.message}${code ? ` (${code})` : ''}`, {
      cause,
    });
    Object.assign(this, { operation });
  }
}

/** A call took longer than its time limit. */
export class ApiTimeoutError extends Error {
  override readonly name: string = 'ApiTimeoutError';
  declare readonly operation: ApiOperation;
  declare readonly timeoutMs: number;

  constructor(operation: ApiOperation, timeoutMs: number) {
    super(`${label(operation)} took longer than ${timeoutMs} ms`);
    Object.assign(this, { operation, timeoutMs });
  }
}
